package org.eibench.tasks.metric;

import java.util.Map;

import org.eibench.metrics.Metric;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;

/**
 * A metric a task file asks for that cannot run in this invocation because it needs an evaluator network nobody gave
 * ({@code --evaluator ROLE=PATH}). The task is built without it and says why ({@code Task.inactiveMetrics()}).
 */
public record InactiveMetric(String name, String reason) implements Metric<Object, Object> {

    @Override
    public Map<String, Object> options() {
        return Map.of();
    }

    @Override
    public Class<Object> predictionType() {
        return Object.class;
    }

    @Override
    public Class<Object> targetType() {
        return Object.class;
    }

    @Override
    public Stats measure(Object prediction, Object target) {
        throw new IllegalStateException(name + " is inactive: " + reason);
    }

    @Override
    public MetricValues finish(Stats total) {
        throw new IllegalStateException(name + " is inactive: " + reason);
    }
}
