package org.eibench.tasks.spi;

import org.eibench.metrics.Metric;
import org.eibench.metrics.config.Options;
import org.eibench.tasks.metric.Evaluators;
import org.eibench.tasks.spec.TaskKind;

/** A metric ({@code META-INF/services/org.eibench.tasks.spi.MetricProvider}); {@link #name()} is {@code metrics[].name}. */
public interface MetricProvider extends Component {

    /**
     * Builds the metric, recording problems in {@code options} rather than throwing.
     *
     * @param evaluators the networks given for this invocation by role ({@code --evaluator ROLE=PATH})
     * @return the metric, or null when a problem was recorded
     */
    Metric<?, ?> create(Options options, TaskKind kind, Evaluators evaluators);
}
