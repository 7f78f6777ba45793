package org.eibench.metrics.depth;

/**
 * Scale and shift minimising sum (s x + t - y)^2, the solution numpy's {@code lstsq} returns for Marigold's design
 * matrix [x, 1]. Centred sums (two passes) keep the normal equations well conditioned when x has a large mean.
 */
final class LeastSquares {

    private LeastSquares() {
    }

    /** {s, t}; {@code use} selects the fitted entries (null: all). */
    static double[] scaleShift(double[] x, double[] y, boolean[] use) {
        int n = 0;
        double sx = 0;
        double sy = 0;
        for (int k = 0; k < x.length; k++) {
            if (use == null || use[k]) {
                sx += x[k];
                sy += y[k];
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("least-squares alignment over no pixels");
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        for (int k = 0; k < x.length; k++) {
            if (use == null || use[k]) {
                double dx = x[k] - mx;
                sxx += dx * dx;
                sxy += dx * (y[k] - my);
            }
        }
        if (sxx == 0) {
            // Constant prediction: rank-deficient; numpy's lstsq returns the minimum-norm solution of s c + t = mean(y).
            double c = mx;
            return new double[] {my * c / (c * c + 1), my / (c * c + 1)};
        }
        double s = sxy / sxx;
        return new double[] {s, my - s * mx};
    }
}
