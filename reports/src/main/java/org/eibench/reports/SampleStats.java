package org.eibench.reports;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

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
        // The mean by the JDK's compensated sum, and the SD about that mean, as the per-instruction tables have them.
        double mean = Arrays.stream(v).average().orElseThrow();
        double sd = n > 1 ? new StandardDeviation(true).evaluate(v, mean) : Double.NaN; // sample SD (n - 1)
        double[] ci = bootstrapMean(v);
        return new Summary(n, mean, sd, StatUtils.min(v), StatUtils.max(v), ci == null ? null : ci[0], ci == null ? null : ci[1]);
    }

    /**
     * 95% percentile interval of the mean; null with fewer than two values (no spread to resample). Resamples are drawn
     * as the metrics module's {@code Bootstrap} draws them: a seeded SplittableRandom, n indices per resample.
     */
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
        Percentile p = quantiles();
        p.setData(means);
        return new double[] {p.evaluate(2.5), p.evaluate(97.5)};
    }

    /** Linear interpolation between order statistics (type 7, as numpy's default), as the metrics' bootstrap uses. */
    static Percentile quantiles() {
        return new Percentile().withEstimationType(Percentile.EstimationType.R_7);
    }
}
