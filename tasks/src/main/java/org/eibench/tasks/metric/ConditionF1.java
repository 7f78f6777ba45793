package org.eibench.tasks.metric;

import java.util.List;
import java.util.Map;

import org.eibench.metrics.AbstractMetric;
import org.eibench.metrics.FloatImage;
import org.eibench.metrics.GenerationTarget;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;
import org.eibench.metrics.edges.EdgeF1Metric;
import org.eibench.imaging.CannyEdges;

/**
 * Condition consistency of Canny-to-image, ControlNet++'s controllability score: Canny of the output with the
 * condition's thresholds (100/200), then the pixel-exact binary F1 against the condition, the Canny map of the
 * original image (ControlNet++ {@code eval/eval.py} lines 182-187 make the condition, 233-234 the output's map;
 * {@code eval/eval_edge.py} lines 31-34 score them with torchmetrics BinaryF1Score). The F1 arithmetic is
 * {@link EdgeF1Metric}'s: 2TP / (2TP + FP + FN), 0 when both maps are empty, mean over samples, plus the F1 pooled
 * over all pixels. The condition is recomputed from the ground truth with the same function that made the input,
 * so it is the input's edge map exactly.
 */
final class ConditionF1 extends AbstractMetric<FloatImage, GenerationTarget> implements MetricFactory.Overlay {

    private final double low;
    private final double high;
    private final EdgeF1Metric f1 = new EdgeF1Metric();

    ConditionF1(double low, double high) {
        super("canny_f1", FloatImage.class, GenerationTarget.class);
        if (!(low >= 0 && low <= high)) {
            throw new IllegalArgumentException("canny_f1 needs 0 <= low <= high, got " + low + " and " + high);
        }
        this.low = low;
        this.high = high;
    }

    @Override
    protected void putOptions(Map<String, Object> o) {
        o.put("low", low);
        o.put("high", high);
        o.put("canny", "opencv-canny-bgr-aperture3-l1");
        o.put("reference", "controlnet-plus-plus eval_edge.py");
    }

    /** The output's edge map and the condition (each one channel, 0 or 255). */
    FloatImage[] maps(FloatImage prediction, GenerationTarget target) {
        if (prediction.width() != target.image().width() || prediction.height() != target.image().height()) {
            throw new IllegalArgumentException("prediction is " + prediction.shape() + " but target is " + target.image().shape());
        }
        return new FloatImage[] {CannyEdges.of(prediction, low, high), CannyEdges.of(target.image(), low, high)};
    }

    @Override
    public Stats measure(FloatImage prediction, GenerationTarget target) {
        FloatImage[] m = maps(prediction, target);
        return f1.measure(scaled(m[0]), scaled(m[1]));
    }

    private static FloatImage scaled(FloatImage edges) {
        float[] d = new float[edges.data().length];
        for (int i = 0; i < d.length; i++) {
            d[i] = edges.data()[i] / 255f;
        }
        return new FloatImage(edges.width(), edges.height(), 1, d);
    }

    /**
     * The gallery's picture of the score: black background; green where both maps have an edge, red where only the
     * condition has one (missed), blue where only the output has one (extra).
     */
    @Override
    public FloatImage overlay(FloatImage prediction, GenerationTarget target) {
        FloatImage[] m = maps(prediction, target);
        float[] out = new float[m[0].pixels() * 3];
        for (int i = 0; i < m[0].pixels(); i++) {
            boolean p = m[0].data()[i] > 0;
            boolean c = m[1].data()[i] > 0;
            if (p && c) {
                out[3 * i + 1] = 220;
            } else if (c) {
                out[3 * i] = 255;
                out[3 * i + 1] = 60;
                out[3 * i + 2] = 60;
            } else if (p) {
                out[3 * i] = 70;
                out[3 * i + 1] = 150;
                out[3 * i + 2] = 255;
            }
        }
        return new FloatImage(m[0].width(), m[0].height(), 3, out);
    }

    @Override
    public MetricValues finish(Stats total) {
        MetricValues v = f1.finish(total);
        return new MetricValues(List.of(new MetricValue("canny_f1", v.value("edge_f1"), true),
                new MetricValue("canny_f1_pooled", v.value("edge_f1_pooled"), true)), v.notes());
    }
}
