package org.eibench.metrics.image;

import org.eibench.metrics.FloatImage;

/**
 * Mean SSIM and mean contrast-structure (cs) maps of an image pair, per channel, with the 11x11 Gaussian window of
 * Wang et al. 2004 (sigma 1.5), valid region only, population moments, K1 = 0.01, K2 = 0.03.
 *
 * <p>The maps are never materialised. Each channel is processed in vertical strips (so the working set stays in L2)
 * and, within a strip, one output row at a time: each input row is widened to double once, with its products, into a
 * ring of the last 11 rows; a vertical pass filters the ring, a horizontal pass filters the result, and the SSIM row
 * is summed per channel. Four moments are filtered instead of five: x, y, q = x^2 + y^2 and p = xy give
 * vx + vy = E[q] - mx^2 - my^2 and cov = E[p] - mx my (the refactoring in Turcotte and Robidoux's edited ssim.m).
 * Products of float samples are exact in double, so squaring before filtering loses nothing. The symmetric Gaussian
 * folds tap pairs, w_t (v_t + v_(10-t)), halving the multiplies.
 *
 * <p>Every inner loop is written in a shape HotSpot 17's superword vectoriser accepts (checked by timing with and
 * without -XX:-UseSuperWord): the vertical pass as accumulate loops over two distinct ring rows, the horizontal pass
 * over a four-lane layout whose tap offsets are constant multiples of the vector width ({@link #laneMeans}), the SSIM
 * row as an element-wise loop with a vector division. Channels are processed one after another straight from the
 * interleaved float array, without copying a channel out.
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
        laneMeans(x, y, dataRange, ssim, cs);
    }

    static final int LANES = 4;
    /** Output pixels per lane and strip: ring of 4 moments x 11 rows x 4 x 138 doubles ~ 190 KB (L2). */
    private static final int LANE_STRIP = 128;

    /**
     * One channel at a time, each input row re-laid out as four interleaved lanes of doubles, {@code L[4 i + k]}
     * = pixel i of the k-th quarter of the row (each quarter with its own 10-pixel halo; the last quarter is padded
     * with zeros whose outputs are skipped). With neighbouring pixels exactly four elements apart, the horizontal
     * taps become compile-time constant offsets that are multiples of the 4-double AVX2 vector, the one shape of
     * shifted load that HotSpot 17's superword vectorises; the horizontal pass then runs 2-3x faster than over the
     * plain row. Quarters rather than channels as lanes: no padding lane for RGB, and any channel count works.
     */
    static void laneMeans(FloatImage x, FloatImage y, double dataRange, double[] ssim, double[] cs) {
        int w = x.width();
        int h = x.height();
        int ch = x.channels();
        double c1 = (K1 * dataRange) * (K1 * dataRange);
        double c2 = (K2 * dataRange) * (K2 * dataRange);
        int ow = w - SIZE + 1;
        int oh = h - SIZE + 1;
        int span = (ow + LANES - 1) / LANES;      // output pixels per lane
        int rowLen = LANES * (Math.min(LANE_STRIP, span) + SIZE - 1);
        // Two 8-bit images are read as their bytes (no 12 MB float copy of a 1 MP RGB image); any other pair as floats.
        byte[] ab = x.unsignedBytes();
        byte[] bb = y.unsignedBytes();
        boolean bytes = ab != null && bb != null;
        float[] a = bytes ? null : x.data();
        float[] b = bytes ? null : y.data();
        double[][][] ring = new double[MOMENTS][SIZE][rowLen];
        double[][] vert = new double[MOMENTS][rowLen];
        double[][] hor = new double[MOMENTS][rowLen];
        double[] sMap = new double[rowLen];
        double[] cMap = cs == null ? null : new double[rowLen];
        double count = (double) ow * oh;
        for (int c = 0; c < ch; c++) {
            double sSum = 0;
            double cSum = 0;
            for (int p0 = 0; p0 < span; p0 += LANE_STRIP) {
                int sp = Math.min(LANE_STRIP, span - p0);
                int inLen = LANES * (sp + SIZE - 1);
                int outLen = LANES * sp;
                for (int r = 0; r < SIZE - 1; r++) {
                    if (bytes) {
                        loadLanes(ab, bb, w, ch, c, span, r, p0, sp + SIZE - 1, ring, r);
                    } else {
                        loadLanes(a, b, w, ch, c, span, r, p0, sp + SIZE - 1, ring, r);
                    }
                }
                for (int r = 0; r < oh; r++) {
                    int last = r + SIZE - 1;
                    if (bytes) {
                        loadLanes(ab, bb, w, ch, c, span, last, p0, sp + SIZE - 1, ring, last % SIZE);
                    } else {
                        loadLanes(a, b, w, ch, c, span, last, p0, sp + SIZE - 1, ring, last % SIZE);
                    }
                    for (int m = 0; m < MOMENTS; m++) {
                        vertical(ring[m], r, inLen, vert[m]);
                        across4(vert[m], outLen, hor[m]);
                    }
                    if (cMap == null) {
                        ssimRow(hor[0], hor[1], hor[2], hor[3], outLen, c1, c2, sMap);
                    } else {
                        ssimCsRow(hor[0], hor[1], hor[2], hor[3], outLen, c1, c2, sMap, cMap);
                        cSum += sumLanes(cMap, sp, span, p0, ow);
                    }
                    sSum += sumLanes(sMap, sp, span, p0, ow);
                }
            }
            ssim[c] = sSum / count;
            if (cs != null) {
                cs[c] = cSum / count;
            }
        }
    }

    /** Channel {@code c} of input row {@code row}, pixels p0 .. p0 + len - 1 of each quarter, into a ring slot. */
    private static void loadLanes(float[] a, float[] b, int w, int ch, int c, int span, int row, int p0, int len,
                                  double[][][] ring, int slot) {
        double[] rx = ring[0][slot];
        double[] ry = ring[1][slot];
        // All four quarters are full for the first `full` pixels (only the last quarter can run past the row):
        // read them side by side so each pixel's four lanes are written as one contiguous 32-byte group.
        int full = Math.max(0, Math.min(len, w - (3 * span + p0)));
        int s0 = (row * w + p0) * ch + c;
        int step = span * ch;
        for (int i = 0, src = s0; i < full; i++, src += ch) {
            int o = LANES * i;
            rx[o] = a[src];
            rx[o + 1] = a[src + step];
            rx[o + 2] = a[src + 2 * step];
            rx[o + 3] = a[src + 3 * step];
            ry[o] = b[src];
            ry[o + 1] = b[src + step];
            ry[o + 2] = b[src + 2 * step];
            ry[o + 3] = b[src + 3 * step];
        }
        for (int k = 0; k < LANES; k++) {
            int col0 = k * span + p0;
            int n = Math.max(0, Math.min(len, w - col0));   // beyond the row: zeros (their outputs are skipped)
            int src = (row * w + col0 + full) * ch + c;
            for (int i = full; i < n; i++, src += ch) {
                rx[LANES * i + k] = a[src];
                ry[LANES * i + k] = b[src];
            }
            for (int i = Math.max(n, full); i < len; i++) {
                rx[LANES * i + k] = 0;
                ry[LANES * i + k] = 0;
            }
        }
        products(ring, slot, LANES * len);
    }

    /**
     * {@link #loadLanes(float[], float[], int, int, int, int, int, int, int, double[][][], int)} for two byte images:
     * the same loops over unsigned bytes (the same doubles: a byte widens exactly, as its float does). Java has no
     * generics over primitive arrays, hence the copy.
     */
    private static void loadLanes(byte[] a, byte[] b, int w, int ch, int c, int span, int row, int p0, int len,
                                  double[][][] ring, int slot) {
        double[] rx = ring[0][slot];
        double[] ry = ring[1][slot];
        int full = Math.max(0, Math.min(len, w - (3 * span + p0)));
        int s0 = (row * w + p0) * ch + c;
        int step = span * ch;
        for (int i = 0, src = s0; i < full; i++, src += ch) {
            int o = LANES * i;
            rx[o] = a[src] & 0xff;
            rx[o + 1] = a[src + step] & 0xff;
            rx[o + 2] = a[src + 2 * step] & 0xff;
            rx[o + 3] = a[src + 3 * step] & 0xff;
            ry[o] = b[src] & 0xff;
            ry[o + 1] = b[src + step] & 0xff;
            ry[o + 2] = b[src + 2 * step] & 0xff;
            ry[o + 3] = b[src + 3 * step] & 0xff;
        }
        for (int k = 0; k < LANES; k++) {
            int col0 = k * span + p0;
            int n = Math.max(0, Math.min(len, w - col0));
            int src = (row * w + col0 + full) * ch + c;
            for (int i = full; i < n; i++, src += ch) {
                rx[LANES * i + k] = a[src] & 0xff;
                ry[LANES * i + k] = b[src] & 0xff;
            }
            for (int i = Math.max(n, full); i < len; i++) {
                rx[LANES * i + k] = 0;
                ry[LANES * i + k] = 0;
            }
        }
        products(ring, slot, LANES * len);
    }

    /** The ring slot's squares and products, from its x and y rows. */
    private static void products(double[][][] ring, int slot, int n) {
        double[] rx = ring[0][slot];
        double[] ry = ring[1][slot];
        double[] rq = ring[2][slot];
        double[] rp = ring[3][slot];
        // Products of widened floats are exact in double (24-bit significands), so nothing is lost here.
        for (int j = 0; j < n; j++) {
            double u = rx[j];
            double v = ry[j];
            rq[j] = u * u + v * v;
            rp[j] = u * v;
        }
    }

    /** Sum of the valid entries of a lane-layout map row. */
    private static double sumLanes(double[] map, int sp, int span, int p0, int ow) {
        double s = 0;
        for (int k = 0; k < LANES; k++) {
            int n = Math.max(0, Math.min(sp, ow - (k * span + p0)));
            for (int i = 0; i < n; i++) {
                s += map[LANES * i + k];
            }
        }
        return s;
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


    private static final int MOMENTS = 4;

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
}
