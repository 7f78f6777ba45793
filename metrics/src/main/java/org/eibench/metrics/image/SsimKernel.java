package org.eibench.metrics.image;

import org.eibench.metrics.FloatImage;

/**
 * Mean SSIM and mean contrast-structure (cs) maps of an image pair, per channel, with the 11x11 Gaussian window of
 * Wang et al. 2004 (sigma 1.5), valid region only, population moments, K1 = 0.01, K2 = 0.03.
 *
 * <p>The maps are never materialised. The image is processed in vertical strips (so the working set stays in L2) and,
 * within a strip, one output row at a time: each input row is widened to double once, with its products, into a
 * ring of the last 11 rows; a vertical pass filters the ring, a horizontal pass filters the result, and the SSIM row
 * is summed per channel. Four moments are filtered instead of five: x, y, q = x^2 + y^2 and p = xy give
 * vx + vy = E[q] - mx^2 - my^2 and cov = E[p] - mx my (the refactoring in Turcotte and Robidoux's edited ssim.m).
 * Products of float samples are exact in double, so squaring before filtering loses nothing. The symmetric Gaussian
 * folds tap pairs, w_t (v_t + v_(10-t)), halving the multiplies.
 *
 * <p>Every inner loop is written in a shape HotSpot 17's superword vectoriser accepts (checked with
 * -XX:-UseSuperWord): the vertical pass as accumulate loops over two distinct ring rows, the horizontal pass over a
 * four-lane layout whose tap offsets are constant multiples of the vector width ({@link #laneMeans}); images with more
 * than four channels take a scalar horizontal pass over the interleaved row ({@link #interleavedMeans}).
 *
 * <p>The arithmetic is that of skimage {@code structural_similarity} (scipy gaussian_filter along rows, then columns)
 * and BasicSR {@code _ssim} (basicsr/metrics/psnr_ssim.py) up to rounding: the golden tests agree to ~1e-12 on 8-bit
 * inputs.
 */
final class SsimKernel {

    static final int RADIUS = 5;
    static final int SIZE = 2 * RADIUS + 1;
    static final double SIGMA = 1.5;
    static final double K1 = 0.01;
    static final double K2 = 0.03;
    private static final double[] WINDOW = gaussian(RADIUS, SIGMA);
    private static final double W0 = WINDOW[0];
    private static final double W1 = WINDOW[1];
    private static final double W2 = WINDOW[2];
    private static final double W3 = WINDOW[3];
    private static final double W4 = WINDOW[4];
    private static final double W5 = WINDOW[5];

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

    static void requireWindowFits(int width, int height, String what) {
        if (width < SIZE || height < SIZE) {
            throw new IllegalArgumentException(what + " needs images of at least " + SIZE + "x" + SIZE + ", got "
                    + width + "x" + height);
        }
    }

    /** Mean SSIM over the valid map, averaged over channels. */
    static double meanSsim(FloatImage x, FloatImage y, double dataRange) {
        double[] s = new double[x.channels()];
        channelMeans(x, y, dataRange, s, null);
        double total = 0;
        for (double v : s) {
            total += v;
        }
        return total / s.length;
    }

    /**
     * Per-channel means of the SSIM map into {@code ssim} and, when {@code cs} is not null, of the contrast-structure
     * map (2 cov + C2) / (vx + vy + C2) into {@code cs}. Both arrays have one slot per channel.
     */
    static void channelMeans(FloatImage x, FloatImage y, double dataRange, double[] ssim, double[] cs) {
        if (!x.sameShape(y)) {
            throw new IllegalArgumentException("SSIM of " + x.shape() + " and " + y.shape());
        }
        requireWindowFits(x.width(), x.height(), "SSIM");
        if (x.channels() <= LANES) {
            laneMeans(x, y, dataRange, ssim, cs);
        } else {
            interleavedMeans(x, y, dataRange, ssim, cs);
        }
    }

    /** The general path (any channel count): horizontal pass over the interleaved row, stride = channels. */
    static void interleavedMeans(FloatImage x, FloatImage y, double dataRange, double[] ssim, double[] cs) {
        int w = x.width();
        int h = x.height();
        int ch = x.channels();
        double c1 = (K1 * dataRange) * (K1 * dataRange);
        double c2 = (K2 * dataRange) * (K2 * dataRange);
        int n = w * ch;
        int ow = w - SIZE + 1;
        int oh = h - SIZE + 1;
        int on = ow * ch;
        int halo = (SIZE - 1) * ch;
        int strip = Math.max(1, STRIP / ch) * ch;
        int iw = Math.min(strip, on) + halo;
        float[] a = x.data();
        float[] b = y.data();
        // Ring of the last 11 input rows of the strip, per moment: x, y, q = x^2 + y^2, p = xy.
        double[][][] ring = new double[MOMENTS][SIZE][iw];
        double[][] vert = new double[MOMENTS][iw];
        double[][] hor = new double[MOMENTS][iw];
        double[] sMap = new double[iw];
        double[] cMap = cs == null ? null : new double[iw];
        double[] sSum = new double[ch];
        double[] cSum = new double[ch];
        for (int k0 = 0; k0 < on; k0 += strip) {
            int sw = Math.min(strip, on - k0);
            int inw = sw + halo;
            for (int r = 0; r < SIZE - 1; r++) {
                loadRow(a, b, r * n + k0, inw, ring, r);
            }
            for (int r = 0; r < oh; r++) {
                int last = r + SIZE - 1;
                loadRow(a, b, last * n + k0, inw, ring, last % SIZE);
                for (int m = 0; m < MOMENTS; m++) {
                    vertical(ring[m], r, inw, vert[m]);
                    across(vert[m], sw, ch, hor[m]);
                }
                if (cMap == null) {
                    ssimRow(hor[0], hor[1], hor[2], hor[3], sw, c1, c2, sMap);
                } else {
                    ssimCsRow(hor[0], hor[1], hor[2], hor[3], sw, c1, c2, sMap, cMap);
                    addByChannel(cMap, sw, ch, cSum);
                }
                addByChannel(sMap, sw, ch, sSum);
            }
        }
        double count = (double) ow * oh;
        for (int c = 0; c < ch; c++) {
            ssim[c] = sSum[c] / count;
            if (cs != null) {
                cs[c] = cSum[c] / count;
            }
        }
    }

    static final int LANES = 4;
    /** Output pixels per strip of the lane layout: ring of 4 moments x 11 rows x 4 x 138 doubles ~ 190 KB (L2). */
    private static final int LANE_STRIP = 128;

    /**
     * The fast path for 1-4 channels. Rows are re-laid out as four interleaved lanes of doubles, {@code L[4 i + k]}:
     * for colour images lane k is channel k (a fourth lane of zeros pads RGB); for gray images lane k is the k-th
     * quarter of the row (each quarter with its own 10-pixel halo). With neighbouring pixels exactly four elements
     * apart, the horizontal taps are compile-time constant offsets that are multiples of the 4-double AVX2 vector,
     * the one shape for which HotSpot 17's superword vectorises a shifted load; the horizontal pass then runs about
     * 2x faster than over the plain interleaved row, which is worth the padding lane.
     */
    static void laneMeans(FloatImage x, FloatImage y, double dataRange, double[] ssim, double[] cs) {
        int w = x.width();
        int h = x.height();
        int ch = x.channels();
        double c1 = (K1 * dataRange) * (K1 * dataRange);
        double c2 = (K2 * dataRange) * (K2 * dataRange);
        int ow = w - SIZE + 1;
        int oh = h - SIZE + 1;
        boolean quarters = ch == 1;
        int span = quarters ? (ow + LANES - 1) / LANES : ow;      // output pixels per lane
        int rowLen = LANES * (Math.min(LANE_STRIP, span) + SIZE - 1);
        float[] a = x.data();
        float[] b = y.data();
        double[][][] ring = new double[MOMENTS][SIZE][rowLen];
        double[][] vert = new double[MOMENTS][rowLen];
        double[][] hor = new double[MOMENTS][rowLen];
        double[] sMap = new double[rowLen];
        double[] cMap = cs == null ? null : new double[rowLen];
        double[] sSum = new double[ch];
        double[] cSum = new double[ch];
        for (int p0 = 0; p0 < span; p0 += LANE_STRIP) {
            int sp = Math.min(LANE_STRIP, span - p0);
            int inLen = LANES * (sp + SIZE - 1);
            int outLen = LANES * sp;
            for (int r = 0; r < SIZE - 1; r++) {
                loadLanes(a, b, w, ch, quarters, span, r, p0, sp + SIZE - 1, ring, r);
            }
            for (int r = 0; r < oh; r++) {
                int last = r + SIZE - 1;
                loadLanes(a, b, w, ch, quarters, span, last, p0, sp + SIZE - 1, ring, last % SIZE);
                for (int m = 0; m < MOMENTS; m++) {
                    vertical(ring[m], r, inLen, vert[m]);
                    across4(vert[m], outLen, hor[m]);
                }
                if (cMap == null) {
                    ssimRow(hor[0], hor[1], hor[2], hor[3], outLen, c1, c2, sMap);
                } else {
                    ssimCsRow(hor[0], hor[1], hor[2], hor[3], outLen, c1, c2, sMap, cMap);
                    addLanes(cMap, sp, quarters, ch, span, p0, ow, cSum);
                }
                addLanes(sMap, sp, quarters, ch, span, p0, ow, sSum);
            }
        }
        double count = (double) ow * oh;
        for (int c = 0; c < ch; c++) {
            ssim[c] = sSum[c] / count;
            if (cs != null) {
                cs[c] = cSum[c] / count;
            }
        }
    }

    /** Input row {@code row}, pixels p0 .. p0 + len - 1 of every lane, widened into ring slot {@code slot}. */
    private static void loadLanes(float[] a, float[] b, int w, int ch, boolean quarters, int span, int row, int p0,
                                  int len, double[][][] ring, int slot) {
        double[] rx = ring[0][slot];
        double[] ry = ring[1][slot];
        double[] rq = ring[2][slot];
        double[] rp = ring[3][slot];
        if (quarters) {
            int base = row * w;
            for (int k = 0; k < LANES; k++) {
                int col0 = k * span + p0;
                int n = Math.max(0, Math.min(len, w - col0));   // beyond the row: zeros (their outputs are skipped)
                for (int i = 0; i < n; i++) {
                    rx[LANES * i + k] = a[base + col0 + i];
                    ry[LANES * i + k] = b[base + col0 + i];
                }
                for (int i = n; i < len; i++) {
                    rx[LANES * i + k] = 0;
                    ry[LANES * i + k] = 0;
                }
            }
        } else {
            int base = (row * w + p0) * ch;
            for (int i = 0; i < len; i++) {
                int o = base + i * ch;
                for (int k = 0; k < ch; k++) {
                    rx[LANES * i + k] = a[o + k];
                    ry[LANES * i + k] = b[o + k];
                }
            }
            // Lanes ch..3 stay zero from allocation: loadLanes never writes them in this mode.
        }
        int n = LANES * len;
        for (int j = 0; j < n; j++) {
            double u = rx[j];
            double v = ry[j];
            rq[j] = u * u + v * v;
            rp[j] = u * v;
        }
    }

    /** Horizontal Gaussian in the lane layout: neighbours are 4 elements apart (see {@link #laneMeans}). */
    private static void across4(double[] v, int len, double[] out) {
        for (int j = 0; j < len; j++) {
            out[j] = W5 * v[j + 20];
        }
        for (int j = 0; j < len; j++) {
            out[j] += W0 * (v[j] + v[j + 40]);
        }
        for (int j = 0; j < len; j++) {
            out[j] += W1 * (v[j + 4] + v[j + 36]);
        }
        for (int j = 0; j < len; j++) {
            out[j] += W2 * (v[j + 8] + v[j + 32]);
        }
        for (int j = 0; j < len; j++) {
            out[j] += W3 * (v[j + 12] + v[j + 28]);
        }
        for (int j = 0; j < len; j++) {
            out[j] += W4 * (v[j + 16] + v[j + 24]);
        }
    }

    /** Adds the valid entries of a lane-layout map row to per-channel sums. */
    private static void addLanes(double[] map, int sp, boolean quarters, int ch, int span, int p0, int ow,
                                 double[] sums) {
        if (quarters) {
            double s = 0;
            for (int k = 0; k < LANES; k++) {
                int n = Math.max(0, Math.min(sp, ow - (k * span + p0)));
                for (int i = 0; i < n; i++) {
                    s += map[LANES * i + k];
                }
            }
            sums[0] += s;
        } else {
            for (int k = 0; k < ch; k++) {
                double s = 0;
                for (int i = 0; i < sp; i++) {
                    s += map[LANES * i + k];
                }
                sums[k] += s;
            }
        }
    }

    /** Flat columns per strip: the ring (4 moments x 11 rows) of a strip then fits in L2 (~200 KB). */
    private static final int STRIP = 512;
    private static final int MOMENTS = 4;

    /** One input row (span of the strip) widened to double, with its products, into ring slot {@code slot}. */
    private static void loadRow(float[] a, float[] b, int offset, int len, double[][][] ring, int slot) {
        double[] rx = ring[0][slot];
        double[] ry = ring[1][slot];
        double[] rq = ring[2][slot];
        double[] rp = ring[3][slot];
        for (int j = 0; j < len; j++) {
            rx[j] = a[offset + j];
            ry[j] = b[offset + j];
        }
        // Products of widened floats are exact in double (24-bit significands), so nothing is lost here.
        for (int j = 0; j < len; j++) {
            double u = rx[j];
            double v = ry[j];
            rq[j] = u * u + v * v;
            rp[j] = u * v;
        }
    }

    /**
     * Vertical Gaussian of one moment over the 11 ring rows starting at input row {@code first}. Written as one
     * initialising pass plus five folded accumulate passes ({@code out += w_t (row_t + row_(10-t))}): HotSpot 17's
     * superword vectoriser handles this two-loads-one-accumulator shape, but not a single 11-array expression.
     */
    private static void vertical(double[][] rows, int first, int len, double[] out) {
        double[] centre = rows[(first + RADIUS) % SIZE];
        for (int j = 0; j < len; j++) {
            out[j] = W5 * centre[j];
        }
        accumulate(rows[first % SIZE], rows[(first + 10) % SIZE], W0, len, out);
        accumulate(rows[(first + 1) % SIZE], rows[(first + 9) % SIZE], W1, len, out);
        accumulate(rows[(first + 2) % SIZE], rows[(first + 8) % SIZE], W2, len, out);
        accumulate(rows[(first + 3) % SIZE], rows[(first + 7) % SIZE], W3, len, out);
        accumulate(rows[(first + 4) % SIZE], rows[(first + 6) % SIZE], W4, len, out);
    }

    private static void accumulate(double[] u, double[] v, double weight, int len, double[] out) {
        for (int j = 0; j < len; j++) {
            out[j] += weight * (u[j] + v[j]);
        }
    }

    /** Horizontal Gaussian of a whole moment row: out[j] = sum_t w_t v[j + t s] (interleaved, channel stride s). */
    private static void across(double[] v, int on, int s, double[] out) {
        int s1 = s, s2 = 2 * s, s3 = 3 * s, s4 = 4 * s, s5 = 5 * s, s6 = 6 * s, s7 = 7 * s, s8 = 8 * s, s9 = 9 * s,
                s10 = 10 * s;
        for (int j = 0; j < on; j++) {
            out[j] = W0 * (v[j] + v[j + s10]) + W1 * (v[j + s1] + v[j + s9]) + W2 * (v[j + s2] + v[j + s8])
                    + W3 * (v[j + s3] + v[j + s7]) + W4 * (v[j + s4] + v[j + s6]) + W5 * v[j + s5];
        }
    }

    /*
     * With q = E[x^2 + y^2] and p = E[xy]: vx + vy = q - mx^2 - my^2 and cov = p - mx my. Filtering four moments
     * instead of five is the refactoring of Turcotte and Robidoux's edited ssim.m (one blur fewer); it changes
     * nothing but rounding.
     */
    private static void ssimRow(double[] mx, double[] my, double[] mq, double[] mp, int on, double c1, double c2,
                                double[] out) {
        for (int j = 0; j < on; j++) {
            double x = mx[j];
            double y = my[j];
            double xx = x * x + y * y;
            double xy = x * y;
            out[j] = ((2 * xy + c1) * (2 * (mp[j] - xy) + c2)) / ((xx + c1) * ((mq[j] - xx) + c2));
        }
    }

    private static void ssimCsRow(double[] mx, double[] my, double[] mq, double[] mp, int on, double c1, double c2,
                                  double[] sOut, double[] cOut) {
        for (int j = 0; j < on; j++) {
            double x = mx[j];
            double y = my[j];
            double xx = x * x + y * y;
            double xy = x * y;
            double csv = (2 * (mp[j] - xy) + c2) / ((mq[j] - xx) + c2);
            cOut[j] = csv;
            sOut[j] = ((2 * xy + c1) / (xx + c1)) * csv;
        }
    }

    /** Adds a map row to per-channel sums; the row starts at a pixel boundary, so index j is channel j % ch. */
    private static void addByChannel(double[] row, int on, int ch, double[] sums) {
        if (ch == 1) {
            double s = 0;
            for (int j = 0; j < on; j++) {
                s += row[j];
            }
            sums[0] += s;
            return;
        }
        for (int c = 0; c < ch; c++) {
            double s = 0;
            for (int j = c; j < on; j += ch) {
                s += row[j];
            }
            sums[c] += s;
        }
    }
}
