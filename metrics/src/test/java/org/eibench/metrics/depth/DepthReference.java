package org.eibench.metrics.depth;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Stats;
import org.eibench.metrics.depth.DepthMetric.Alignment;
import org.eibench.metrics.depth.DepthMetric.Crop;
import org.eibench.metrics.depth.DepthMetric.Input;
import org.eibench.metrics.stats.Medians;

/**
 * DepthMetric.measure as it was before the streaming pass (commit a4afd3c), kept verbatim with its direct-mapped
 * LogCache (hash of the bits) as {@link OldLogCache}: the reference that DepthStreamingTest compares bit for bit and
 * DepthBenchmark times beside the new code.
 */
public final class DepthReference {

    static final String[] METRICS = DepthMetric.METRICS;
    static final double MIN_DISPARITY = DepthMetric.MIN_DISPARITY;

    private final double minDepth;
    private final double maxDepth;
    private final Crop crop;
    private final Alignment alignment;
    private final Input input;
    private final boolean float32;

    public DepthReference(double minDepth, double maxDepth, Crop crop, Alignment alignment, Input input, boolean float32) {
        this.minDepth = minDepth;
        this.maxDepth = maxDepth;
        this.crop = crop;
        this.alignment = alignment;
        this.input = input;
        this.float32 = float32;
    }

    /** Indices of valid pixels (range and crop). */
    int[] validPixels(FloatImage target) {
        int w = target.width();
        int h = target.height();
        int r0 = 0;
        int r1 = h;
        int c0 = 0;
        int c1 = w;
        if (crop == Crop.EIGEN) {
            if (w != 640 || h != 480) {
                throw new IllegalArgumentException("eigen crop is defined for 640x480 NYUv2 frames, target is " + w + "x" + h
                        + " (use crop: garg or none)");
            }
            r0 = 45;
            r1 = 471;
            c0 = 41;
            c1 = 601;
        } else if (crop == Crop.GARG) {
            r0 = (int) (0.40810811 * h);
            r1 = (int) (0.99189189 * h);
            c0 = (int) (0.03594771 * w);
            c1 = (int) (0.96405229 * w);
        }
        float[] gt = target.data();
        int[] idx = new int[Math.max(0, (r1 - r0) * (c1 - c0))];
        int n = 0;
        float lo = (float) minDepth;
        float hi = (float) maxDepth;
        for (int y = r0; y < r1; y++) {
            for (int x = c0, i = y * w + c0; x < c1; x++, i++) {
                double g = gt[i];
                if (float32 ? gt[i] > lo && gt[i] < hi : g > minDepth && g < maxDepth) {
                    idx[n++] = i;
                }
            }
        }
        return java.util.Arrays.copyOf(idx, n);
    }

    public Stats measure(FloatImage prediction, FloatImage target) {
        if (!prediction.sameShape(target)) {
            throw new IllegalArgumentException("prediction is " + prediction.shape() + " but target is " + target.shape());
        }
        if (target.channels() != 1) {
            throw new IllegalArgumentException("depth maps must have one channel, got " + target.channels());
        }
        int[] valid = validPixels(target);
        int n = valid.length;
        float[] p = prediction.data();
        float[] t = target.data();
        double[] pred = new double[n];
        double[] gt = new double[n];
        for (int k = 0; k < n; k++) {
            int i = valid[k];
            double v = p[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("prediction is " + v + " at pixel (" + (i % target.width()) + ", "
                        + (i / target.width()) + "), a valid ground-truth pixel");
            }
            pred[k] = v;
            gt[k] = t[i];
        }
        double[] sums = new double[METRICS.length];
        if (n == 0) {
            if (float32) {
                throw new IllegalArgumentException("no valid ground-truth pixel (" + minDepth + " < gt < " + maxDepth
                        + ", crop " + crop.key() + "): BTS eval_with_pngs.py would average NaN into every mean");
            }
            return stats(sums, 0, 1);
        }
        align(pred, gt);
        if (float32) {
            float lo = (float) minDepth;
            float hi = (float) maxDepth;
            for (int k = 0; k < n; k++) {
                float v = (float) pred[k];
                pred[k] = v < lo ? lo : v > hi ? hi : v;
            }
            errors32(pred, gt, sums);
        } else {
            for (int k = 0; k < n; k++) {
                pred[k] = Math.min(maxDepth, Math.max(minDepth, pred[k]));
            }
            errors(pred, gt, sums);
        }
        return stats(sums, 1, 0);
    }

    private static Stats stats(double[] perImage, double images, double skipped) {
        Stats.Builder b = Stats.builder().put("images", images).put("skipped", skipped);
        for (int m = 0; m < METRICS.length; m++) {
            b.put(METRICS[m], perImage[m]);
        }
        return b.build();
    }

    /** Aligns {@code pred} (values on valid pixels) in place. */
    void align(double[] pred, double[] gt) {
        int n = pred.length;
        switch (alignment) {
            case NONE -> {
            }
            case MEDIAN -> {
                double mp = Medians.median(pred.clone());
                double mg = Medians.median(gt.clone());
                if (!(mp > 0)) {
                    throw new IllegalArgumentException("median alignment: the median prediction over valid pixels is " + mp
                            + ", not positive");
                }
                double s = mg / mp;
                for (int k = 0; k < n; k++) {
                    pred[k] *= s;
                }
            }
            case LSTSQ -> {
                double[] st = LeastSquares.scaleShift(pred, gt, null);
                for (int k = 0; k < n; k++) {
                    pred[k] = st[0] * pred[k] + st[1];
                }
            }
            case LSTSQ_DISPARITY -> {
                double[] x = new double[n];
                double[] y = new double[n];
                boolean[] use = new boolean[n];
                int used = 0;
                for (int k = 0; k < n; k++) {
                    double v = pred[k];
                    // Marigold depth2disparity: 1/v where v > 0, else 0; the fit uses only pixels whose raw prediction is > 0.
                    x[k] = input == Input.DISPARITY ? v : v > 0 ? 1.0 / v : 0.0;
                    y[k] = 1.0 / gt[k];
                    use[k] = v > 0;
                    used += use[k] ? 1 : 0;
                }
                if (used == 0) {
                    throw new IllegalArgumentException("lstsq-disparity alignment: no valid pixel has a positive prediction");
                }
                double[] st = LeastSquares.scaleShift(x, y, use);
                for (int k = 0; k < n; k++) {
                    double d = Math.max(MIN_DISPARITY, st[0] * x[k] + st[1]);
                    pred[k] = 1.0 / d;
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Adds one image's errors (BTS compute_errors) into {@code out}. */
    static void errors(double[] pred, double[] gt, double[] out) {
        int n = pred.length;
        OldLogCache logs = OldLogCache.get();
        double absRel = 0;
        double sqRel = 0;
        double sq = 0;
        double dSq = 0;
        double dSum = 0;
        double log10 = 0;
        double d1 = 0;
        double d2 = 0;
        double d3 = 0;
        for (int k = 0; k < n; k++) {
            double p = pred[k];
            double g = gt[k];
            double diff = g - p;
            absRel += Math.abs(diff) / g;
            sqRel += diff * diff / g;
            sq += diff * diff;
            int sp = logs.slot(p);
            double lnP = logs.ln[sp];
            double log10P = logs.log10[sp];
            int sg = logs.slot(g);
            double d = lnP - logs.ln[sg];
            dSq += d * d;
            dSum += d;
            log10 += Math.abs(log10P - logs.log10[sg]);
            double ratio = Math.max(g / p, p / g);
            d1 += ratio < 1.25 ? 1 : 0;
            d2 += ratio < 1.25 * 1.25 ? 1 : 0;
            d3 += ratio < 1.25 * 1.25 * 1.25 ? 1 : 0;
        }
        double meanD = dSum / n;
        double radicand = dSq / n - meanD * meanD;
        out[0] += absRel / n;
        out[1] += sqRel / n;
        out[2] += Math.sqrt(sq / n);
        out[3] += Math.sqrt(dSq / n);
        out[4] += log10 / n;
        out[5] += Math.sqrt(Math.max(0, radicand)) * 100;
        out[6] += d1 / n;
        out[7] += d2 / n;
        out[8] += d3 / n;
    }

    /**
     * BTS eval_with_pngs.py {@code compute_errors} (lines 50-71) with its float32 decisions: the delta ratios are
     * float32 quotients of float32 values compared with 1.25^k (exact in float32), and silog is not clamped.
     */
    static void errors32(double[] pred, double[] gt, double[] out) {
        int n = pred.length;
        OldLogCache logs = OldLogCache.get();
        double absRel = 0;
        double sqRel = 0;
        double sq = 0;
        double dSq = 0;
        double dSum = 0;
        double log10 = 0;
        double d1 = 0;
        double d2 = 0;
        double d3 = 0;
        for (int k = 0; k < n; k++) {
            double p = pred[k];
            double g = gt[k];
            double diff = g - p;
            absRel += Math.abs(diff) / g;
            sqRel += diff * diff / g;
            sq += diff * diff;
            int sp = logs.slot(p);
            double lnP = logs.ln[sp];
            double log10P = logs.log10[sp];
            int sg = logs.slot(g);
            double d = lnP - logs.ln[sg];
            dSq += d * d;
            dSum += d;
            log10 += Math.abs(log10P - logs.log10[sg]);
            float pf = (float) p;
            float gf = (float) g;
            float ratio = Math.max(gf / pf, pf / gf);
            d1 += ratio < 1.25f ? 1 : 0;
            d2 += ratio < 1.5625f ? 1 : 0;
            d3 += ratio < 1.953125f ? 1 : 0;
        }
        double meanD = dSum / n;
        out[0] += absRel / n;
        out[1] += sqRel / n;
        out[2] += Math.sqrt(sq / n);
        out[3] += Math.sqrt(dSq / n);
        out[4] += log10 / n;
        out[5] += Math.sqrt(dSq / n - meanD * meanD) * 100; // NaN for a negative radicand, as np.sqrt
        out[6] += d1 / n;
        out[7] += d2 / n;
        out[8] += d3 / n;
    }


    /** LogCache before the streaming pass: slot by a hash of the double's bits, ln and log10 in separate arrays. */
    static final class OldLogCache {

        private static final int BITS = 14;
        private static final ThreadLocal<OldLogCache> PER_THREAD = ThreadLocal.withInitial(OldLogCache::new);

        private final long[] keys = new long[1 << BITS];
        final double[] ln = new double[1 << BITS];
        final double[] log10 = new double[1 << BITS];

        private OldLogCache() {
            java.util.Arrays.fill(keys, -1L);
        }

        static OldLogCache get() {
            return PER_THREAD.get();
        }

        int slot(double x) {
            long b = Double.doubleToRawLongBits(x);
            int h = (int) ((b * 0x9E3779B97F4A7C15L) >>> (64 - BITS));
            if (keys[h] != b) {
                keys[h] = b;
                ln[h] = Math.log(x);
                log10[h] = Math.log10(x);
            }
            return h;
        }
    }
}
