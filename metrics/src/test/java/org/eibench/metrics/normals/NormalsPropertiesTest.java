package org.eibench.metrics.normals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NormalsPropertiesTest {

    static FloatImage[] pair(SplittableRandom r, int w, int h, double noise) {
        float[] t = new float[w * h * 3];
        float[] p = new float[t.length];
        for (int i = 0; i < t.length; i += 3) {
            boolean invalid = r.nextDouble() < 0.1;
            for (int k = 0; k < 3; k++) {
                t[i + k] = invalid ? 0f : (float) r.nextGaussian();
                p[i + k] = (float) (t[i + k] + noise * r.nextGaussian());
            }
        }
        return new FloatImage[] {new FloatImage(w, h, 3, p), new FloatImage(w, h, 3, t)};
    }

    @ParameterizedTest
    @ValueSource(strings = {"pixels", "images"})
    void mergeOfShardsEqualsWholeAndBounds(String pooling) {
        NormalsMetric m = NormalsMetric.fromOptions(java.util.Map.of("pooling", pooling));
        SplittableRandom r = new SplittableRandom(pooling.hashCode());
        List<Stats> samples = new ArrayList<>();
        for (int k = 0; k < 7; k++) {
            FloatImage[] p = pair(r, 8 + r.nextInt(8), 5 + r.nextInt(8), r.nextDouble(0.05, 2));
            samples.add(m.measure(p[0], p[1]));
        }
        Stats.Accumulator whole = new Stats.Accumulator();
        samples.forEach(whole::add);
        Stats.Accumulator a = new Stats.Accumulator();
        Stats.Accumulator b = new Stats.Accumulator();
        for (int k = 0; k < samples.size(); k++) {
            (k < 3 ? a : b).add(samples.get(k));
        }
        MetricValues w = m.finish(whole.result());
        MetricValues s = m.finish(a.result().plus(b.result()));
        for (String key : NormalsMetric.KEYS) {
            assertThat(s.value(key)).isCloseTo(w.value(key), org.assertj.core.data.Offset.offset(1e-9));
            double v = w.value(key);
            assertThat(v).isBetween(0.0, key.startsWith("within") ? 1.0 : 180.0);
        }
        if (pooling.equals("pixels")) {
            // Histograms and counts are integers: exact.
            assertThat(a.result().plus(b.result()).vector("histogram")).containsExactly(whole.result().vector("histogram"));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void anglesAreSymmetricAndWithinRange(long seed) {
        FloatImage[] p = pair(new SplittableRandom(seed), 13, 11, 1.5);
        // Make the prediction valid wherever the target is, so that swapping keeps the same pixel set.
        float[] pd = p[0].data().clone();
        float[] td = p[1].data();
        for (int i = 0; i < td.length; i += 3) {
            if (td[i] == 0 && td[i + 1] == 0 && td[i + 2] == 0) {
                pd[i] = pd[i + 1] = pd[i + 2] = 0;
            }
        }
        FloatImage pred = new FloatImage(13, 11, 3, pd);
        double[] ab = NormalsMetric.angularErrors(pred, p[1]);
        double[] ba = NormalsMetric.angularErrors(p[1], pred);
        assertThat(ab).hasSameSizeAs(ba);
        for (int i = 0; i < ab.length; i++) {
            assertThat(ab[i]).isBetween(0.0, 180.0).isCloseTo(ba[i], org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void knownAngles() {
        float[] t = {0, 0, 1, 0, 0, 2, 0, 0, 1, 1, 0, 0, 0, 0, 0};
        float[] p = {0, 0, 5, 0, 1, 0, 0, 0, -1, 0, 0, 0, 3, 3, 3};
        double[] e = NormalsMetric.angularErrors(new FloatImage(5, 1, 3, p), new FloatImage(5, 1, 3, t));
        // same direction, perpendicular, opposite, zero prediction (90 as torch), invalid target dropped
        assertThat(e).containsExactly(new double[] {0, 90, 180, 90}, org.assertj.core.data.Offset.offset(1e-9));
        assertThatThrownBy(() -> NormalsMetric.angularErrors(new FloatImage(1, 1, 3, new float[] {Float.NaN, 0, 1}),
                new FloatImage(1, 1, 3, new float[] {0, 0, 1}))).hasMessageContaining("pixel (0, 0)");
    }

    /** The histogram median's guarantee, on pooled data of different shapes and sizes. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void histogramMedianIsWithinItsBound(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 1 + r.nextInt(seed % 2 == 0 ? 50 : 200_000);
        double[] e = new double[n];
        double[] hist = new double[AngleHistogram.BINS];
        for (int i = 0; i < n; i++) {
            double v = switch ((int) (seed % 3)) {
                case 0 -> Math.abs(r.nextGaussian()) * 12; // DSINE-like
                case 1 -> r.nextDouble() * 180;
                default -> r.nextDouble() < 0.5 ? r.nextDouble() * 0.8 : 20 + r.nextDouble(); // sub-degree and gap
            };
            e[i] = v;
            hist[AngleHistogram.bin(v)]++;
        }
        double est = AngleHistogram.median(hist);
        Arrays.sort(e);
        double exact = n % 2 == 1 ? e[n / 2] : (e[n / 2 - 1] + e[n / 2]) / 2;
        assertThat(Math.abs(est - exact)).as("n=" + n + " exact " + exact + " est " + est)
                .isLessThanOrEqualTo(Math.max(0.001, 0.001 * exact));
    }

    @Test
    void binsCoverTheRangeMonotonically() {
        assertThat(AngleHistogram.bin(0)).isEqualTo(0);
        assertThat(AngleHistogram.bin(180)).isLessThan(AngleHistogram.BINS);
        assertThat(AngleHistogram.upper(AngleHistogram.BINS - 1)).isGreaterThanOrEqualTo(180);
        for (int b = 0; b < AngleHistogram.BINS; b++) {
            double mid = (AngleHistogram.lower(b) + AngleHistogram.upper(b)) / 2;
            assertThat(AngleHistogram.bin(mid)).isEqualTo(b);
            assertThat(AngleHistogram.upper(b) - AngleHistogram.lower(b)).isLessThanOrEqualTo(Math.max(0.001, 0.001 * AngleHistogram.lower(b)) + 1e-12);
        }
    }
}
