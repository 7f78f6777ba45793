package org.eibench.reports;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Descriptive statistics and a seeded percentile bootstrap over per-sample values, for the per-instruction view (the
 * spread of one wording's per-sample values). Comparisons of runs are not made here: they come from the comparison
 * engine ({@link PairedComparison}), which re-finishes metric statistics.
 */
final class SampleStats {

    static final int RESAMPLES = 2000;
    static final long SEED = 0x5EEDL;

    private SampleStats() {
    }

    record Summary(int n, double mean, double sd, double min, double max, Double lo, Double hi) {
    }

    static Summary describe(List<Double> values) {
        double[] v = values.stream().filter(d -> d != null && Double.isFinite(d)).mapToDouble(Double::doubleValue).toArray();
        int n = v.length;
        if (n == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null, null);
        }
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        double ss = 0;
        for (double d : v) {
            ss += (d - mean) * (d - mean);
        }
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
        double[] ci = bootstrapMean(v);
        return new Summary(n, mean, sd, Arrays.stream(v).min().orElse(Double.NaN), Arrays.stream(v).max().orElse(Double.NaN),
                ci == null ? null : ci[0], ci == null ? null : ci[1]);
    }

    /** 95% percentile interval of the mean; null with fewer than two values (no spread to resample). */
    static double[] bootstrapMean(double[] v) {
        if (v.length < 2) {
            return null;
        }
        SplittableRandom rnd = new SplittableRandom(SEED);
        double[] means = new double[RESAMPLES];
        for (int b = 0; b < RESAMPLES; b++) {
            double s = 0;
            for (int i = 0; i < v.length; i++) {
                s += v[rnd.nextInt(v.length)];
            }
            means[b] = s / v.length;
        }
        Arrays.sort(means);
        return new double[] {quantile(means, 0.025), quantile(means, 0.975)};
    }

    /** Linear interpolation between order statistics (type 7, as numpy's default). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(i + 1, sorted.length - 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }
}
