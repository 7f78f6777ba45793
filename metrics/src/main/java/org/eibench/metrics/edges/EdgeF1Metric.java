package org.eibench.metrics.edges;

import java.util.List;
import java.util.Map;

import org.eibench.metrics.AbstractMetric;
import org.eibench.metrics.FloatImage;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;

/**
 * Pixel-exact F1 between two binary edge maps, the Canny controllability score of ControlNet++ (Li et al., ECCV
 * 2024; {@code eval/eval_edge.py}, {@code eval_canny}): both 8-bit Canny maps are read as grey, 255 becomes 1, and
 * torchmetrics {@code BinaryF1Score} computes 2TP / (2TP + FP + FN) with no spatial tolerance; the dataset value is
 * the mean of the per-sample scores. Where the score is 0/0 (both maps empty) torchmetrics returns 0
 * ({@code zero_division = 0}); we do the same so numbers compare.
 *
 * <p>Maps are given in [0, 1] (an 8-bit map divided by 255) and binarised with {@code value > threshold}
 * (default 0.5, torchmetrics' threshold; for 0/1 maps any threshold in (0, 1) gives the same result). One
 * difference in bookkeeping: ControlNet++ pools the four images generated per prompt into one F1 before averaging
 * over prompts; here every (prediction, target) pair is a sample. The pooled F1 over all pixels of the dataset is
 * also reported ({@code edge_f1_pooled}).
 */
public final class EdgeF1Metric extends AbstractMetric<FloatImage, FloatImage> {

    private final double threshold;

    /** @param threshold a pixel is an edge when its value in [0, 1] is greater than this (default 0.5) */
    public EdgeF1Metric(double threshold) {
        super("edge_f1", FloatImage.class, FloatImage.class);
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("edge_f1 threshold must be in [0, 1), got " + threshold);
        }
        this.threshold = threshold;
    }

    /** ControlNet++ setting: threshold 0.5. */
    public EdgeF1Metric() {
        this(0.5);
    }

    @Override
    protected void putOptions(Map<String, Object> o) {
        o.put("threshold", threshold);
    }

    @Override
    public Stats measure(FloatImage prediction, FloatImage target) {
        if (prediction.channels() != 1 || target.channels() != 1) {
            throw new IllegalArgumentException("edge maps must have one channel, got " + prediction.shape() + " and " + target.shape());
        }
        if (!prediction.sameShape(target)) {
            throw new IllegalArgumentException("edge maps differ in size: " + prediction.shape() + " and " + target.shape());
        }
        float[] p = prediction.data();
        float[] g = target.data();
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < p.length; i++) {
            if (Float.isNaN(p[i]) || Float.isNaN(g[i])) {
                throw new IllegalArgumentException("edge map contains NaN");
            }
            boolean pe = p[i] > threshold;
            boolean ge = g[i] > threshold;
            if (pe && ge) {
                tp++;
            } else if (pe) {
                fp++;
            } else if (ge) {
                fn++;
            }
        }
        return Stats.builder().put("f1_sum", f1(tp, fp, fn)).put("n", 1).put("tp", tp).put("fp", fp).put("fn", fn).build();
    }

    static double f1(double tp, double fp, double fn) {
        double den = 2 * tp + fp + fn;
        return den == 0 ? 0 : 2 * tp / den;
    }

    @Override
    public MetricValues finish(Stats total) {
        double n = total.scalarOrZero("n");
        double mean = n == 0 ? Double.NaN : total.scalar("f1_sum") / n;
        double pooled = n == 0 ? Double.NaN : f1(total.scalar("tp"), total.scalar("fp"), total.scalar("fn"));
        return new MetricValues(List.of(new MetricValue("edge_f1", mean, true), new MetricValue("edge_f1_pooled", pooled, true)),
                Map.of("samples", (long) n));
    }
}
