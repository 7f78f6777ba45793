package org.eibench.metrics.depth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.MetricValues;
import org.junit.jupiter.api.Test;

/** {@code precision: float32}: the decisions BTS eval_with_pngs.py takes in float32, where double decides otherwise. */
class DepthFloat32Test {

    private static final DepthMetric BTS = DepthMetric.fromOptions(Map.of("precision", "float32"));
    private static final DepthMetric DOUBLE = DepthMetric.fromOptions(Map.of());

    private static FloatImage one(float... v) {
        return new FloatImage(v.length, 1, 1, v);
    }

    private static MetricValues score(DepthMetric m, FloatImage pred, FloatImage gt) {
        return m.finish(m.measure(pred, gt));
    }

    @Test
    void oneMillimetreIsNotAboveTheFloat32MinimumDepth() {
        // float32(1 mm) == float32(1e-3): BTS's gt > min_depth_eval is false; in double 0.0010000000475 > 0.001
        FloatImage gt = one(1f / 1000f, 2f);
        FloatImage pred = one(0.5f, 2f);
        assertThat(score(BTS, pred, gt).value("rmse")).isEqualTo(0.0);
        assertThat(score(DOUBLE, pred, gt).value("rmse")).isGreaterThan(0.3);
    }

    @Test
    void deltaRatiosAreFloat32Quotients() {
        // 1 / float32(0.8) = 1.2499999814 in double (< 1.25) but rounds to 1.25f in float32 (not < 1.25)
        FloatImage gt = one(1f);
        FloatImage pred = one(0.8f);
        assertThat(score(BTS, pred, gt).value("delta1")).isEqualTo(0.0);
        assertThat(score(DOUBLE, pred, gt).value("delta1")).isEqualTo(1.0);
        assertThat(BTS.options()).containsEntry("precision", "float32");
        assertThat(DOUBLE.options()).containsEntry("precision", "float64");
    }

    @Test
    void silogIsNotClampedAndAnImageWithoutValidPixelsFails() {
        // a constant log error: the radicand is 0 up to rounding; float64 clamps a negative one, float32 (BTS) does not
        FloatImage gt = one(1.1f, 2.3f, 3.7f, 5.9f, 7.3f);
        float[] p = new float[5];
        for (int i = 0; i < 5; i++) {
            p[i] = (float) (gt.data()[i] * 1.3);
        }
        double bts = score(BTS, one(p), gt).value("silog");
        assertThat(bts == 0 || Double.isNaN(bts) || bts < 1e-3).isTrue();
        assertThat(score(DOUBLE, one(p), gt).value("silog")).isGreaterThanOrEqualTo(0.0);
        FloatImage none = one(0f, 12f);
        assertThatThrownBy(() -> BTS.measure(none, none)).hasMessageContaining("no valid ground-truth pixel");
        assertThat(DOUBLE.finish(DOUBLE.measure(none, none)).notes()).containsEntry("skipped_no_valid_pixels", 1L);
    }

    @Test
    void unclampedSilogOfANegativeRadicandIsNaN() {
        // p = 1.1 g in float32: the log error is constant up to rounding, and for this pair mean(d^2) - mean(d)^2
        // rounds below zero (found by a search over seeded pairs)
        double[] g = {3.16054105758667, 1.026686429977417};
        double[] p = {3.476595163345337, 1.1293550729751587};
        double[] bts = new double[9];
        DepthMetric.errors32(p, g, bts);
        assertThat(bts[5]).isNaN();
        double[] clamped = new double[9];
        DepthMetric.errors(p, g, clamped);
        assertThat(clamped[5]).isEqualTo(0.0);
    }
}
