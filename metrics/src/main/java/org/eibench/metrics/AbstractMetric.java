package org.eibench.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of a {@link Metric} that are data: its name, its prediction and ground-truth types and its recorded
 * options, so that a metric class holds only what it computes.
 *
 * @param <P> prediction type
 * @param <G> ground-truth type
 */
public abstract class AbstractMetric<P, G> implements Metric<P, G> {

    private final String name;
    private final Class<P> predictionType;
    private final Class<G> targetType;

    protected AbstractMetric(String name, Class<P> predictionType, Class<G> targetType) {
        this.name = name;
        this.predictionType = predictionType;
        this.targetType = targetType;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public final Map<String, Object> options() {
        Map<String, Object> o = new LinkedHashMap<>();
        putOptions(o);
        return o;
    }

    /** Adds every option that changes the result, in the order run.json records them. */
    protected abstract void putOptions(Map<String, Object> options);

    @Override
    public final Class<P> predictionType() {
        return predictionType;
    }

    @Override
    public final Class<G> targetType() {
        return targetType;
    }
}
