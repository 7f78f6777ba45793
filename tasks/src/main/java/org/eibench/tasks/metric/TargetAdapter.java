package org.eibench.tasks.metric;

import java.util.Map;

import org.eibench.metrics.AbstractMetric;
import org.eibench.metrics.Combine;
import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Metric;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;

/**
 * An image metric scored against a ground truth of another type, through an image made from that ground truth: its
 * statistics, how they combine and the values it reports stay the inner metric's.
 *
 * @param <G> the task's ground-truth type
 */
abstract class TargetAdapter<G> extends AbstractMetric<FloatImage, G> {

    private final Metric<FloatImage, FloatImage> inner;

    TargetAdapter(Metric<FloatImage, FloatImage> inner, Class<G> targetType) {
        super(inner.name(), FloatImage.class, targetType);
        this.inner = inner;
    }

    /** The image the inner metric scores against. */
    abstract FloatImage image(G target);

    @Override
    protected void putOptions(Map<String, Object> o) {
        o.putAll(inner.options());
    }

    @Override
    public Stats measure(FloatImage prediction, G target) {
        return inner.measure(prediction, image(target));
    }

    @Override
    public MetricValues finish(Stats total) {
        return inner.finish(total);
    }

    @Override
    public Combine combine(String key) {
        return inner.combine(key);
    }
}
