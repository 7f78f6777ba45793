package org.eibench.metrics.distribution;

import org.eibench.metrics.Stats;

/**
 * Kernel Inception Distance as torch-fidelity computes it ({@code torch_fidelity/metric_kid.py}, lines 21-134):
 * {@code subsets} times, {@code m} rows drawn without replacement from each set with numpy's
 * {@code RandomState(seed).choice} (first set, then second set, per subset; see {@link NumpyRandomState}); the
 * polynomial kernel k(a, b) = (a.b / d + 1)^3 (degree 3, gamma 1/d, coef0 1); the unbiased MMD^2 estimate
 * (sum of the off-diagonal K_XX and K_YY) / (m (m - 1)) - 2 sum(K_XY) / m^2; the mean and population standard
 * deviation over subsets. Defaults as torch-fidelity ({@code defaults.py}: 100 subsets of 1000, seed 2020).
 *
 * <p>Two differences, both stated in the metric's notes: torch-fidelity refuses sets smaller than the subset size
 * (metric_kid.py line 106), while here m = min(n1, n2, subset size) as clean-fid does ({@code cleanfid/fid.py}
 * line 101), so small bundled tasks still get a value (with m equal to n every subset is the whole set and the
 * standard deviation is 0); and torch-fidelity evaluates the kernel in float32 (its features are float32 tensors),
 * here in double with compensated sums, so values agree to about 1e-6 relative, not bit for bit.
 */
public final class KernelDistance {

    /** @param m rows per subset (NaN results when below 2) */
    public record Result(double mean, double std, int m, int subsets) {
    }

    private KernelDistance() {
    }

    public static Result of(Stats.Rows x, Stats.Rows y, int subsets, int subsetSize, long seed) {
        if (x.width() != y.width()) {
            throw new IllegalArgumentException("feature sets have " + x.width() + " and " + y.width() + " dimensions");
        }
        if (subsets < 1 || subsetSize < 2) {
            throw new IllegalArgumentException("KID needs at least one subset of at least two rows");
        }
        int n1 = x.count();
        int n2 = y.count();
        int m = Math.min(Math.min(n1, n2), subsetSize);
        if (m < 2) {
            return new Result(Double.NaN, Double.NaN, m, subsets);
        }
        // The subsets are drawn in torch-fidelity's order first; then each is scored on its own (in parallel: the
        // values land in their slots, so the result does not depend on scheduling).
        NumpyRandomState rng = new NumpyRandomState(seed);
        int[][] first = new int[subsets][];
        int[][] second = new int[subsets][];
        for (int s = 0; s < subsets; s++) {
            first[s] = rng.choice(n1, m);
            second[s] = rng.choice(n2, m);
        }
        double gamma = 1.0 / x.width();
        java.util.stream.IntStream range = java.util.stream.IntStream.range(0, subsets);
        // Threads only when a subset is worth one (the bootstrap of a small task finishes KD a thousand times).
        if ((double) m * m * x.width() > 1e6) {
            range = range.parallel();
        }
        double[] mmd = range.mapToDouble(s -> mmd(gather(x, first[s]), gather(y, second[s]), gamma)).toArray();
        double mean = 0;
        for (double v : mmd) {
            mean += v;
        }
        mean /= subsets;
        double var = 0;
        for (double v : mmd) {
            var += (v - mean) * (v - mean);
        }
        return new Result(mean, Math.sqrt(var / subsets), m, subsets);
    }

    private static double[][] gather(Stats.Rows r, int[] idx) {
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = r.row(idx[i]);
        }
        return out;
    }

    /** Unbiased MMD^2 of two subsets of m rows with the cubic polynomial kernel. */
    static double mmd(double[][] a, double[][] b, double gamma) {
        int m = a.length;
        double kxx = 2 * upperKernelSum(Linear.timesOwnTransposeUpper(a), gamma);
        double kyy = 2 * upperKernelSum(Linear.timesOwnTransposeUpper(b), gamma);
        Sum kxy = new Sum();
        for (double[] row : Linear.timesTransposed(a, b)) {
            for (double dot : row) {
                kxy.add(kernel(dot, gamma));
            }
        }
        return (kxx + kyy) / ((double) m * (m - 1)) - 2 * kxy.value() / ((double) m * m);
    }

    private static double kernel(double dot, double gamma) {
        double t = dot * gamma + 1;
        return t * t * t;
    }

    /** Sum of k over the pairs i < j, compensated (MMD^2 is a small difference of large sums). */
    private static double upperKernelSum(double[][] dots, double gamma) {
        Sum sum = new Sum();
        for (int i = 0; i < dots.length; i++) {
            for (int j = i + 1; j < dots.length; j++) {
                sum.add(kernel(dots[i][j], gamma));
            }
        }
        return sum.value();
    }

    /** Neumaier's compensated summation. */
    private static final class Sum {
        private double s;
        private double c;

        void add(double v) {
            double t = s + v;
            c += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
            s = t;
        }

        double value() {
            return s + c;
        }
    }
}
