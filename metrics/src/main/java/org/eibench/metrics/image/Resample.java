package org.eibench.metrics.image;

import org.eibench.metrics.FloatImage;

/**
 * The two downsamplers of the SSIM family, per channel on interleaved images, summing in double.
 */
final class Resample {

    private Resample() {
    }

    /**
     * Factor of Wang's {@code ssim.m} (2009, "SSIM Index with automatic downsampling"):
     * {@code f = max(1, round(min(M, N) / 256))} with MATLAB's round (half away from zero, so 640 px gives 3).
     */
    static int matlabFactor(int width, int height) {
        return Math.max(1, (int) Math.floor(Math.min(width, height) / 256.0 + 0.5));
    }

    /**
     * {@code ssim.m}'s low-pass and subsample: {@code imfilter(img, ones(f, f) / f^2, 'symmetric', 'same')} then
     * {@code img(1:f:end, 1:f:end)}. imfilter correlates with the kernel centred at MATLAB index floor((f + 1) / 2),
     * so for even f the box reaches one sample further forward than back (f = 2 averages samples 2i and 2i + 1);
     * 'symmetric' padding mirrors with the edge sample repeated. Output is ceil(H / f) x ceil(W / f).
     */
    static FloatImage matlabBox(FloatImage im, int f) {
        if (f == 1) {
            return im;
        }
        int w = im.width();
        int h = im.height();
        int c = im.channels();
        int lo = (f + 1) / 2 - 1;
        int ow = (w + f - 1) / f;
        int oh = (h + f - 1) / f;
        float[] in = im.data();
        float[] out = new float[ow * oh * c];
        int[] cols = new int[f];
        double norm = (double) f * f;
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                for (int dx = 0; dx < f; dx++) {
                    cols[dx] = symmetric(ox * f + dx - lo, w);
                }
                for (int ch = 0; ch < c; ch++) {
                    double sum = 0;
                    for (int dy = 0; dy < f; dy++) {
                        int row = symmetric(oy * f + dy - lo, h) * w;
                        for (int dx = 0; dx < f; dx++) {
                            sum += in[(row + cols[dx]) * c + ch];
                        }
                    }
                    out[(oy * ow + ox) * c + ch] = (float) (sum / norm);
                }
            }
        }
        return new FloatImage(ow, oh, c, out);
    }

    /** MATLAB 'symmetric' boundary: ..., x1, x0 | x0, x1, ..., x(n-1) | x(n-1), x(n-2), ... */
    static int symmetric(int i, int n) {
        int period = 2 * n;
        int k = Math.floorMod(i, period);
        return k < n ? k : period - 1 - k;
    }

    /**
     * pytorch_msssim's step between scales: {@code F.avg_pool2d(x, kernel_size=2, padding=[H % 2, W % 2])} with
     * PyTorch's default {@code count_include_pad=True}. An odd side gets one zero on each end (only the leading one
     * is ever read), and every output is its 2x2 block sum over 4, zeros included. Output is ceil(H/2) x ceil(W/2).
     */
    static FloatImage avgPool2(FloatImage im) {
        int w = im.width();
        int h = im.height();
        int c = im.channels();
        int px = w % 2;
        int py = h % 2;
        int ow = (w + 1) / 2;
        int oh = (h + 1) / 2;
        float[] in = im.data();
        float[] out = new float[ow * oh * c];
        for (int oy = 0; oy < oh; oy++) {
            int y0 = 2 * oy - py;
            for (int ox = 0; ox < ow; ox++) {
                int x0 = 2 * ox - px;
                for (int ch = 0; ch < c; ch++) {
                    double sum = 0;
                    for (int y = y0; y <= y0 + 1; y++) {
                        if (y < 0 || y >= h) {
                            continue;
                        }
                        for (int x = x0; x <= x0 + 1; x++) {
                            if (x >= 0 && x < w) {
                                sum += in[(y * w + x) * c + ch];
                            }
                        }
                    }
                    out[(oy * ow + ox) * c + ch] = (float) (sum / 4.0);
                }
            }
        }
        return new FloatImage(ow, oh, c, out);
    }
}
