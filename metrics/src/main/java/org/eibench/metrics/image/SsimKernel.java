package org.eibench.metrics.image;

import org.eibench.metrics.FloatImage;

/** The SSIM map of one channel pair with a separable Gaussian window, valid region only, in double precision. */
final class SsimKernel {

    static final int RADIUS = 5;
    static final double SIGMA = 1.5;
    private static final double[] WINDOW = gaussian(RADIUS, SIGMA);

    private SsimKernel() {
    }

    /** Normalised 1-D Gaussian of 2r+1 taps (as scipy's gaussian_filter and cv2.getGaussianKernel(11, 1.5)). */
    static double[] gaussian(int radius, double sigma) {
        double[] w = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            w[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
            sum += w[i + radius];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    static double meanSsim(FloatImage x, FloatImage y, double dataRange) {
        int w = x.width();
        int h = x.height();
        int k = WINDOW.length;
        if (w < k || h < k) {
            throw new IllegalArgumentException("SSIM needs images of at least " + k + "x" + k + ", got " + w + "x" + h);
        }
        double c1 = Math.pow(0.01 * dataRange, 2);
        double c2 = Math.pow(0.03 * dataRange, 2);
        int ow = w - k + 1;
        int oh = h - k + 1;
        float[] a = x.data();
        float[] b = y.data();
        // Horizontal pass over every row: five moments at valid columns.
        double[] hx = new double[h * ow];
        double[] hy = new double[h * ow];
        double[] hxx = new double[h * ow];
        double[] hyy = new double[h * ow];
        double[] hxy = new double[h * ow];
        for (int r = 0; r < h; r++) {
            int row = r * w;
            for (int c = 0; c < ow; c++) {
                double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
                for (int t = 0; t < k; t++) {
                    double wt = WINDOW[t];
                    double va = a[row + c + t];
                    double vb = b[row + c + t];
                    sx += wt * va;
                    sy += wt * vb;
                    sxx += wt * va * va;
                    syy += wt * vb * vb;
                    sxy += wt * va * vb;
                }
                int o = r * ow + c;
                hx[o] = sx;
                hy[o] = sy;
                hxx[o] = sxx;
                hyy[o] = syy;
                hxy[o] = sxy;
            }
        }
        double total = 0;
        for (int r = 0; r < oh; r++) {
            for (int c = 0; c < ow; c++) {
                double mx = 0, my = 0, mxx = 0, myy = 0, mxy = 0;
                for (int t = 0; t < k; t++) {
                    double wt = WINDOW[t];
                    int o = (r + t) * ow + c;
                    mx += wt * hx[o];
                    my += wt * hy[o];
                    mxx += wt * hxx[o];
                    myy += wt * hyy[o];
                    mxy += wt * hxy[o];
                }
                double vx = mxx - mx * mx;
                double vy = myy - my * my;
                double cov = mxy - mx * my;
                total += ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
            }
        }
        return total / ((double) ow * oh);
    }
}
