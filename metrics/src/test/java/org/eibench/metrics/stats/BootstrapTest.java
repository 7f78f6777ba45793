package org.eibench.metrics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.eibench.metrics.LabelMap;
import org.eibench.metrics.Metric;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;
import org.eibench.metrics.segmentation.SegmentationMetric;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    /** Mean of one number per sample: the simplest additive metric. */
    static final class MeanMetric implements Metric<Double, Double> {
        @Override
        public String name() {
            return "mean";
        }

        @Override
        public Map<String, Object> options() {
            return Map.of();
        }

        @Override
        public Class<Double> predictionType() {
            return Double.class;
        }

        @Override
        public Class<Double> targetType() {
            return Double.class;
        }

        @Override
        public Stats measure(Double prediction, Double target) {
            return Stats.builder().put("n", 1).put("sum", prediction - target).build();
        }

        @Override
        public MetricValues finish(Stats total) {
            return MetricValues.of(new MetricValue("mean", total.scalar("sum") / total.scalar("n"), true));
        }
    }

    static List<Stats> sample(SplittableRandom r, int n, double mu) {
        MeanMetric m = new MeanMetric();
        List<Stats> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.add(m.measure(mu + r.nextGaussian(), 0.0));
        }
        return s;
    }

    @Test
    void sameSeedSameInterval() {
        List<Stats> s = sample(new SplittableRandom(1), 30, 0);
        MeanMetric m = new MeanMetric();
        double[] a = new Bootstrap(200, 42, 0.95).interval(m, s).get("mean");
        double[] b = new Bootstrap(200, 42, 0.95).interval(m, s).get("mean");
        double[] c = new Bootstrap(200, 43, 0.95).interval(m, s).get("mean");
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(a[0]).isLessThan(a[1]);
    }

    @Test
    void coverageIsRoughlyNominal() {
        // 80 data sets of 40 N(mu, 1) samples: the 95% interval should contain mu in most of them.
        SplittableRandom r = new SplittableRandom(7);
        MeanMetric m = new MeanMetric();
        Bootstrap boot = new Bootstrap(300, 3, 0.95);
        int covered = 0;
        int reps = 80;
        for (int k = 0; k < reps; k++) {
            double[] ci = boot.interval(m, sample(r, 40, 2.5)).get("mean");
            covered += ci[0] <= 2.5 && 2.5 <= ci[1] ? 1 : 0;
        }
        assertThat(covered / (double) reps).isBetween(0.85, 1.0);
    }

    @Test
    void pairedDifferenceOfIdenticalRunsIsExactlyZero() {
        SplittableRandom r = new SplittableRandom(5);
        SegmentationMetric seg = new SegmentationMetric(4, 255, null);
        List<Stats> run = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            int[] g = new int[64];
            int[] p = new int[64];
            for (int i = 0; i < 64; i++) {
                g[i] = r.nextInt(4);
                p[i] = r.nextInt(4);
            }
            run.add(seg.measure(new LabelMap(8, 8, p), new LabelMap(8, 8, g)));
        }
        Map<String, double[]> d = Bootstrap.standard().pairedDifference(seg, run, List.copyOf(run));
        assertThat(d.get("miou")).containsExactly(0.0, 0.0);
        double[] ci = Bootstrap.standard().interval(seg, run).get("miou");
        double whole = seg.finish(run.stream().reduce(Stats.EMPTY, Stats::plus)).value("miou");
        assertThat(ci[0]).isLessThanOrEqualTo(whole);
        assertThat(ci[1]).isGreaterThanOrEqualTo(whole);
        assertThatThrownBy(() -> Bootstrap.standard().pairedDifference(seg, run, run.subList(0, 3))).hasMessageContaining("12 vs 3");
    }

    @Test
    void undefinedValuesInAResampleGiveNaNBounds() {
        // Class 1 appears in one sample only: many resamples leave it out, so its IoU is NaN there.
        SegmentationMetric seg = new SegmentationMetric(2, 255, null);
        List<Stats> run = new ArrayList<>();
        run.add(seg.measure(new LabelMap(2, 1, new int[] {1, 1}), new LabelMap(2, 1, new int[] {1, 1})));
        for (int k = 0; k < 9; k++) {
            run.add(seg.measure(new LabelMap(2, 1, new int[] {0, 0}), new LabelMap(2, 1, new int[] {0, 0})));
        }
        Map<String, double[]> ci = new Bootstrap(100, 1, 0.9).interval(seg, run);
        assertThat(ci.get("iou.1")).containsExactly(Double.NaN, Double.NaN);
        assertThat(ci.get("iou.0")).containsExactly(1.0, 1.0);
        assertThat(new Bootstrap(10, 0, 0.95).interval(seg, List.of())).isEmpty();
    }

    @Test
    void perSampleValuesFinishEachSampleAlone() {
        MeanMetric m = new MeanMetric();
        List<Stats> s = List.of(m.measure(3.0, 1.0), m.measure(0.5, 1.0));
        List<Map<String, Double>> v = Bootstrap.perSample(m, s);
        assertThat(v).hasSize(2);
        assertThat(v.get(0)).containsEntry("mean", 2.0);
        assertThat(v.get(1)).containsEntry("mean", -0.5);
        assertThat(Bootstrap.perSample(m, s.get(0))).containsEntry("mean", 2.0);
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new Bootstrap(0, 0, 0.95)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bootstrap(10, 0, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
