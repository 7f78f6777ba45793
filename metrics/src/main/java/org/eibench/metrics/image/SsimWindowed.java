package org.eibench.metrics.image;

import org.eibench.metrics.FloatImage;

/**
 * SSIM with any of skimage's windows: the plain form of skimage {@code structural_similarity}
 * (skimage/metrics/_structural_similarity.py, 0.19, lines 192-236): five moments filtered with the window (Gaussian
 * 11x11 of sigma 1.5, or uniform win_size x win_size as scipy {@code uniform_filter}), vx = cov_norm (uxx - ux^2), vy
 * and vxy alike, cov_norm = NP / (NP - 1) with sample covariance else 1, S = (2 ux uy + C1)(2 vxy + C2) /
 * ((ux^2 + uy^2 + C1)(vx + vy + C2)), mean over the valid region (skimage computes the map with reflected borders and
 * then crops (win_size - 1) / 2 pixels on each side, which leaves exactly the windows inside the image). Colour
 * images: per channel, then the mean (skimage's {@code channel_axis}).
 *
 * <p>The default window is computed by {@link SsimKernel}, which is much faster; this class serves the other windows
 * (a peer's protocol, not the hot path) and keeps each moment as a full double plane.
 */
final class SsimWindowed {

    private SsimWindowed() {
    }

    static double meanSsim(FloatImage x, FloatImage y, double dataRange, SsimMetric.Window window) {
        if (!x.sameShape(y)) {
            throw new IllegalArgumentException("SSIM of " + x.shape() + " and " + y.shape());
        }
        int size = window.winSize();
        if (x.width() < size || x.height() < size) {
            throw new IllegalArgumentException("SSIM with a " + size + "x" + size + " window needs images of at least that size, got "
                    + x.width() + "x" + x.height());
        }
        double[] taps = window.gaussianWeights() ? SsimKernel.gaussian(SsimKernel.RADIUS, SsimKernel.SIGMA) : uniform(size);
        double np = (double) size * size;
        double covNorm = window.sampleCovariance() ? np / (np - 1) : 1.0;
        double c1 = (SsimKernel.K1 * dataRange) * (SsimKernel.K1 * dataRange);
        double c2 = (SsimKernel.K2 * dataRange) * (SsimKernel.K2 * dataRange);
        int ch = x.channels();
        double total = 0;
        for (int c = 0; c < ch; c++) {
            total += channel(x, y, c, taps, covNorm, c1, c2);
        }
        return total / ch;
    }

    private static double[] uniform(int size) {
        double[] w = new double[size];
        java.util.Arrays.fill(w, 1.0 / size);
        return w;
    }

    private static double channel(FloatImage xi, FloatImage yi, int c, double[] taps, double covNorm, double c1, double c2) {
        int w = xi.width();
        int h = xi.height();
        int ch = xi.channels();
        int k = taps.length;
        int ow = w - k + 1;
        int oh = h - k + 1;
        float[] a = xi.data();
        float[] b = yi.data();
        // Horizontal pass into five planes of ow x h, then the vertical pass per output pixel.
        double[][] hor = new double[5][ow * h];
        double[] row = new double[5 * w];
        for (int r = 0; r < h; r++) {
            for (int i = 0; i < w; i++) {
                double u = a[(r * w + i) * ch + c];
                double v = b[(r * w + i) * ch + c];
                row[i] = u;
                row[w + i] = v;
                row[2 * w + i] = u * u;
                row[3 * w + i] = v * v;
                row[4 * w + i] = u * v;
            }
            for (int m = 0; m < 5; m++) {
                double[] out = hor[m];
                int base = m * w;
                for (int i = 0; i < ow; i++) {
                    double s = 0;
                    for (int t = 0; t < k; t++) {
                        s += taps[t] * row[base + i + t];
                    }
                    out[r * ow + i] = s;
                }
            }
        }
        double sum = 0;
        double[] mom = new double[5];
        for (int r = 0; r < oh; r++) {
            for (int i = 0; i < ow; i++) {
                for (int m = 0; m < 5; m++) {
                    double[] p = hor[m];
                    double s = 0;
                    for (int t = 0; t < k; t++) {
                        s += taps[t] * p[(r + t) * ow + i];
                    }
                    mom[m] = s;
                }
                double ux = mom[0];
                double uy = mom[1];
                double vx = covNorm * (mom[2] - ux * ux);
                double vy = covNorm * (mom[3] - uy * uy);
                double vxy = covNorm * (mom[4] - ux * uy);
                double num = (2 * ux * uy + c1) * (2 * vxy + c2);
                double den = (ux * ux + uy * uy + c1) * (vx + vy + c2);
                sum += num / den;
            }
        }
        return sum / ((double) ow * oh);
    }
}
