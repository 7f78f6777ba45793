package org.eibench.metrics.image;

import org.eibench.metrics.FloatImage;

/**
 * The SSIM map itself (what {@link SsimKernel} averages without materialising): same window, constants and valid
 * region, one double per valid position and channel. Map position (x, y) is the window centred on pixel
 * (x + 5, y + 5). Straightforward separable filtering, for metrics that average the map over a region.
 */
final class SsimMap {

    private SsimMap() {
    }

    /** [channel][y * mapWidth + x] with mapWidth = width - 10, mapHeight = height - 10. */
    static double[][] of(FloatImage x, FloatImage y, double dataRange) {
        if (!x.sameShape(y)) {
            throw new IllegalArgumentException("SSIM of " + x.shape() + " and " + y.shape());
        }
        SsimKernel.requireWindowFits(x.width(), x.height(), "SSIM");
        int w = x.width();
        int h = x.height();
        int ch = x.channels();
        int r = SsimKernel.RADIUS;
        double[] g = SsimKernel.gaussian(r, SsimKernel.SIGMA);
        double c1 = (SsimKernel.K1 * dataRange) * (SsimKernel.K1 * dataRange);
        double c2 = (SsimKernel.K2 * dataRange) * (SsimKernel.K2 * dataRange);
        int ow = w - 2 * r;
        int oh = h - 2 * r;
        double[][] out = new double[ch][ow * oh];
        float[] a = x.data();
        float[] b = y.data();
        double[][] moments = new double[5][w * h];
        double[][] vertical = new double[5][w * oh];
        double[][] filtered = new double[5][ow * oh];
        int taps = 2 * r + 1;
        for (int c = 0; c < ch; c++) {
            for (int i = 0; i < w * h; i++) {
                double u = a[i * ch + c];
                double v = b[i * ch + c];
                moments[0][i] = u;
                moments[1][i] = v;
                moments[2][i] = u * u;
                moments[3][i] = v * v;
                moments[4][i] = u * v;
            }
            for (int m = 0; m < 5; m++) {
                double[] src = moments[m];
                double[] dst = vertical[m];
                java.util.Arrays.fill(dst, 0);
                // Loops ordered so the innermost runs along a row (contiguous, vectorisable).
                for (int yy = 0; yy < oh; yy++) {
                    int o = yy * w;
                    for (int t = 0; t < taps; t++) {
                        double gt = g[t];
                        int from = (yy + t) * w;
                        for (int xx = 0; xx < w; xx++) {
                            dst[o + xx] += gt * src[from + xx];
                        }
                    }
                }
                double[] hor = filtered[m];
                java.util.Arrays.fill(hor, 0);
                for (int yy = 0; yy < oh; yy++) {
                    int o = yy * ow;
                    int row = yy * w;
                    for (int t = 0; t < taps; t++) {
                        double gt = g[t];
                        for (int xx = 0; xx < ow; xx++) {
                            hor[o + xx] += gt * dst[row + xx + t];
                        }
                    }
                }
            }
            double[] o = out[c];
            for (int i = 0; i < ow * oh; i++) {
                double mx = filtered[0][i];
                double my = filtered[1][i];
                double vx = filtered[2][i] - mx * mx;
                double vy = filtered[3][i] - my * my;
                double cov = filtered[4][i] - mx * my;
                o[i] = ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
            }
        }
        return out;
    }
}
