package org.eibench.metrics.distribution;

/**
 * The dense linear algebra the Frechet distance needs, written for speed on one core: symmetric products as row
 * updates (contiguous inner loops the JIT vectorises), a semidefinite Cholesky with complete pivoting, and the
 * eigenvalues of a symmetric matrix (Householder tridiagonalisation, then QL with implicit Wilkinson shifts; no
 * eigenvectors, which is what makes d = 2048 affordable). Our own code after the textbook algorithms (Golub and Van
 * Loan, Matrix Computations, 4th ed., 5.5.1 and 8.3; Higham 2002 10.3 for the pivoted Cholesky and its tolerance, the
 * one LAPACK's dpstrf uses).
 */
final class Linear {

    private Linear() {
    }

    /** X^T X / div for the rows of X (n x d): the symmetric d x d product. */
    static double[][] gram(double[][] x, int d, double div) {
        double[][] g = new double[d][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                double v = row[j];
                if (v == 0) {
                    continue;
                }
                double[] gj = g[j];
                for (int k = j; k < d; k++) {
                    gj[k] += v * row[k];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            for (int k = j; k < d; k++) {
                g[j][k] /= div;
                g[k][j] = g[j][k];
            }
        }
        return g;
    }

    /** A B^T for A (n1 x d), B (n2 x d). */
    static double[][] timesTransposed(double[][] a, double[][] b) {
        int n2 = b.length;
        int d = a.length == 0 ? 0 : a[0].length;
        double[][] bt = new double[d][n2];
        for (int j = 0; j < n2; j++) {
            for (int k = 0; k < d; k++) {
                bt[k][j] = b[j][k];
            }
        }
        return rowsTimes(a, bt, n2, false);
    }

    /**
     * A R for A (n x m) and the rows R (m x p): each output row is the sum over k of a[i][k] times row k, added in k
     * order and skipping zeros of A (the sparse masks and one-hot features this serves have many); with {@code upper}
     * only the columns j > i are computed.
     */
    private static double[][] rowsTimes(double[][] a, double[][] rows, int p, boolean upper) {
        double[][] out = new double[a.length][p];
        for (int i = 0; i < a.length; i++) {
            double[] o = out[i];
            double[] ai = a[i];
            for (int k = 0; k < ai.length; k++) {
                double v = ai[k];
                if (v == 0) {
                    continue;
                }
                double[] row = rows[k];
                for (int j = upper ? i + 1 : 0; j < p; j++) {
                    o[j] += v * row[j];
                }
            }
        }
        return out;
    }

    /** The upper triangle (j > i) of A A^T for A (n x d); the rest left 0. */
    static double[][] timesOwnTransposeUpper(double[][] a) {
        return rowsTimes(a, transpose(a), a.length, true);
    }

    /** A B for A (n x m), B (m x p). */
    static double[][] times(double[][] a, double[][] b) {
        return rowsTimes(a, b, b.length == 0 ? 0 : b[0].length, false);
    }

    static double[][] transpose(double[][] a) {
        int n = a.length;
        int m = n == 0 ? 0 : a[0].length;
        double[][] t = new double[m][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /**
     * F (d x r) with F F^T = S for a symmetric positive semidefinite S, by Cholesky with complete (diagonal) pivoting,
     * stopped when the largest remaining diagonal is at most d * eps * max(diag S) (dpstrf's default tolerance): r is
     * the numerical rank. S is not modified.
     */
    static double[][] semidefiniteFactor(double[][] s) {
        int d = s.length;
        double[][] a = new double[d][];
        for (int i = 0; i < d; i++) {
            a[i] = s[i].clone();
        }
        int[] perm = new int[d];
        double max = 0;
        for (int i = 0; i < d; i++) {
            perm[i] = i;
            max = Math.max(max, a[i][i]);
        }
        double tol = d * Math.ulp(1.0) * max;
        int rank = 0;
        for (int k = 0; k < d; k++) {
            int p = k;
            for (int i = k + 1; i < d; i++) {
                if (a[i][i] > a[p][p]) {
                    p = i;
                }
            }
            if (!(a[p][p] > tol)) {
                break;
            }
            if (p != k) {
                double[] t = a[p];
                a[p] = a[k];
                a[k] = t;
                for (double[] row : a) {
                    double u = row[p];
                    row[p] = row[k];
                    row[k] = u;
                }
                int q = perm[p];
                perm[p] = perm[k];
                perm[k] = q;
            }
            double root = Math.sqrt(a[k][k]);
            a[k][k] = root;
            for (int i = k + 1; i < d; i++) {
                a[i][k] /= root;
            }
            // Lower-triangle update of the trailing matrix: a[i][j] -= l_ik l_jk for k < j <= i.
            for (int i = k + 1; i < d; i++) {
                double lik = a[i][k];
                if (lik == 0) {
                    continue;
                }
                double[] ai = a[i];
                for (int j = k + 1; j <= i; j++) {
                    ai[j] -= lik * a[j][k];
                }
            }
            for (int i = k + 1; i < d; i++) {
                for (int j = k + 1; j < i; j++) {
                    a[j][i] = a[i][j];
                }
            }
            rank++;
        }
        double[][] f = new double[d][rank];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < Math.min(rank, i + 1); k++) {
                f[perm[i]][k] = a[i][k];
            }
        }
        return f;
    }

    /** The eigenvalues of a symmetric matrix (destroys {@code a}), in no particular order. */
    static double[] symmetricEigenvalues(double[][] a) {
        int n = a.length;
        double[] diag = new double[n];
        double[] off = new double[n];
        tridiagonalise(a, diag, off);
        ql(diag, off);
        return diag;
    }

    /**
     * Householder reduction of the symmetric {@code a} to tridiagonal form: diagonal into {@code diag},
     * sub-diagonal into {@code off[0 .. n-2]}. Step k reflects column k below the diagonal onto its first entry and
     * applies the reflector to the trailing block from both sides as one symmetric rank-2 update.
     */
    static void tridiagonalise(double[][] a, double[] diag, double[] off) {
        int n = a.length;
        double[] v = new double[n];
        double[] p = new double[n];
        for (int k = 0; k < n - 2; k++) {
            double scale = 0;
            for (int i = k + 1; i < n; i++) {
                scale = Math.max(scale, Math.abs(a[i][k]));
            }
            diag[k] = a[k][k];
            if (scale == 0) {
                off[k] = 0;
                continue;
            }
            double norm2 = 0;
            for (int i = k + 1; i < n; i++) {
                v[i] = a[i][k] / scale;
                norm2 += v[i] * v[i];
            }
            double alpha = (v[k + 1] >= 0 ? -1 : 1) * Math.sqrt(norm2);
            off[k] = alpha * scale;
            v[k + 1] -= alpha;
            double vv = 0;
            for (int i = k + 1; i < n; i++) {
                vv += v[i] * v[i];
            }
            if (!(vv > 0)) {
                continue;
            }
            double beta = 2 / vv;
            // p = beta A22 v
            double vp = 0;
            for (int i = k + 1; i < n; i++) {
                double[] ai = a[i];
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int j = k + 1;
                for (; j + 3 < n; j += 4) {
                    s0 += ai[j] * v[j];
                    s1 += ai[j + 1] * v[j + 1];
                    s2 += ai[j + 2] * v[j + 2];
                    s3 += ai[j + 3] * v[j + 3];
                }
                for (; j < n; j++) {
                    s0 += ai[j] * v[j];
                }
                p[i] = beta * ((s0 + s1) + (s2 + s3));
                vp += v[i] * p[i];
            }
            double half = beta * vp / 2;
            for (int i = k + 1; i < n; i++) {
                p[i] -= half * v[i]; // w = p - (beta v.p / 2) v
            }
            for (int i = k + 1; i < n; i++) {
                double[] ai = a[i];
                double vi = v[i];
                double wi = p[i];
                for (int j = k + 1; j < n; j++) {
                    ai[j] -= vi * p[j] + wi * v[j];
                }
            }
        }
        if (n >= 2) {
            diag[n - 2] = a[n - 2][n - 2];
            off[n - 2] = a[n - 1][n - 2];
        }
        if (n >= 1) {
            diag[n - 1] = a[n - 1][n - 1];
            off[n - 1] = 0;
        }
    }

    /** Eigenvalues of the symmetric tridiagonal (diag, off) by QL with implicit Wilkinson shifts, into diag. */
    static void ql(double[] d, double[] e) {
        int n = d.length;
        for (int l = 0; l < n; l++) {
            int iterations = 0;
            while (true) {
                int m = l;
                while (m < n - 1) {
                    double dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
                    if (Math.abs(e[m]) <= Math.ulp(1.0) * dd) {
                        break;
                    }
                    m++;
                }
                if (m == l) {
                    break;
                }
                if (++iterations > 60 * n + 60) {
                    throw new ArithmeticException("eigenvalues did not converge");
                }
                double g = (d[l + 1] - d[l]) / (2 * e[l]);
                double r = Math.hypot(g, 1);
                g = d[m] - d[l] + e[l] / (g + Math.copySign(r, g));
                double s = 1;
                double c = 1;
                double p = 0;
                boolean deflated = false;
                for (int i = m - 1; i >= l; i--) {
                    double f = s * e[i];
                    double b = c * e[i];
                    r = Math.hypot(f, g);
                    e[i + 1] = r;
                    if (r == 0) {
                        d[i + 1] -= p;
                        e[m] = 0;
                        deflated = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = (d[i] - g) * s + 2 * c * b;
                    p = s * r;
                    d[i + 1] = g + p;
                    g = c * r - b;
                }
                if (deflated) {
                    continue;
                }
                d[l] -= p;
                e[l] = g;
                e[m] = 0;
            }
        }
    }
}
