package org.eibench.metrics.edges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BsdsBoundaryMetricTest {

    /** Statistics added as the runner adds them (summary, shards, merge, bootstrap): with Stats.Accumulator. */
    private static Stats add(Stats a, Stats b) {
        return new Stats.Accumulator().add(a).add(b).result();
    }


    private static final BsdsBoundaryMetric METRIC = new BsdsBoundaryMetric(9, 0.02, true);

    @ParameterizedTest
    @ValueSource(longs = {101, 102, 103, 104, 105})
    void mergeOfSplitEqualsWhole(long seed) {
        List<SyntheticEdges.Sample> data = SyntheticEdges.dataset(seed, 6);
        Stats[] per = data.stream().map(s -> METRIC.measure(s.prediction(), s.truth())).toArray(Stats[]::new);
        Stats whole = Stats.EMPTY;
        for (Stats s : per) {
            whole = add(whole, s);
        }
        int cut = 1 + new SplittableRandom(seed).nextInt(per.length - 1);
        Stats left = Stats.EMPTY;
        Stats right = Stats.EMPTY;
        for (int i = per.length - 1; i >= 0; i--) { // other order, other grouping
            if (i < cut) {
                left = add(left, per[i]);
            } else {
                right = add(right, per[i]);
            }
        }
        Stats merged = add(right, left);
        assertThat(merged).isEqualTo(whole);
        assertThat(METRIC.finish(merged).asMap()).isEqualTo(METRIC.finish(whole).asMap());
    }

    @ParameterizedTest
    @ValueSource(longs = {201, 202, 203, 204, 205})
    void scoresAreBetweenZeroAndOne(long seed) {
        Stats.Accumulator acc = new Stats.Accumulator();
        for (SyntheticEdges.Sample s : SyntheticEdges.dataset(seed, 4)) {
            acc.add(METRIC.measure(s.prediction(), s.truth()));
        }
        Stats total = acc.result();
        MetricValues v = METRIC.finish(total);
        for (String key : List.of("ods", "ois", "ap")) {
            assertThat(v.value(key)).as(key).isBetween(0.0, 1.0);
        }
        BsdsSummary s = METRIC.summarize(total);
        for (int t = 0; t < s.thresholds().length; t++) {
            assertThat(s.recall()[t]).isBetween(0.0, 1.0);
            assertThat(s.precision()[t]).isBetween(0.0, 1.0);
        }
        // OIS picks each image's best threshold, so it can't be below the best single pooled threshold's F.
        double bestDiscrete = java.util.Arrays.stream(s.f()).max().orElseThrow();
        assertThat(v.value("ois")).isGreaterThanOrEqualTo(bestDiscrete - 1e-12);
    }

    @ParameterizedTest
    @ValueSource(longs = {301, 302, 303, 304, 305})
    void annotatorAsPredictionScoresOneAgainstItself(long seed) {
        SyntheticEdges.Sample s = SyntheticEdges.dataset(seed, 1).get(0);
        FloatImage gt = s.truth().boundaries().get(0);
        // BSDS boundaries are thin; make the synthetic one thin too so that thinning the prediction keeps it whole.
        boolean[] mask = s.truth().mask(0);
        Thinning.thin(mask, gt.width(), gt.height());
        float[] thin = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            thin[i] = mask[i] ? 1f : 0f;
        }
        FloatImage map = new FloatImage(gt.width(), gt.height(), 1, thin);
        MetricValues v = METRIC.finish(METRIC.measure(map, EdgeAnnotations.of(map)));
        assertThat(v.value("ods")).isEqualTo(1.0);
        assertThat(v.value("ois")).isEqualTo(1.0);
        // A binary map has one recall at every threshold; collect_eval_bdry's AP needs two distinct recalls and
        // reports 0 otherwise. That is the official behaviour, kept.
        assertThat(v.value("ap")).isEqualTo(0.0);
    }

    @Test
    void fixtureAnnotatorAsPredictionWithoutThinningScoresOne() {
        Path bench = EdgesTestData.bsdsBench();
        EdgeAnnotations all = EdgesTestData.annotations(bench, "2018");
        FloatImage first = all.boundaries().get(0);
        BsdsBoundaryMetric noThin = new BsdsBoundaryMetric(5, 0.0075, false);
        MetricValues v = noThin.finish(noThin.measure(first, EdgeAnnotations.of(first)));
        assertThat(v.value("ods")).isEqualTo(1.0);
        assertThat(v.value("ois")).isEqualTo(1.0);
    }

    @Test
    void thresholdsAreMatlabLinspace() {
        double[] t = BsdsBoundaryMetric.thresholds(5);
        assertThat(t).containsExactly(1.0 / 6, 0.33333333333333337, 0.5, 0.6666666666666666, 1 - 1.0 / 6);
        assertThat(BsdsBoundaryMetric.thresholds(99)[0]).isEqualTo(0.01);
        assertThat(BsdsBoundaryMetric.thresholds(99)[98]).isEqualTo(0.99);
        assertThat(BsdsBoundaryMetric.thresholds(1)).containsExactly(0.5);
    }

    @Test
    void eightBitLevelsCompareAsMatlabDoubles() {
        // 85/255 as a float is just above 1/3; MATLAB's double 85/255 is just below linspace's 0.33333333333333337.
        double[] d = BsdsBoundaryMetric.asMatlabDoubles(new float[] {85f / 255f, 0.123456f});
        assertThat(d[0]).isEqualTo(85 / 255.0);
        assertThat(d[0] >= BsdsBoundaryMetric.thresholds(5)[1]).isFalse();
        assertThat(d[1]).isEqualTo((double) 0.123456f);
    }

    @Test
    void rejectsBadInput() {
        FloatImage a = FloatImage.zeros(10, 8, 1);
        EdgeAnnotations gt = EdgeAnnotations.of(FloatImage.zeros(10, 8, 1));
        assertThatThrownBy(() -> METRIC.measure(FloatImage.zeros(10, 8, 3), gt)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one channel");
        assertThatThrownBy(() -> METRIC.measure(FloatImage.zeros(9, 8, 1), gt)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ground truth");
        float[] nan = new float[80];
        nan[3] = Float.NaN;
        assertThatThrownBy(() -> METRIC.measure(new FloatImage(10, 8, 1, nan), gt)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> EdgeAnnotations.of(FloatImage.zeros(10, 8, 1), FloatImage.zeros(10, 9, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BsdsBoundaryMetric(0, 0.0075, true)).isInstanceOf(IllegalArgumentException.class);
        assertThat(METRIC.measure(a, gt).vector("cnt_r")).containsOnly(0.0);
        assertThat(METRIC.finish(Stats.EMPTY).value("ods")).isNaN();
    }

    @Test
    void optionsAreRecorded() {
        assertThat(new BsdsBoundaryMetric().options()).containsEntry("nthresh", 99).containsEntry("max_dist", 0.0075)
                .containsEntry("thin", true);
        assertThat(new BsdsBoundaryMetric().name()).isEqualTo("bsds_edges");
    }
}
