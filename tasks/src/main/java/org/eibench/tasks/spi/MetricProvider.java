package org.eibench.tasks.spi;

import org.eibench.metrics.Metric;
import org.eibench.tasks.spec.Options;
import org.eibench.tasks.spec.TaskKind;

/** A metric contributed by code ({@code META-INF/services/org.eibench.tasks.spi.MetricProvider}). */
public interface MetricProvider {

    /** The {@code metrics[].name} task files use. */
    String name();

    /** Builds the metric, recording problems (including a kind it does not fit) in {@code options}. */
    Metric<?, ?> create(Options options, TaskKind kind);
}
