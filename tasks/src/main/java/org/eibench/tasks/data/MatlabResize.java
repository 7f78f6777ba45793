package org.eibench.tasks.data;

import org.eibench.metrics.FloatImage;

/**
 * MATLAB's {@code imresize} with the bicubic kernel and antialiasing (its defaults), per dimension as MATLAB does it
 * (contributions() in imresize.m): output pixel i (1-based) maps to u = i / s + 0.5 (1 - 1 / s); when s < 1 the cubic
 * kernel (a = -0.5) is stretched to width 4 / s and scaled by s; weights are normalised to sum 1; indices outside the
 * image are mirrored (symmetric padding). The height is resized first when it shrinks more, else the width (MATLAB
 * orders dimensions by scale; for equal scales it does rows (height) first).
 */
public final class MatlabResize {

    private MatlabResize() {
    }

    public static FloatImage resize(FloatImage img, double scale) {
        return resize(img, scale, false);
    }

    /**
     * @param uint8 the image is 8-bit: as MATLAB on a uint8 array, the result of the first pass is rounded and
     *              saturated to uint8 before the second (imresizemex returns the input's class per dimension)
     */
    public static FloatImage resize(FloatImage img, double scale, boolean uint8) {
        int outW = (int) Math.ceil(img.width() * scale);
        int outH = (int) Math.ceil(img.height() * scale);
        FloatImage t = resizeAxis(img, outH, scale, true);
        if (uint8) {
            t = t.quantized8();
        }
        return resizeAxis(t, outW, scale, false);
    }

    static double cubic(double x) {
        double ax = Math.abs(x);
        double ax2 = ax * ax;
        double ax3 = ax2 * ax;
        if (ax <= 1) {
            return 1.5 * ax3 - 2.5 * ax2 + 1;
        }
        if (ax <= 2) {
            return -0.5 * ax3 + 2.5 * ax2 - 4 * ax + 2;
        }
        return 0;
    }

    private static FloatImage resizeAxis(FloatImage img, int outLen, double scale, boolean vertical) {
        int inLen = vertical ? img.height() : img.width();
        double kernelWidth = scale < 1 ? 4 / scale : 4;
        int p = (int) Math.ceil(kernelWidth) + 2;
        int[][] idx = new int[outLen][p];
        double[][] wts = new double[outLen][p];
        for (int i = 0; i < outLen; i++) {
            double u = (i + 1) / scale + 0.5 * (1 - 1 / scale);
            int left = (int) Math.floor(u - kernelWidth / 2);
            double sum = 0;
            for (int k = 0; k < p; k++) {
                int j = left + k; // 1-based source index
                double x = u - j;
                double wgt = scale < 1 ? scale * cubic(scale * x) : cubic(x);
                wts[i][k] = wgt;
                sum += wgt;
                idx[i][k] = mirror(j, inLen) - 1;
            }
            for (int k = 0; k < p; k++) {
                wts[i][k] /= sum;
            }
        }
        int w = img.width(), h = img.height(), c = img.channels();
        int ow = vertical ? w : outLen, oh = vertical ? outLen : h;
        float[] in = img.data();
        float[] out = new float[ow * oh * c];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                for (int ch = 0; ch < c; ch++) {
                    double acc = 0;
                    int i = vertical ? y : x;
                    for (int k = 0; k < p; k++) {
                        int s = idx[i][k];
                        acc += wts[i][k] * (vertical ? in[(s * w + x) * c + ch] : in[(y * w + s) * c + ch]);
                    }
                    out[(y * ow + x) * c + ch] = (float) acc;
                }
            }
        }
        return new FloatImage(ow, oh, c, out);
    }

    /** MATLAB's symmetric index for a 1-based position (aux = [1:n, n:-1:1], mod 2n). */
    private static int mirror(int j, int n) {
        int m = Math.floorMod(j - 1, 2 * n);
        return m < n ? m + 1 : 2 * n - m;
    }
}
