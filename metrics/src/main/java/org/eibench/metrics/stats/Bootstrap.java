package org.eibench.metrics.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.eibench.metrics.Combine;
import org.eibench.metrics.Metric;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.Stats;

/**
 * Seeded percentile bootstrap over samples. A resample draws n per-sample statistics with replacement, sums them and
 * re-finishes the metric, so dataset-level metrics (pooled mIoU, ODS) get honest intervals, not per-image spreads.
 */
public final class Bootstrap {

    private final int resamples;
    private final long seed;
    private final double level;
    /** The flat path's sums one sample per pass, as before the four-at-a-time loop: for the benchmark only. */
    private final boolean rowByRow;

    public Bootstrap(int resamples, long seed, double level) {
        this(resamples, seed, level, false);
    }

    Bootstrap(int resamples, long seed, double level, boolean rowByRow) {
        this.rowByRow = rowByRow;
        if (resamples < 1 || !(level > 0 && level < 1)) {
            throw new IllegalArgumentException("bootstrap needs resamples >= 1 and 0 < level < 1");
        }
        this.resamples = resamples;
        this.seed = seed;
        this.level = level;
    }

    /** 1000 resamples, seed 0, 95%. */
    public static Bootstrap standard() {
        return new Bootstrap(1000, 0, 0.95);
    }

    /**
     * Interval [lo, hi] per reported key; keys whose value is undefined in a resample get NaN bounds. A metric that
     * implements {@link BootstrapPolicy} may draw fewer resamples (none: NaN bounds) and ask for basic intervals.
     */
    public Map<String, double[]> interval(Metric<?, ?> metric, List<Stats> perSample) {
        return interval(metric, perSample, true);
    }

    /** @param columns false: every resample's values through a map, as before the columns (the tests' reference) */
    Map<String, double[]> interval(Metric<?, ?> metric, List<Stats> perSample, boolean columns) {
        int draws = metric instanceof BootstrapPolicy p ? Math.min(resamples, p.resamples(perSample, resamples)) : resamples;
        if (draws < 1 && !perSample.isEmpty()) {
            Map<String, double[]> none = new LinkedHashMap<>();
            finishKeys(metric, combined(metric, perSample, all(perSample.size()))).keySet()
                    .forEach(k -> none.put(k, new double[] {Double.NaN, Double.NaN}));
            return none;
        }
        Resampled sum = Resampled.of(metric, perSample, rowByRow);
        Map<String, double[]> out = columns ? columnIntervals(metric, perSample.size(), draws, sum) : null;
        if (out == null) {
            out = intervals(perSample.size(), draws, idx -> finishKeys(metric, sum.combined(idx)));
        }
        if (metric instanceof BootstrapPolicy p && !p.basicIntervalKeys().isEmpty() && !perSample.isEmpty()) {
            Map<String, Double> estimate = finishKeys(metric, combined(metric, perSample, all(perSample.size())));
            for (String k : p.basicIntervalKeys()) {
                double[] q = out.get(k);
                Double t = estimate.get(k);
                if (q != null && t != null) {
                    out.put(k, new double[] {2 * t - q[1], 2 * t - q[0]});
                }
            }
        }
        return out;
    }

    private static int[] all(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    /**
     * A paired difference's percentile interval and its two-sided bootstrap p-value: {@code 2 * min(share of
     * resampled differences <= 0, share >= 0)}, capped at 1 (Efron and Tibshirani's achieved significance level of
     * the percentile interval: the {@code 1 - a} interval excludes zero about when p is below a). Its resolution is
     * {@code 1 / resamples}; 0 means no resample crossed zero. Undefined resamples give NaN bounds and p.
     */
    public record PairedTest(double lo, double hi, double p) {
    }

    /**
     * The paired difference (next - base) per reported key, with its p-value: the same resampled indices are applied
     * to both runs, so the variance shared by a sample in both runs cancels.
     */
    public Map<String, PairedTest> pairedTest(Metric<?, ?> metric, List<Stats> base, List<Stats> next) {
        if (base.size() != next.size()) {
            throw new IllegalArgumentException("paired bootstrap needs the same samples: " + base.size() + " vs " + next.size());
        }
        int draws = metric instanceof BootstrapPolicy p ? Math.min(resamples, p.resamples(next, resamples)) : resamples;
        Map<String, PairedTest> out = new LinkedHashMap<>();
        Resampled baseSum = Resampled.of(metric, base, rowByRow);
        Resampled nextSum = Resampled.of(metric, next, rowByRow);
        draws(base.size(), draws, idx -> {
            Map<String, Double> b = finishKeys(metric, baseSum.combined(idx));
            Map<String, Double> n = finishKeys(metric, nextSum.combined(idx));
            Map<String, Double> d = new LinkedHashMap<>();
            n.forEach((k, v) -> d.put(k, v - b.getOrDefault(k, Double.NaN)));
            return d;
        }).forEach((k, list) -> {
            double[] ci = percentiles(list, (1 - level) / 2);
            out.put(k, new PairedTest(ci[0], ci[1], pValue(list)));
        });
        return out;
    }

    static double pValue(List<Double> draws) {
        long below = 0;
        long above = 0;
        for (double d : draws) {
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            below += d <= 0 ? 1 : 0;
            above += d >= 0 ? 1 : 0;
        }
        return Math.min(1.0, 2.0 * Math.min(below, above) / draws.size());
    }

    /** The resamples and seed, for reports that must say what produced an interval. */
    public int resamples() {
        return resamples;
    }

    public long seed() {
        return seed;
    }

    public double level() {
        return level;
    }

    /**
     * The values a metric reports for one sample alone (its statistics finished on their own): the per-sample numbers
     * a run's JSONL line shows next to the statistics, e.g. one image's IoU or RMSE. For pooled metrics such as mIoU
     * this is the image's own mIoU, not its contribution to the dataset value.
     */
    public static Map<String, Double> perSample(Metric<?, ?> metric, Stats sample) {
        return finishKeys(metric, sample);
    }

    /** {@link #perSample} for every sample, in order. */
    public static List<Map<String, Double>> perSample(Metric<?, ?> metric, List<Stats> samples) {
        List<Map<String, Double>> out = new ArrayList<>(samples.size());
        for (Stats s : samples) {
            out.add(finishKeys(metric, s));
        }
        return out;
    }

    private interface Statistic {
        Map<String, Double> of(int[] indices);
    }

    private Map<String, double[]> intervals(int n, int resamples, Statistic statistic) {
        Map<String, double[]> out = new LinkedHashMap<>();
        double alpha = (1 - level) / 2;
        draws(n, resamples, statistic).forEach((k, list) -> out.put(k, percentiles(list, alpha)));
        return out;
    }

    /**
     * Every resample's values per key, in resample order; none for no samples or no resamples. The indices are drawn
     * in order from one seeded generator, as always; the resamples are then evaluated in parallel, each into its own
     * slot, so the values and their order do not depend on the threads.
     */
    private Map<String, List<Double>> draws(int n, int resamples, Statistic statistic) {
        Map<String, List<Double>> draws = new LinkedHashMap<>();
        if (n == 0 || resamples < 1) {
            return draws;
        }
        int[][] idx = indices(n, resamples);
        List<Map<String, Double>> values = java.util.stream.IntStream.range(0, resamples).parallel()
                .mapToObj(b -> statistic.of(idx[b])).toList();
        for (Map<String, Double> v : values) {
            v.forEach((k, x) -> draws.computeIfAbsent(k, key -> new ArrayList<>()).add(x));
        }
        return draws;
    }

    /** The resamples' sample indices, drawn in order from one generator seeded with {@link #seed}. */
    private int[][] indices(int n, int resamples) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] idx = new int[resamples][n];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                idx[b][i] = random.nextInt(n);
            }
        }
        return idx;
    }

    /**
     * {@link #intervals} of a metric's finished resamples where every resample reports the same keys in the same
     * order, once each (the usual case): each resample's values go straight into one column per key, with no map and
     * no boxed number per value (a 150-class mIoU reports 304 values per resample, 304,000 per interval, which the
     * map path spent most of its time on). The same numbers in the same order as {@link #draws}, so the same
     * intervals; null when the keys differ between resamples or repeat, for the map path to decide as before.
     */
    private Map<String, double[]> columnIntervals(Metric<?, ?> metric, int n, int resamples, Resampled sum) {
        if (n == 0 || resamples < 1) {
            return new LinkedHashMap<>();
        }
        int[][] idx = indices(n, resamples);
        List<MetricValue> first = metric.finish(sum.combined(idx[0])).values();
        String[] keys = new String[first.size()];
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int k = 0; k < keys.length; k++) {
            keys[k] = first.get(k).key();
            if (!seen.add(keys[k])) {
                return null;
            }
        }
        double[][] columns = new double[keys.length][resamples];
        for (int k = 0; k < keys.length; k++) {
            columns[k][0] = first.get(k).value();
        }
        boolean same = java.util.stream.IntStream.range(1, resamples).parallel().allMatch(b -> {
            List<MetricValue> v = metric.finish(sum.combined(idx[b])).values();
            if (v.size() != keys.length) {
                return false;
            }
            for (int k = 0; k < keys.length; k++) {
                MetricValue x = v.get(k);
                if (!x.key().equals(keys[k])) {
                    return false;
                }
                columns[k][b] = x.value();
            }
            return true;
        });
        if (!same) {
            return null;
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        double alpha = (1 - level) / 2;
        for (int k = 0; k < keys.length; k++) {
            out.put(keys[k], percentiles(columns[k], alpha));
        }
        return out;
    }

    private static double[] percentiles(List<Double> values, double alpha) {
        double[] all = new double[values.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = values.get(i);
        }
        return percentiles(all, alpha);
    }

    /** NaN bounds when a value is not finite (or there is none); {@code values} may be reordered. */
    private static double[] percentiles(double[] values, double alpha) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return new double[] {Double.NaN, Double.NaN};
            }
        }
        if (values.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        // Type 7 (linear interpolation between order statistics), as numpy.percentile's default.
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        p.setData(values);
        return new double[] {p.evaluate(100 * alpha), p.evaluate(100 * (1 - alpha))};
    }

    /**
     * A resample's statistics: the samples' statistics in the resample's order, the first copied, then each next one
     * added with plain double additions (or its minimum or maximum taken), rows appended. Plain, not the exact sums of
     * {@link Stats.Accumulator}: a resample's order is fixed by the seed and the sample-id order of the lines, so
     * exactness buys no reproducibility here, and it would cost up to 80 times as much on real-valued vectors (1000
     * resamples of every sample). These are the sums the intervals were computed with before sums became exact.
     */
    static Stats combined(Metric<?, ?> metric, List<Stats> perSample, int[] idx) {
        Stats first = perSample.get(idx[0]);
        Map<String, double[]> vectors = new LinkedHashMap<>();
        first.asMap().forEach((k, v) -> {
            if (metric.combine(k) == Combine.CONCAT) {
                throw new IllegalArgumentException("statistic '" + k + "' is declared CONCAT but is a vector, not rows");
            }
            vectors.put(k, v.clone());
        });
        Map<String, List<Stats.Rows>> rows = new LinkedHashMap<>();
        first.rowsMap().forEach((k, r) -> rows.computeIfAbsent(k, x -> new ArrayList<>()).add(r));
        for (int j = 1; j < idx.length; j++) {
            Stats s = perSample.get(idx[j]);
            if (!s.asMap().keySet().equals(vectors.keySet()) || !s.rowsMap().keySet().equals(rows.keySet())) {
                throw new IllegalArgumentException("cannot combine statistics with keys " + vectors.keySet() + rows.keySet()
                        + " and " + s.asMap().keySet() + s.rowsMap().keySet());
            }
            for (Map.Entry<String, double[]> e : vectors.entrySet()) {
                double[] acc = e.getValue();
                double[] v = s.vector(e.getKey());
                if (v.length != acc.length) {
                    throw new IllegalArgumentException("statistic '" + e.getKey() + "' has length " + acc.length + " and " + v.length);
                }
                Combine c = metric.combine(e.getKey());
                for (int i = 0; i < acc.length; i++) {
                    acc[i] = c == Combine.SUM ? acc[i] + v[i] : c.apply(acc[i], v[i]);
                }
            }
            s.rowsMap().forEach((k, r) -> rows.get(k).add(r));
        }
        Map<String, Stats.Rows> joined = new LinkedHashMap<>();
        rows.forEach((k, parts) -> {
            int width = parts.get(0).width();
            int length = 0;
            for (Stats.Rows r : parts) {
                if (r.width() != width) {
                    throw new IllegalArgumentException("row statistic '" + k + "' has width " + width + " and " + r.width());
                }
                length += r.data().length;
            }
            double[] data = new double[length];
            int at = 0;
            for (Stats.Rows r : parts) {
                System.arraycopy(r.data(), 0, data, at, r.data().length);
                at += r.data().length;
            }
            joined.put(k, new Stats.Rows(width, data));
        });
        return Stats.of(vectors, joined);
    }

    /**
     * {@link #combined(Metric, List, int[])} for every resample: where every sample has the same vector statistics
     * (no rows), they are laid out once as one array per sample and combined there, the same doubles bit for bit
     * without the maps and checks per sample (a 150-class mIoU over 2000 images: 1000 resamples of 600 numbers).
     */
    interface Resampled {
        Stats combined(int[] idx);

        static Resampled of(Metric<?, ?> metric, List<Stats> perSample, boolean rowByRow) {
            Flat flat = Flat.of(metric, perSample);
            if (flat == null) {
                return idx -> Bootstrap.combined(metric, perSample, idx);
            }
            if (rowByRow) {
                return flat::combinedRowByRow;
            }
            Counts counts = Counts.of(flat);
            return counts != null ? counts::combined : flat::combined;
        }
    }

    record Flat(String[] keys, int[] offsets, Combine[] combine, double[][] rows) {

        static Flat of(Metric<?, ?> metric, List<Stats> perSample) {
            if (perSample.isEmpty() || !perSample.get(0).rowsMap().isEmpty()) {
                return null;
            }
            Map<String, double[]> first = perSample.get(0).asMap();
            String[] keys = first.keySet().toArray(new String[0]);
            int[] offsets = new int[keys.length + 1];
            Combine[] combine = new Combine[keys.length];
            for (int k = 0; k < keys.length; k++) {
                offsets[k + 1] = offsets[k] + first.get(keys[k]).length;
                combine[k] = metric.combine(keys[k]);
                if (combine[k] == Combine.CONCAT) {
                    return null;
                }
            }
            double[][] rows = new double[perSample.size()][];
            for (int i = 0; i < rows.length; i++) {
                Stats s = perSample.get(i);
                Map<String, double[]> m = s.asMap();
                if (!s.rowsMap().isEmpty() || m.size() != keys.length) {
                    return null;
                }
                double[] row = new double[offsets[keys.length]];
                for (int k = 0; k < keys.length; k++) {
                    double[] v = m.get(keys[k]);
                    if (v == null || v.length != offsets[k + 1] - offsets[k]) {
                        return null;
                    }
                    System.arraycopy(v, 0, row, offsets[k], v.length);
                }
                rows[i] = row;
            }
            return new Flat(keys, offsets, combine, rows);
        }

        /**
         * The resample's sums, four samples per pass over the columns: {@code acc[e] = acc[e] + a[e] + b[e] + c[e] +
         * d[e]} adds left to right, so every element gets the same additions in the same order as one sample per pass
         * ({@link #combinedRowByRow}), bit for bit, while the accumulator is loaded and stored a quarter as often: the
         * old loop was not memory-bound (a 150-class mIoU's rows over 2000 images, 7 MB, stay in a 32 MB L3), its time
         * went to that. Summing column blocks of all resamples at once, so that a block's rows stay in L2, measured
         * slower (short inner loops over rows read in short random pieces): see BootstrapBench.
         */
        Stats combined(int[] idx) {
            double[] acc = rows[idx[0]].clone();
            int j = 1;
            for (; j + 3 < idx.length; j += 4) {
                double[] a = rows[idx[j]];
                double[] b = rows[idx[j + 1]];
                double[] c = rows[idx[j + 2]];
                double[] d = rows[idx[j + 3]];
                for (int k = 0; k < keys.length; k++) {
                    int from = offsets[k];
                    int to = offsets[k + 1];
                    if (combine[k] == Combine.SUM) {
                        sum(acc, a, b, c, d, from, to);
                    } else {
                        Combine f = combine[k];
                        for (int e = from; e < to; e++) {
                            acc[e] = f.apply(f.apply(f.apply(f.apply(acc[e], a[e]), b[e]), c[e]), d[e]);
                        }
                    }
                }
            }
            add(acc, idx, j);
            return stats(acc);
        }

        /** One sample per pass: the loop before {@link #combined}, kept for the benchmark and the tests. */
        Stats combinedRowByRow(int[] idx) {
            double[] acc = rows[idx[0]].clone();
            add(acc, idx, 1);
            return stats(acc);
        }

        /*
         * The sums' loops in methods of their own, as in Counts: called once per key and sample group, they reach C2
         * by their call counts early in the bootstrap instead of waiting for the method around them.
         */

        /** acc[e] = acc[e] + a[e] + b[e] + c[e] + d[e] over [from, to), added left to right. */
        private static void sum(double[] acc, double[] a, double[] b, double[] c, double[] d, int from, int to) {
            for (int e = from; e < to; e++) {
                acc[e] = acc[e] + a[e] + b[e] + c[e] + d[e];
            }
        }

        /** acc[e] += r[e] over [from, to). */
        private static void sum(double[] acc, double[] r, int from, int to) {
            for (int e = from; e < to; e++) {
                acc[e] += r[e];
            }
        }

        /** Adds samples idx[first..] into acc, one per pass. */
        private void add(double[] acc, int[] idx, int first) {
            for (int j = first; j < idx.length; j++) {
                double[] r = rows[idx[j]];
                for (int k = 0; k < keys.length; k++) {
                    int from = offsets[k];
                    int to = offsets[k + 1];
                    if (combine[k] == Combine.SUM) {
                        sum(acc, r, from, to);
                    } else {
                        Combine c = combine[k];
                        for (int e = from; e < to; e++) {
                            acc[e] = c.apply(acc[e], r[e]);
                        }
                    }
                }
            }
        }

        Stats stats(double[] acc) {
            Stats.Builder b = Stats.builder();
            for (int k = 0; k < keys.length; k++) {
                b.put(keys[k], java.util.Arrays.copyOfRange(acc, offsets[k], offsets[k + 1]));
            }
            return b.build();
        }
    }

    /**
     * {@link Flat}'s sums where every statistic is summed and every value is a whole number that no resample's sum
     * can take past {@code Integer.MAX_VALUE} (pixel counts: a 150-class mIoU's areas). Such double sums are exact
     * whatever the order of the additions, so a resample is summed as ints, each drawn sample once times the number
     * of times it was drawn (about 63% of the samples appear), four per pass: the same doubles as {@link Flat}'s
     * (and the map path's) bit for bit, with about 63% of the rows read and eight ints per AVX2 vector instead of
     * four doubles.
     */
    record Counts(Flat flat, int[][] rows) {

        static Counts of(Flat flat) {
            for (Combine c : flat.combine()) {
                if (c != Combine.SUM) {
                    return null;
                }
            }
            double[][] in = flat.rows();
            int width = flat.offsets()[flat.keys().length];
            long limit = Integer.MAX_VALUE / Math.max(1, in.length);   // a resample draws n samples
            int[][] rows = new int[in.length][width];
            for (int i = 0; i < in.length; i++) {
                double[] r = in[i];
                int[] out = rows[i];
                for (int e = 0; e < width; e++) {
                    double v = r[e];
                    // Whole, not -0.0 (an int sum would give +0.0 where the doubles keep -0.0), within the limit.
                    if (!(Math.abs(v) <= limit) || v != Math.rint(v) || Double.doubleToRawLongBits(v) == Long.MIN_VALUE) {
                        return null;
                    }
                    out[e] = (int) v;
                }
            }
            return new Counts(flat, rows);
        }

        Stats combined(int[] idx) {
            int n = rows.length;
            int[] times = new int[n];
            for (int i : idx) {
                times[i]++;
            }
            int[] drawn = new int[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (times[i] != 0) {
                    drawn[m++] = i;
                }
            }
            int width = rows[0].length;
            int[] acc = new int[width];
            int j = 0;
            for (; j + 3 < m; j += 4) {
                add(acc, rows[drawn[j]], times[drawn[j]], rows[drawn[j + 1]], times[drawn[j + 1]], rows[drawn[j + 2]],
                        times[drawn[j + 2]], rows[drawn[j + 3]], times[drawn[j + 3]]);
            }
            for (; j < m; j++) {
                add(acc, rows[drawn[j]], times[drawn[j]]);
            }
            double[] sums = new double[width];
            for (int e = 0; e < width; e++) {
                sums[e] = acc[e];
            }
            return flat.stats(sums);
        }

        /*
         * The sums' loops in methods of their own: called tens of times per resample, they reach C2 after the first
         * hundred or so resamples by their call counts, where the loops inside combined waited for combined itself,
         * whose C2 code came after the last of a 200-sample summary's 1000 resamples (they ran in C1's profiling code).
         */

        /** acc += ta a + tb b + tc c + td d, element-wise. */
        private static void add(int[] acc, int[] a, int ta, int[] b, int tb, int[] c, int tc, int[] d, int td) {
            for (int e = 0; e < acc.length; e++) {
                acc[e] += ta * a[e] + tb * b[e] + tc * c[e] + td * d[e];
            }
        }

        /** acc += ta a, element-wise. */
        private static void add(int[] acc, int[] a, int ta) {
            for (int e = 0; e < acc.length; e++) {
                acc[e] += ta * a[e];
            }
        }
    }

    private static Map<String, Double> finishKeys(Metric<?, ?> metric, Stats total) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (MetricValue v : metric.finish(total).values()) {
            m.put(v.key(), v.value());
        }
        return m;
    }
}
