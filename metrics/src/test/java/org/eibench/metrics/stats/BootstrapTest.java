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

    static Stats stat(double value) {
        return new MeanMetric().measure(value, 0.0);
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
        Bootstrap.PairedTest d = Bootstrap.standard().pairedTest(seg, run, List.copyOf(run)).get("miou");
        assertThat(d.lo()).isZero();
        assertThat(d.hi()).isZero();
        assertThat(d.p()).as("no evidence of any difference").isEqualTo(1.0);
        double[] ci = Bootstrap.standard().interval(seg, run).get("miou");
        double whole = seg.finish(run.stream().reduce(Stats.EMPTY, Stats::plus)).value("miou");
        assertThat(ci[0]).isLessThanOrEqualTo(whole);
        assertThat(ci[1]).isGreaterThanOrEqualTo(whole);
        assertThatThrownBy(() -> Bootstrap.standard().pairedTest(seg, run, run.subList(0, 3))).hasMessageContaining("12 vs 3");
    }

    /**
     * The p-value is the two-sided share of resampled differences on the far side of zero. With every per-sample
     * difference +1 no resample crosses zero (p = 0); with differences -1, +1, +1, +1 the p-value is recounted here
     * from the same seeded index stream the bootstrap draws.
     */
    @Test
    void pValueIsTheShareOfResamplesAcrossZero() {
        MeanMetric mean = new MeanMetric();
        List<Stats> base = new ArrayList<>();
        List<Stats> shifted = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            base.add(stat(i));
            shifted.add(stat(i + 1));
        }
        Bootstrap.PairedTest up = Bootstrap.standard().pairedTest(mean, base, shifted).get("mean");
        assertThat(up.p()).isZero();
        assertThat(up.lo()).isEqualTo(1.0);
        assertThat(Bootstrap.standard().pairedTest(mean, shifted, base).get("mean").p()).isZero();

        // One sample got worse, three better: count the resamples whose mean difference is <= 0 by hand.
        List<Stats> a = List.of(stat(0), stat(0), stat(0), stat(0));
        List<Stats> b = List.of(stat(-1), stat(1), stat(1), stat(1));
        Bootstrap boot = new Bootstrap(500, 9, 0.95);
        SplittableRandom random = new SplittableRandom(9);
        int below = 0;
        int above = 0;
        for (int r = 0; r < 500; r++) {
            double d = 0;
            for (int i = 0; i < 4; i++) {
                d += random.nextInt(4) == 0 ? -1 : 1;
            }
            below += d <= 0 ? 1 : 0;
            above += d >= 0 ? 1 : 0;
        }
        assertThat(boot.pairedTest(mean, a, b).get("mean").p()).isEqualTo(2.0 * Math.min(below, above) / 500);
        assertThat(Bootstrap.pValue(List.of(0.5, Double.NaN))).isNaN();
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

    /**
     * Both resample paths give the plain sums in resample order (the first sample copied, then each added), minima and
     * maxima, bit for bit: the arithmetic the intervals had before sums became exact.
     */
    /**
     * Sums ("sum", the rest), minima ("lo") and maxima ("hi"); finishes to every element of every statistic, so that
     * intervals see each bit of the sums.
     */
    static final Metric<Double, Double> MIXED = new Metric<>() {
        public String name() { return "mixed"; }
        public Map<String, Object> options() { return Map.of(); }
        public Class<Double> predictionType() { return Double.class; }
        public Class<Double> targetType() { return Double.class; }
        public Stats measure(Double p, Double t) { return Stats.EMPTY; }
        public MetricValues finish(Stats total) {
            List<MetricValue> v = new ArrayList<>();
            total.asMap().forEach((k, a) -> {
                for (int i = 0; i < a.length; i++) {
                    v.add(new MetricValue(k + "." + i, a[i], true));
                }
            });
            return new MetricValues(v, Map.of());
        }
        public org.eibench.metrics.Combine combine(String key) {
            return key.equals("lo") ? org.eibench.metrics.Combine.MIN
                    : key.equals("hi") ? org.eibench.metrics.Combine.MAX : org.eibench.metrics.Combine.SUM;
        }
    };

    /** Values whose magnitudes lie far apart, so that any change of order or grouping shows in the last bits. */
    static double spread(SplittableRandom r) {
        return r.nextDouble() * Math.pow(10, r.nextInt(-8, 9)) * (r.nextBoolean() ? 1 : -1);
    }

    @Test
    void theFlatResamplePathEqualsTheGenericOneAndBothArePlainSumsInResampleOrder() {
        Metric<Double, Double> mixed = MIXED;
        SplittableRandom r = new SplittableRandom(11);
        List<Stats> samples = new ArrayList<>();
        for (int i = 0; i < 37; i++) {
            double[] v = new double[5];
            for (int k = 0; k < v.length; k++) {
                // magnitudes far apart, so that any change of order or grouping shows in the last bits
                v[k] = r.nextDouble() * Math.pow(10, r.nextInt(-8, 9)) * (r.nextBoolean() ? 1 : -1);
            }
            samples.add(Stats.builder().put("sum", v).put("lo", r.nextDouble(), -r.nextDouble())
                    .put("hi", r.nextDouble()).put("n", 1).put("zero", -0.0).build());
        }
        Bootstrap.Flat flat = Bootstrap.Flat.of(mixed, samples);
        assertThat(flat).isNotNull();
        assertFlatEqualsGeneric(mixed, samples, flat, r);
        // Row statistics (concatenated, in resample order) and differing keys take the generic path.
        List<Stats> withRows = List.of(Stats.builder().put("sum", 0.1).putRow("rows", 1, 2).build(),
                Stats.builder().put("sum", 0.2).putRow("rows", 3, 4).build());
        Stats joined = Bootstrap.combined(mixed, withRows, new int[] {1, 0, 1});
        assertThat(joined.rows("rows").data()).containsExactly(3, 4, 1, 2, 3, 4);
        assertThat(joined.vector("sum")[0]).isEqualTo(0.2 + 0.1 + 0.2);
        assertThat(Bootstrap.Flat.of(mixed, List.of(Stats.builder().putRow("rows", 1, 2).build()))).isNull();
        assertThat(Bootstrap.Flat.of(mixed, List.of(Stats.builder().put("a", 1).build(), Stats.builder().put("b", 1).build())))
                .isNull();
    }

    /** Whole-number statistics (counts), summed only: the int path, for n = 1 to 9 and 40 samples. */
    static List<Stats> counts(SplittableRandom r, int n, int limit) {
        List<Stats> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] v = new double[11];
            for (int k = 0; k < v.length; k++) {
                v[k] = k == 0 ? limit : k == 1 ? -limit : k == 2 ? 0 : (int) r.nextLong(-limit, limit + 1L);
            }
            samples.add(Stats.builder().put("area", v).put("none").put("n", r.nextInt(3)).build());
        }
        return samples;
    }

    /**
     * Whole numbers that no resample can take past an int are summed as ints, each drawn sample once times the
     * times it was drawn: bit for bit the doubles of the one-sample-per-pass sums and of the map path, up to the
     * largest values allowed (n times the value at Integer.MAX_VALUE, negative too). Anything else is not taken.
     */
    @Test
    void wholeNumbersSummedAsIntsAreTheSameDoublesAsTheSumsInOrder() {
        SplittableRandom r = new SplittableRandom(29);
        for (int n : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 40}) {
            int limit = Integer.MAX_VALUE / n;
            List<Stats> samples = counts(r, n, limit);
            Bootstrap.Flat flat = Bootstrap.Flat.of(MIXED, samples);
            Bootstrap.Counts ints = Bootstrap.Counts.of(flat);
            assertThat(ints).as(n + " samples").isNotNull();
            for (int b = 0; b < 50; b++) {
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) {
                    idx[i] = r.nextInt(n);
                }
                idx[0] = 0;                                      // the largest value drawn at least once
                Stats fast = ints.combined(idx);
                Stats generic = Bootstrap.combined(MIXED, samples, idx);
                assertThat(fast.asMap().keySet()).containsExactly("area", "none", "n");
                for (String k : generic.asMap().keySet()) {
                    assertThat(bits(fast.vector(k))).as(n + " samples, " + k).containsExactly(bits(generic.vector(k)));
                    assertThat(bits(flat.combinedRowByRow(idx).vector(k))).containsExactly(bits(generic.vector(k)));
                }
            }
            int[] all0 = new int[n];                             // sample 0 drawn n times: exactly the limit
            assertThat(ints.combined(all0).vector("area")[0]).isEqualTo((double) n * limit);
        }
        List<Stats> ok = counts(r, 4, 1000);
        assertThat(Bootstrap.Counts.of(Bootstrap.Flat.of(MIXED, ok))).isNotNull();
        // Not whole, -0.0, past the limit, not a sum: the double paths decide.
        for (double bad : new double[] {0.5, -0.0, Integer.MAX_VALUE / 4 + 1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            List<Stats> s = new ArrayList<>(ok);
            s.set(2, Stats.builder().put("area", new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, bad}).put("none")
                    .put("n", 1).build());
            assertThat(Bootstrap.Counts.of(Bootstrap.Flat.of(MIXED, s))).as("value " + bad).isNull();
        }
        List<Stats> withMin = List.of(Stats.builder().put("lo", 1).build(), Stats.builder().put("lo", 2).build());
        assertThat(Bootstrap.Counts.of(Bootstrap.Flat.of(MIXED, withMin))).isNull();
    }

    /** Odd statistic lengths (and an empty one) of real values: SUM over 7 and 1 columns, MIN over 3, MAX over 1. */
    static List<Stats> realVectors(SplittableRandom r, int n) {
        List<Stats> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] v = new double[7];
            for (int k = 0; k < v.length; k++) {
                v[k] = spread(r);
            }
            samples.add(Stats.builder().put("sum", v).put("none").put("lo", spread(r), spread(r), spread(r))
                    .put("hi", spread(r)).put("w", r.nextDouble()).build());
        }
        return samples;
    }

    /**
     * The flat path sums four samples per pass ({@code acc + a + b + c + d}); every element must still get the
     * additions of one sample per pass in the same order, bit for bit, for every count of samples left over after the
     * groups of four (n = 1 to 9), and equal the generic path. The fixture itself shows that the order matters: the
     * same samples summed in reverse give other bits.
     */
    @Test
    void fourSamplesPerPassAreTheSameSumsBitForBitAsOnePerPass() {
        SplittableRandom r = new SplittableRandom(23);
        int reordered = 0;
        for (int n : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 40}) {
            List<Stats> samples = realVectors(r, n);
            Bootstrap.Flat flat = Bootstrap.Flat.of(MIXED, samples);
            assertThat(flat).isNotNull();
            for (int b = 0; b < 50; b++) {
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) {
                    idx[i] = r.nextInt(n);
                }
                Stats four = flat.combined(idx);
                Stats one = flat.combinedRowByRow(idx);
                Stats generic = Bootstrap.combined(MIXED, samples, idx);
                assertThat(four.asMap().keySet()).containsExactly("sum", "none", "lo", "hi", "w");
                for (String k : generic.asMap().keySet()) {
                    assertThat(bits(four.vector(k))).as(n + " samples, " + k).containsExactly(bits(generic.vector(k)));
                    assertThat(bits(one.vector(k))).as(n + " samples, " + k).containsExactly(bits(generic.vector(k)));
                }
                double[] reversed = samples.get(idx[n - 1]).vector("sum");
                for (int i = n - 2; i >= 0; i--) {
                    for (int e = 0; e < reversed.length; e++) {
                        reversed[e] += samples.get(idx[i]).vector("sum")[e];
                    }
                }
                reordered += java.util.Arrays.equals(bits(reversed), bits(four.vector("sum"))) ? 0 : 1;
            }
        }
        assertThat(reordered).as("resamples whose sums change bits when summed in reverse").isGreaterThan(100);
    }

    /**
     * Intervals and paired tests (bounds and p-values) from four samples per pass are the same doubles as from one
     * per pass: on real-valued vectors with sums, minima and maxima, from one sample and one resample up, and on the
     * real segmentation metric.
     */
    @Test
    void intervalsAndPairedTestsAreTheSameDoublesAsWithOneSamplePerPass() {
        SplittableRandom r = new SplittableRandom(29);
        for (int n : new int[] {1, 2, 5, 37}) {
            for (int resamples : new int[] {1, 2, 300}) {
                List<Stats> base = realVectors(r, n);
                List<Stats> next = realVectors(r, n);
                assertSameDoubles(MIXED, base, next, resamples);
                assertSameDoubles(new MeanMetric(), sample(r, n, 0.5), sample(r, n, 0.7), resamples);
            }
        }
        SegmentationMetric seg = new SegmentationMetric(150, 255, null);
        assertSameDoubles(seg, BootstrapBench.images(seg, 30, 1), BootstrapBench.images(seg, 30, 2), 200);
    }

    /**
     * Intervals from the resamples' values in one column per key are the same doubles, for the same keys in the same
     * order, as through one map per resample (the path before the columns): real values with sums, minima, maxima
     * and an empty vector; undefined values (NaN bounds); the segmentation metric's 304 keys with absent classes;
     * and metrics whose keys repeat or change between resamples, which take the map path.
     */
    @Test
    void intervalsFromColumnsAreTheSameDoublesAsFromMaps() {
        SplittableRandom r = new SplittableRandom(31);
        for (int n : new int[] {1, 2, 5, 37}) {
            for (int resamples : new int[] {1, 2, 300}) {
                assertColumnsEqualMaps(MIXED, realVectors(r, n), resamples);
                assertColumnsEqualMaps(new MeanMetric(), sample(r, n, 0.5), resamples);
            }
        }
        SegmentationMetric seg = new SegmentationMetric(150, 255, null);
        List<Stats> images = BootstrapBench.images(seg, 30, 3);
        assertColumnsEqualMaps(seg, images, 200);
        // Classes absent from some resamples (NaN IoU there): NaN bounds, the same on both paths.
        List<Stats> sparse = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            double[] inter = new double[150];
            double[] pred = new double[150];
            double[] label = new double[150];
            int c = i % 3;
            inter[c] = 10 + i;
            pred[c] = 20 + i;
            label[c] = 15 + i;
            label[100 + i] = 7;
            sparse.add(Stats.builder().put("area_intersect", inter).put("area_pred", pred).put("area_label", label).build());
        }
        Map<String, double[]> withNaN = assertColumnsEqualMaps(seg, sparse, 100);
        assertThat(withNaN.get("iou.100")).containsOnly(Double.NaN);
        // Keys that repeat within a resample, or depend on its values: the map path's answer.
        Metric<Double, Double> repeating = keyed(total -> List.of(new MetricValue("a", total.scalar("x"), true),
                new MetricValue("a", 2 * total.scalar("x"), true)));
        Metric<Double, Double> changing = keyed(total -> List.of(new MetricValue(total.scalar("x") > 13.3 ? "big" : "small",
                total.scalar("x"), true)));
        List<Stats> xs = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            xs.add(Stats.builder().put("x", i * 0.37).build());
        }
        assertThat(assertColumnsEqualMaps(repeating, xs, 50)).containsOnlyKeys("a");
        assertThat(assertColumnsEqualMaps(changing, xs, 50)).containsOnlyKeys("small", "big");
    }

    private static Metric<Double, Double> keyed(java.util.function.Function<Stats, List<MetricValue>> finish) {
        return new Metric<>() {
            public String name() { return "keyed"; }
            public Map<String, Object> options() { return Map.of(); }
            public Class<Double> predictionType() { return Double.class; }
            public Class<Double> targetType() { return Double.class; }
            public Stats measure(Double p, Double t) { return Stats.EMPTY; }
            public MetricValues finish(Stats total) { return new MetricValues(finish.apply(total), Map.of()); }
        };
    }

    private static Map<String, double[]> assertColumnsEqualMaps(Metric<?, ?> metric, List<Stats> samples, int resamples) {
        Bootstrap b = new Bootstrap(resamples, 7, 0.9);
        Map<String, double[]> columns = b.interval(metric, samples, true);
        Map<String, double[]> maps = b.interval(metric, samples, false);
        assertThat(columns.keySet()).containsExactlyElementsOf(maps.keySet()).isNotEmpty();
        columns.forEach((k, ci) -> assertThat(bits(ci)).as(k).containsExactly(bits(maps.get(k))));
        return columns;
    }

    private static void assertSameDoubles(Metric<?, ?> metric, List<Stats> base, List<Stats> next, int resamples) {
        Bootstrap four = new Bootstrap(resamples, 5, 0.9);
        Bootstrap one = new Bootstrap(resamples, 5, 0.9, true);
        Map<String, double[]> a = four.interval(metric, next);
        Map<String, double[]> e = one.interval(metric, next);
        assertThat(a.keySet()).isEqualTo(e.keySet()).isNotEmpty();
        a.forEach((k, ci) -> assertThat(bits(ci)).as(k).containsExactly(bits(e.get(k))));
        Map<String, Bootstrap.PairedTest> pa = four.pairedTest(metric, base, next);
        Map<String, Bootstrap.PairedTest> pe = one.pairedTest(metric, base, next);
        assertThat(pa.keySet()).isEqualTo(pe.keySet()).isNotEmpty();
        pa.forEach((k, t) -> assertThat(bits(t.lo(), t.hi(), t.p())).as(k)
                .containsExactly(bits(pe.get(k).lo(), pe.get(k).hi(), pe.get(k).p())));
    }

    private static long[] bits(double... v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }

    private static void assertFlatEqualsGeneric(Metric<?, ?> mixed, List<Stats> samples, Bootstrap.Flat flat,
                                                SplittableRandom r) {
        for (int b = 0; b < 200; b++) {
            int[] idx = new int[samples.size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = r.nextInt(samples.size());
            }
            Stats fast = flat.combined(idx);
            Stats slow = Bootstrap.combined(mixed, samples, idx);
            double[] plain = samples.get(idx[0]).vector("sum").clone();
            for (int i = 1; i < idx.length; i++) {
                for (int j = 0; j < plain.length; j++) {
                    plain[j] += samples.get(idx[i]).vector("sum")[j];
                }
            }
            for (int j = 0; j < plain.length; j++) {
                assertThat(Double.doubleToRawLongBits(slow.vector("sum")[j])).isEqualTo(Double.doubleToRawLongBits(plain[j]));
            }
            for (String k : slow.asMap().keySet()) {
                double[] a = fast.vector(k);
                double[] e = slow.vector(k);
                for (int j = 0; j < e.length; j++) {
                    assertThat(Double.doubleToRawLongBits(a[j])).as(k + "[" + j + "]").isEqualTo(Double.doubleToRawLongBits(e[j]));
                }
            }
            assertThat(fast.asMap().keySet()).isEqualTo(slow.asMap().keySet());
        }
    }
}
