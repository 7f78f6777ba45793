package org.eibench.metrics.depth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DepthPropertiesTest {

    /** Statistics added as the runner adds them (summary, shards, merge, bootstrap): with Stats.Accumulator. */
    private static Stats add(Stats a, Stats b) {
        return new Stats.Accumulator().add(a).add(b).result();
    }


    static FloatImage[] pair(SplittableRandom r, int w, int h) {
        float[] gt = new float[w * h];
        float[] pred = new float[w * h];
        for (int i = 0; i < gt.length; i++) {
            gt[i] = r.nextDouble() < 0.1 ? 0f : (float) r.nextDouble(0.2, 12);
            pred[i] = (float) (gt[i] * r.nextDouble(0.6, 1.6) + r.nextDouble(-0.2, 0.5));
        }
        return new FloatImage[] {new FloatImage(w, h, 1, pred), new FloatImage(w, h, 1, gt)};
    }

    static DepthMetric metric(String alignment) {
        return DepthMetric.fromOptions(Map.of("alignment", alignment));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "median", "lstsq", "lstsq-disparity"})
    void mergeOfShardsEqualsWholeAndValuesAreBounded(String alignment) {
        DepthMetric m = metric(alignment);
        SplittableRandom r = new SplittableRandom(alignment.hashCode());
        List<Stats> samples = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            FloatImage[] p = pair(r, 9 + r.nextInt(9), 7 + r.nextInt(9));
            samples.add(m.measure(p[0], p[1]));
        }
        Stats.Accumulator whole = new Stats.Accumulator();
        samples.forEach(whole::add);
        Stats.Accumulator a = new Stats.Accumulator();
        Stats.Accumulator b = new Stats.Accumulator();
        for (int k = 0; k < samples.size(); k++) {
            (k % 3 == 0 ? a : b).add(samples.get(k));
        }
        MetricValues w = m.finish(whole.result());
        MetricValues s = m.finish(add(a.result(), b.result()));
        for (String key : DepthMetric.METRICS) {
            assertThat(s.value(m.key(key))).isCloseTo(w.value(m.key(key)), org.assertj.core.data.Percentage.withPercentage(1e-10));
            if (key.startsWith("delta")) {
                assertThat(w.value(m.key(key))).isBetween(0.0, 1.0);
            } else {
                assertThat(w.value(m.key(key))).isGreaterThanOrEqualTo(0.0);
            }
        }
        assertThat(w.get(m.key("rmse"))).isPresent();
        assertThat(alignment.equals("none") ? w.get("rmse") : w.get("rmse@" + alignment)).isPresent();
    }

    @Test
    void perfectPredictionScoresZeroErrorsAndFullDeltas() {
        SplittableRandom r = new SplittableRandom(3);
        FloatImage[] p = pair(r, 10, 8);
        for (String a : new String[] {"none", "median", "lstsq", "lstsq-disparity"}) {
            DepthMetric m = metric(a);
            MetricValues v = m.finish(m.measure(p[1], p[1]));
            assertThat(v.value(m.key("abs_rel"))).as(a).isLessThan(1e-6);
            assertThat(v.value(m.key("silog"))).as(a).isLessThan(1e-3);
            assertThat(v.value(m.key("delta1"))).as(a).isEqualTo(1.0);
        }
    }

    @Test
    void alignmentsRecoverTheirTransforms() {
        SplittableRandom r = new SplittableRandom(4);
        FloatImage[] p = pair(r, 12, 9);
        float[] gt = p[1].data();
        float[] scaled = new float[gt.length];
        float[] affine = new float[gt.length];
        float[] disp = new float[gt.length];
        for (int i = 0; i < gt.length; i++) {
            scaled[i] = gt[i] * 0.37f;
            affine[i] = gt[i] * 2.5f - 0.3f;
            disp[i] = gt[i] > 0 ? (float) (3.0 / gt[i] + 0.1) : 1f; // affine in inverse depth
        }
        assertThat(score("median", "depth", scaled, p[1])).isLessThan(1e-6);
        assertThat(score("lstsq", "depth", affine, p[1])).isLessThan(1e-5);
        assertThat(score("lstsq-disparity", "disparity", disp, p[1])).isLessThan(1e-5);
        assertThat(score("none", "depth", scaled, p[1])).isGreaterThan(0.3);
    }

    private static double score(String align, String input, float[] pred, FloatImage gt) {
        DepthMetric m = DepthMetric.fromOptions(Map.of("alignment", align, "input", input, "max_depth", 20));
        return m.finish(m.measure(new FloatImage(gt.width(), gt.height(), 1, pred), gt)).value(m.key("abs_rel"));
    }

    @Test
    void cropsFollowBts() {
        DepthMetric garg = DepthMetric.fromOptions(Map.of("crop", "garg"));
        FloatImage ones = new FloatImage(100, 50, 1, filled(5000, 1f));
        int[] v = garg.validPixels(ones);
        // rows int(0.40810811*50)=20 .. int(0.99189189*50)=49, cols int(3.594771)=3 .. int(96.405229)=96
        assertThat(v).hasSize((49 - 20) * (96 - 3));
        assertThat(v[0]).isEqualTo(20 * 100 + 3);
        DepthMetric eigen = DepthMetric.nyu();
        assertThat(eigen.validPixels(new FloatImage(640, 480, 1, filled(640 * 480, 1f)))).hasSize(426 * 560);
        assertThatThrownBy(() -> eigen.validPixels(ones)).hasMessageContaining("640x480").hasMessageContaining("100x50");
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void unscorablePairsSayWhyAndEmptyImagesAreSkipped() {
        DepthMetric m = metric("none");
        float[] gt = {1f, 2f, 3f, 0f};
        float[] pred = {1f, Float.NaN, 3f, Float.NaN};
        assertThatThrownBy(() -> m.measure(new FloatImage(2, 2, 1, pred), new FloatImage(2, 2, 1, gt)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN at pixel (1, 0)");
        assertThatThrownBy(() -> m.measure(new FloatImage(2, 2, 1, pred), new FloatImage(4, 1, 1, gt)))
                .hasMessageContaining("2x2x1").hasMessageContaining("4x1x1");
        Stats empty = m.measure(new FloatImage(2, 2, 1, pred), new FloatImage(2, 2, 1, new float[4]));
        assertThat(empty.scalar("skipped")).isEqualTo(1.0);
        Stats ok = m.measure(new FloatImage(2, 2, 1, new float[] {1f, 2f, 3f, 4f}), new FloatImage(2, 2, 1, new float[] {1f, 2f, 3f, 4f}));
        MetricValues v = m.finish(empty.plus(ok));
        assertThat(v.value("rmse")).isEqualTo(0.0);
        assertThat(v.notes()).containsEntry("skipped_no_valid_pixels", 1L);
        assertThatThrownBy(() -> DepthMetric.fromOptions(Map.of("input", "disparity"))).hasMessageContaining("lstsq-disparity");
        assertThatThrownBy(() -> DepthMetric.fromOptions(Map.of("alignment", "scale"))).hasMessageContaining("median");
    }

    @Test
    void medianMatchesSorting() {
        SplittableRandom r = new SplittableRandom(9);
        for (int n = 1; n < 60; n++) {
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = r.nextInt(7); // many ties
            }
            double[] s = a.clone();
            java.util.Arrays.sort(s);
            double expected = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
            assertThat(org.eibench.metrics.stats.Medians.median(a)).isEqualTo(expected);
        }
    }
}
