package org.eibench.examples;

import java.util.Map;
import java.util.Set;

import org.eibench.metrics.AbstractMetric;
import org.eibench.metrics.Combine;
import org.eibench.metrics.FloatImage;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;
import org.eibench.metrics.config.Options;
import org.eibench.tasks.metric.Evaluators;
import org.eibench.tasks.spec.TaskKind;
import org.eibench.tasks.spi.AbstractComponent;
import org.eibench.tasks.spi.MetricProvider;

/** {@code metrics: [{name: worst_error}]}: the largest absolute pixel error of the run; its state combines by MAX. */
public final class WorstErrorMetric extends AbstractMetric<FloatImage, FloatImage> {

    public WorstErrorMetric() {
        super("worst_error", FloatImage.class, FloatImage.class);
    }

    @Override
    protected void putOptions(Map<String, Object> options) {
    }

    @Override
    public Stats measure(FloatImage prediction, FloatImage target) {
        double worst = 0;
        for (int i = 0; i < target.data().length; i++) {
            worst = Math.max(worst, Math.abs(prediction.data()[i] - target.data()[i]));
        }
        return Stats.builder().put("worst", worst).build();
    }

    @Override
    public Combine combine(String statistic) {
        return Combine.MAX;
    }

    @Override
    public MetricValues finish(Stats total) {
        return MetricValues.of(new MetricValue("worst_error", total.scalar("worst"), false));
    }

    /** Registered in META-INF/services/org.eibench.tasks.spi.MetricProvider. */
    public static final class Provider extends AbstractComponent implements MetricProvider {
        public Provider() {
            super("worst_error", Set.of(TaskKind.RESTORATION));
        }

        @Override
        public WorstErrorMetric create(Options options, TaskKind kind, Evaluators evaluators) {
            return new WorstErrorMetric();
        }
    }
}
