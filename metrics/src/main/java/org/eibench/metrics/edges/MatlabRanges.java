package org.eibench.metrics.edges;

/**
 * MATLAB's {@code linspace} and colon ranges, rounded as MATLAB rounds them. It matters: thresholds such as 1/3
 * coincide with 8-bit levels (85/255), and whether {@code pb >= thresh} holds there depends on the last bit.
 */
final class MatlabRanges {

    private MatlabRanges() {
    }

    /** {@code linspace(d1, d2, n)}: {@code d1 + (0:n-1) .* (d2 - d1) ./ (n-1)}, then the end points set exactly. */
    static double[] linspace(double d1, double d2, int n) {
        if (n < 1) {
            return new double[0];
        }
        double[] y = new double[n];
        if (n == 1) {
            y[0] = d2;
            return y;
        }
        int n1 = n - 1;
        for (int k = 0; k < n; k++) {
            y[k] = d1 + (k * (d2 - d1)) / n1;
        }
        y[0] = d1;
        y[n1] = d2;
        return y;
    }

    /** {@code a:d:b} for d > 0: MATLAB fills the first half from a and the second half back from b. */
    static double[] colon(double a, double d, double b) {
        int n = (int) Math.floor((b - a) / d + 1e-10);
        double[] y = new double[n + 1];
        int half = n / 2;
        for (int k = 0; k <= n; k++) {
            y[k] = k <= half ? a + k * d : b - (n - k) * d;
        }
        return y;
    }
}
