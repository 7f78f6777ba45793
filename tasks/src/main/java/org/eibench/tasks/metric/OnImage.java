package org.eibench.tasks.metric;

import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.GenerationTarget;
import org.eibench.metrics.Combine;
import org.eibench.metrics.Metric;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;

/**
 * An image metric (PSNR, SSIM, FD/KD, LPIPS) on a generation task, whose ground truth is the original image plus the
 * mask of the generated region: scored against the original image, over the whole image.
 */
record OnImage(Metric<FloatImage, FloatImage> inner) implements Metric<FloatImage, GenerationTarget> {

    @SuppressWarnings("unchecked")
    static OnImage of(Metric<?, ?> m) {
        return new OnImage((Metric<FloatImage, FloatImage>) m);
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public Map<String, Object> options() {
        return inner.options();
    }

    @Override
    public Class<FloatImage> predictionType() {
        return FloatImage.class;
    }

    @Override
    public Class<GenerationTarget> targetType() {
        return GenerationTarget.class;
    }

    @Override
    public Stats measure(FloatImage prediction, GenerationTarget target) {
        return inner.measure(prediction, target.image());
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
