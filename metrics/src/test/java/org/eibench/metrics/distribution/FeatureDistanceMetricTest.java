package org.eibench.metrics.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;
import org.eibench.metrics.stats.Bootstrap;
import org.junit.jupiter.api.Test;

/** The metric around FD and KD: per-sample rows, merge order, naming, bootstrap policy and bad features. */
class FeatureDistanceMetricTest {

    /** Features = the first d pixel values of the image (a stand-in network). */
    static FeatureExtractor firstValues(int d) {
        return im -> java.util.Arrays.copyOf(im.data(), d);
    }

    static FeatureDistanceMetric metric(FeatureExtractor f) {
        return new FeatureDistanceMetric(f, "fd_test", "kd_test", 100, 1000, 2020, Map.of("evaluator", "test"));
    }

    static List<Stats> samples(FeatureDistanceMetric m, int n, int d, long seed) {
        GoldenRandom g = new GoldenRandom(seed);
        List<Stats> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] p = new float[d];
            float[] t = new float[d];
            for (int k = 0; k < d; k++) {
                p[k] = (float) (g.uniform() * 3);
                t[k] = (float) (g.uniform() * 2 + 0.5);
            }
            out.add(m.measure(new FloatImage(d, 1, 1, p), new FloatImage(d, 1, 1, t)));
        }
        return out;
    }

    static Stats sum(List<Stats> s) {
        Stats.Accumulator a = new Stats.Accumulator();
        s.forEach(a::add);
        return a.result();
    }

    @Test
    void valuesEqualTheDistancesOfTheStoredRows() {
        FeatureDistanceMetric m = metric(firstValues(6));
        List<Stats> s = samples(m, 30, 6, 5);
        Stats total = sum(s);
        MetricValues v = m.finish(total);
        assertThat(v.value("fd_test")).isEqualTo(FrechetDistance.of(total.rows("output"), total.rows("target")).value());
        KernelDistance.Result kd = KernelDistance.of(total.rows("output"), total.rows("target"), 100, 1000, 2020);
        assertThat(v.value("kd_test")).isEqualTo(kd.mean());
        assertThat(v.value("kd_test_std")).isEqualTo(kd.std());
        assertThat(v.get("kd_test").orElseThrow().higherIsBetter()).isFalse();
        assertThat(v.notes()).containsEntry("samples", 30L).containsEntry("features", 6L).containsEntry("kid_subset_size", 30L);
    }

    @Test
    void shardsMergedInIdOrderGiveTheSameValues() {
        FeatureDistanceMetric m = metric(firstValues(5));
        List<Stats> s = samples(m, 24, 5, 6);
        Stats whole = sum(s);
        Stats shards = sum(s.subList(0, 10)).plus(sum(s.subList(10, 17))).plus(sum(s.subList(17, 24)));
        assertThat(shards).isEqualTo(whole);
        assertThat(m.finish(shards).asMap()).isEqualTo(m.finish(whole).asMap());
    }

    @Test
    void aSingleSampleHasNoDistance() {
        FeatureDistanceMetric m = metric(firstValues(4));
        MetricValues v = m.finish(samples(m, 1, 4, 7).get(0));
        assertThat(v.value("fd_test")).isNaN();
        assertThat(v.value("kd_test")).isNaN();
    }

    @Test
    void badFeaturesNameTheSide() {
        FeatureDistanceMetric nan = metric(im -> new float[] {1, Float.NaN});
        FloatImage im = new FloatImage(2, 1, 1, new float[2]);
        assertThatThrownBy(() -> nan.measure(im, im)).hasMessageContaining("non-finite").hasMessageContaining("output")
                .hasMessageContaining("index 1");
        FeatureDistanceMetric uneven = metric(x -> x.width() == 2 ? new float[] {1, 2} : new float[] {1});
        assertThatThrownBy(() -> uneven.measure(im, new FloatImage(3, 1, 1, new float[3])))
                .hasMessageContaining("2 features for the output and 1 for the target");
    }

    @Test
    void bootstrapUsesBasicIntervalsAroundTheEstimate() {
        FeatureDistanceMetric m = metric(firstValues(3));
        List<Stats> s = samples(m, 40, 3, 8);
        double fd = m.finish(sum(s)).value("fd_test");
        Map<String, double[]> ci = new Bootstrap(200, 1, 0.95).interval(m, s);
        double[] b = ci.get("fd_test");
        assertThat(b[0]).isLessThan(b[1]);
        // The basic interval is the percentile interval reflected through the estimate.
        Map<String, double[]> plain = new Bootstrap(200, 1, 0.95).interval(new NoPolicy(m), s);
        assertThat(b[0]).isCloseTo(2 * fd - plain.get("fd_test")[1], org.assertj.core.data.Offset.offset(1e-12));
        assertThat(b[1]).isCloseTo(2 * fd - plain.get("fd_test")[0], org.assertj.core.data.Offset.offset(1e-12));
        // FD grows on resamples with repeats: the percentile interval's midpoint sits above the estimate.
        assertThat((plain.get("fd_test")[0] + plain.get("fd_test")[1]) / 2).isGreaterThan(fd);
    }

    @Test
    void resamplesShrinkWithTheWorkAndStopBelowTheMinimum() {
        FeatureDistanceMetric m = metric(firstValues(3));
        assertThat(m.resamples(8, 8, 1000)).isEqualTo(1000);
        assertThat(m.resamples(50_000, 2048, 1000)).isZero();
        int mid = m.resamples(60, 128, 1000);
        assertThat(mid).isBetween(FeatureDistanceMetric.MIN_RESAMPLES, 999);
    }

    /** The same metric without its bootstrap policy (plain percentile intervals, for comparison). */
    private record NoPolicy(FeatureDistanceMetric inner) implements org.eibench.metrics.Metric<FloatImage, FloatImage> {
        public String name() {
            return inner.name();
        }

        public Map<String, Object> options() {
            return inner.options();
        }

        public Class<FloatImage> predictionType() {
            return FloatImage.class;
        }

        public Class<FloatImage> targetType() {
            return FloatImage.class;
        }

        public Stats measure(FloatImage p, FloatImage t) {
            return inner.measure(p, t);
        }

        public MetricValues finish(Stats total) {
            return inner.finish(total);
        }
    }
}
