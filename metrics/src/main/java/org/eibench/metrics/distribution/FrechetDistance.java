package org.eibench.metrics.distribution;

import org.eibench.metrics.Stats;

/**
 * The Frechet distance between Gaussians fitted to two feature sets, as pytorch-fid computes it
 * ({@code src/pytorch_fid/fid_score.py} calculate_frechet_distance, lines 179-236; clean-fid
 * {@code cleanfid/fid.py} frechet_distance, lines 37-87): means, sample covariances with n - 1 ({@code np.cov}),
 * FD = |mu1 - mu2|^2 + tr(S1) + tr(S2) - 2 tr(sqrtm(S1 S2)).
 *
 * <p>Only the trace of the principal square root enters, and it is computed without forming {@code S1 S2}: S1 S2 is
 * similar to the symmetric positive semidefinite F^T S2 F for any factor S1 = F F^T, so tr(sqrtm(S1 S2)) is the sum of
 * the square roots of that matrix's eigenvalues (negative round-off taken as 0). The factor is chosen by size: when a
 * set has at most d rows, F = Xc^T / sqrt(n - 1) from its centred rows and F^T S2 F = K K^T / ((n1 - 1)(n2 - 1)) with
 * K = Xc1 Xc2^T (an n x n problem); otherwise a pivoted Cholesky factor of S1 (rank-revealing, so constant or
 * duplicated features are fine). This is the value {@code scipy.linalg.sqrtm}'s Schur algorithm approximates;
 * torch-fidelity takes the same trace as the sum of real parts of sqrt(eigvals(S1 S2)) ({@code
 * torch_fidelity/metric_fid.py} line 39). What pytorch-fid and clean-fid do about round-off becomes moot here:
 * <ul>
 *   <li>a "slight imaginary component" of sqrtm (pytorch-fid keeps the real part, raising only when the diagonal's
 *   imaginary part exceeds 1e-3; clean-fid keeps the real part silently) cannot arise: the eigenvalues of a symmetric
 *   matrix are real, and the real part of the trace is what both libraries use;</li>
 *   <li>sqrtm returns non-finite values, and both retry with 1e-6 added to both diagonals, only when its Schur form
 *   meets two exactly zero eigenvalues coupled by a non-zero entry; this route needs no retry and gives the exact
 *   trace there (the retried value differs by O(1e-6 d)).</li>
 * </ul>
 * In degenerate cases (n below d, constant or duplicated features, low rank) scipy's own answer carries round-off of
 * about 1e-9 to 1e-8 relative; the golden tests agree with it to 1e-6 relative (docs/metrics-generation.md).
 */
public final class FrechetDistance {

    /**
     * @param value      the Frechet distance (NaN when a set has fewer than two rows)
     * @param meanTerm   |mu1 - mu2|^2
     * @param traceSqrt  tr(sqrtm(S1 S2))
     */
    public record Result(double value, double meanTerm, double trace1, double trace2, double traceSqrt) {
    }

    private FrechetDistance() {
    }

    public static Result of(Stats.Rows x, Stats.Rows y) {
        if (x.width() != y.width()) {
            throw new IllegalArgumentException("feature sets have " + x.width() + " and " + y.width() + " dimensions");
        }
        if (x.count() < 2 || y.count() < 2) {
            return new Result(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        Centred a = Centred.of(x);
        Centred b = Centred.of(y);
        double meanTerm = 0;
        for (int j = 0; j < a.mean.length; j++) {
            double diff = a.mean[j] - b.mean[j];
            meanTerm += diff * diff;
        }
        double traceSqrt = traceSqrt(a, b);
        double value = meanTerm + a.trace + b.trace - 2 * traceSqrt;
        return new Result(value, meanTerm, a.trace, b.trace, traceSqrt);
    }

    /** tr(sqrtm(S1 S2)), symmetric in the two sets. */
    static double traceSqrt(Centred a, Centred b) {
        int d = a.mean.length;
        Centred small = a.n <= b.n ? a : b;
        Centred other = small == a ? b : a;
        double[][] s;
        if (small.n <= d) {
            double[][] k = Linear.timesTransposed(small.rows, other.rows);
            s = Linear.timesTransposed(k, k);
            double div = (double) (small.n - 1) * (other.n - 1);
            for (double[] row : s) {
                for (int j = 0; j < row.length; j++) {
                    row[j] /= div;
                }
            }
        } else {
            double[][] f = Linear.semidefiniteFactor(Linear.gram(small.rows, d, small.n - 1));
            double[][] s2f = Linear.times(Linear.gram(other.rows, d, other.n - 1), f);
            s = Linear.times(Linear.transpose(f), s2f);
            for (int i = 0; i < s.length; i++) {
                for (int j = 0; j < i; j++) {
                    double m = (s[i][j] + s[j][i]) / 2; // exactly symmetric for the eigensolver
                    s[i][j] = m;
                    s[j][i] = m;
                }
            }
        }
        double sum = 0;
        for (double lambda : Linear.symmetricEigenvalues(s)) {
            sum += Math.sqrt(Math.max(0, lambda));
        }
        return sum;
    }

    /** Mean, trace of the sample covariance and centred rows of one feature set. */
    static final class Centred {
        final int n;
        final double[] mean;
        final double[][] rows;
        final double trace;

        private Centred(int n, double[] mean, double[][] rows, double trace) {
            this.n = n;
            this.mean = mean;
            this.rows = rows;
            this.trace = trace;
        }

        static Centred of(Stats.Rows r) {
            int n = r.count();
            int d = r.width();
            double[] data = r.data();
            double[] mean = new double[d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    mean[j] += data[i * d + j];
                }
            }
            for (int j = 0; j < d; j++) {
                mean[j] /= n;
            }
            double[][] rows = new double[n][d];
            double ss = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    double v = data[i * d + j] - mean[j];
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("feature row " + i + " holds a non-finite value");
                    }
                    rows[i][j] = v;
                    ss += v * v;
                }
            }
            return new Centred(n, mean, rows, ss / (n - 1));
        }
    }
}
