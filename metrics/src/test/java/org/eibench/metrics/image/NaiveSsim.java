package org.eibench.metrics.image;

import org.eibench.metrics.FloatImage;

/**
 * The textbook SSIM: a direct 11x11 Gaussian window per output pixel and per channel, five moments, double
 * precision. Slow and obviously right; the optimised {@link SsimKernel} must agree with it on any shape.
 */
final class NaiveSsim {

    private NaiveSsim() {
    }

    /** Per-channel {mean SSIM, mean cs}. */
    static double[][] channelMeans(FloatImage x, FloatImage y, double dataRange) {
        double[] g = SsimKernel.gaussian(5, 1.5);
        int w = x.width();
        int h = x.height();
        int ch = x.channels();
        double c1 = Math.pow(0.01 * dataRange, 2);
        double c2 = Math.pow(0.03 * dataRange, 2);
        double[][] out = new double[ch][2];
        for (int c = 0; c < ch; c++) {
            double ss = 0;
            double cs = 0;
            for (int r = 0; r + 11 <= h; r++) {
                for (int q = 0; q + 11 <= w; q++) {
                    double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
                    for (int i = 0; i < 11; i++) {
                        for (int j = 0; j < 11; j++) {
                            double wt = g[i] * g[j];
                            double a = x.get(q + j, r + i, c);
                            double b = y.get(q + j, r + i, c);
                            mx += wt * a;
                            my += wt * b;
                            sxx += wt * a * a;
                            syy += wt * b * b;
                            sxy += wt * a * b;
                        }
                    }
                    double vx = sxx - mx * mx;
                    double vy = syy - my * my;
                    double cov = sxy - mx * my;
                    double csv = (2 * cov + c2) / (vx + vy + c2);
                    cs += csv;
                    ss += (2 * mx * my + c1) / (mx * mx + my * my + c1) * csv;
                }
            }
            double n = (double) (w - 10) * (h - 10);
            out[c][0] = ss / n;
            out[c][1] = cs / n;
        }
        return out;
    }
}
