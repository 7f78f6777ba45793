package org.eibench.metrics.depth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eibench.metrics.AbstractMetric;
import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Metric;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;
import org.eibench.metrics.stats.Medians;
import org.eibench.metrics.config.OptionSpec;
import org.eibench.metrics.config.Options;

/**
 * Monocular depth errors, per image and then the mean over images, as BTS ({@code pytorch/bts_eval.py}: {@code eval}
 * and {@code compute_errors}) and Marigold ({@code src/util/metric.py}, {@code script/eval.py}) report them.
 * Prediction and target are one-channel images in metres.
 *
 * <p>Per image, in this order:
 * <ol>
 *   <li>valid pixels: {@code minDepth < gt < maxDepth} (a NaN target is invalid), intersected with the crop;</li>
 *   <li>alignment of the prediction to the target over the valid pixels ({@link Alignment});</li>
 *   <li>the (aligned) prediction is clipped to [minDepth, maxDepth] (BTS clips before masking, Marigold after
 *   alignment: the same thing when there is no alignment);</li>
 *   <li>with d = ln(pred) - ln(gt) over valid pixels: abs_rel = mean(|gt - pred| / gt), sq_rel = mean((gt - pred)^2 /
 *   gt), rmse = sqrt(mean((gt - pred)^2)), rmse_log = sqrt(mean(d^2)), log10 = mean(|log10 pred - log10 gt|),
 *   silog = 100 sqrt(mean(d^2) - mean(d)^2) (BTS {@code compute_errors}; Marigold's {@code silog_rmse} is the same
 *   expression; a rounding-negative radicand is taken as 0), delta_k = fraction with max(gt/pred, pred/gt) &lt;
 *   1.25^k.</li>
 * </ol>
 * A non-finite prediction on a valid pixel makes the sample unscorable (BTS would silently replace it). An image
 * with no valid pixel is counted as skipped, not as a failure, and does not enter the mean.
 *
 * <p>Crops: {@code eigen} keeps rows 45..470 and columns 41..600 (numpy {@code [45:471, 41:601]}) and is defined only
 * for 640x480 targets (anything else is rejected: a silently rescaled crop would not be the Eigen crop);
 * {@code garg} keeps rows int(0.40810811 H)..int(0.99189189 H)-1 and columns int(0.03594771 W)..int(0.96405229 W)-1
 * for any size, as BTS and Monodepth compute it from the ground truth's size.
 *
 * <p>{@code precision: float32} follows BTS {@code utils/eval_with_pngs.py} (cleinc/bts; Painter's NYUv2 evaluation
 * copies it as {@code eval/nyuv2_depth/eval_with_pngs.py}), which holds ground truth and prediction as float32: the
 * valid mask ({@code gt > min_depth_eval}, {@code gt < max_depth_eval}, line 184 of the BTS file), the clipping
 * of the prediction (lines 177-178) and the delta thresholds ({@code np.maximum(gt / pred, pred / gt) < 1.25}, line 51) are decided in
 * float32 arithmetic, where double arithmetic can decide differently (a ground truth of exactly 1 mm is float32
 * 0.001 = min_depth, so invalid in float32 and valid in double). The error sums stay in double (BTS sums in float32:
 * the two differ by ~1e-7 relative). silog is left unclamped as BTS computes it: a negative radicand (only from
 * rounding, when the log error is constant) gives NaN, which BTS averages into its mean. An image with no valid pixel
 * fails with that reason: BTS would average NaN into every mean ({@code compute_errors} on empty arrays), so the
 * sample is reported rather than silently skipped. {@code float64} (default) keeps the double decisions, clamps a
 * rounding-negative silog radicand to 0 and skips an image without valid pixels (counted in the notes).
 *
 * <p>Without alignment (the BTS protocol) an image is scored in one pass over the crop's rows, with no per-image
 * arrays: each valid pixel is checked, clipped and added into the sums in the order the array path (kept for the
 * alignments, which need all values first) adds them, so both give the same doubles. The float32 delta decisions
 * take no division: float32(a / b) &lt; c is decided exactly as a &lt; m b in double, m the midpoint below c.
 *
 * <p>Keys: without alignment {@code abs_rel, sq_rel, rmse, rmse_log, log10, silog, delta1, delta2, delta3}; with an
 * alignment the alignment is part of every key, e.g. {@code abs_rel@median}, {@code rmse@lstsq-disparity}, so that
 * aligned and unaligned results can sit in one summary without clashing.
 */
public final class DepthMetric extends AbstractMetric<FloatImage, FloatImage> {

    /** How the prediction is fitted to the ground truth before scoring (per image, over valid pixels). */
    public enum Alignment {
        /** Metric depth as predicted. */
        NONE("none"),
        /** Scale by median(gt) / median(pred) (Monodepth2 / Eigen's scale-invariant protocol). */
        MEDIAN("median"),
        /** Scale and shift in depth by least squares (Marigold {@code align_depth_least_square}). */
        LSTSQ("lstsq"),
        /**
         * Scale and shift fitted in inverse depth (Marigold {@code least_square_disparity}, as used for MiDaS and
         * Depth Anything): x = the prediction as disparity, fit s x + t to 1/gt over valid pixels with x &gt; 0, clip
         * the aligned disparity to at least 1e-3, invert.
         */
        LSTSQ_DISPARITY("lstsq-disparity");

        private final String key;

        Alignment(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        static Alignment of(String key) {
            for (Alignment a : values()) {
                if (a.key.equals(key)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown alignment " + key);
        }
    }

    /** Evaluation crop. */
    public enum Crop {
        NONE("none"), EIGEN("eigen"), GARG("garg");

        private final String key;

        Crop(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** What the prediction's values are; {@code DISPARITY} is meaningful only with {@code lstsq-disparity}. */
    public enum Input {
        DEPTH("depth"), DISPARITY("disparity");

        private final String key;

        Input(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    static final String[] METRICS = {"abs_rel", "sq_rel", "rmse", "rmse_log", "log10", "silog", "delta1", "delta2", "delta3"};
    private static final boolean[] HIGHER_IS_BETTER = {false, false, false, false, false, false, true, true, true};
    /** Marigold's floor on aligned disparity before inversion ("avoid 0 disparity"). */
    static final double MIN_DISPARITY = 1e-3;

    private final double minDepth;
    private final double maxDepth;
    private final Crop crop;
    private final Alignment alignment;
    private final Input input;
    private final boolean float32;

    /**
     * @param minDepth  lower bound (exclusive) of valid ground truth and lower clip of the prediction (NYU: 1e-3)
     * @param maxDepth  upper bound (exclusive) of valid ground truth and upper clip of the prediction (NYU: 10)
     * @param crop      evaluation crop
     * @param alignment per-image alignment
     * @param input     whether prediction values are depth or (relative) disparity
     */
    public DepthMetric(double minDepth, double maxDepth, Crop crop, Alignment alignment, Input input) {
        this(minDepth, maxDepth, crop, alignment, input, false);
    }

    /** @param float32 BTS eval_with_pngs.py's float32 decisions, unclamped silog, no-valid-pixel images fail */
    public DepthMetric(double minDepth, double maxDepth, Crop crop, Alignment alignment, Input input, boolean float32) {
        super("depth", FloatImage.class, FloatImage.class);
        if (!(minDepth > 0 && maxDepth > minDepth) || Double.isInfinite(maxDepth)) {
            throw new IllegalArgumentException("depth: need 0 < min_depth < max_depth < inf, got " + minDepth + ", " + maxDepth);
        }
        if (input == Input.DISPARITY && alignment != Alignment.LSTSQ_DISPARITY) {
            throw new IllegalArgumentException("depth: input 'disparity' needs alignment 'lstsq-disparity'");
        }
        this.minDepth = minDepth;
        this.maxDepth = maxDepth;
        this.crop = crop;
        this.alignment = alignment;
        this.input = input;
        this.float32 = float32;
    }

    /** NYUv2 defaults: 1e-3..10 m, Eigen crop, no alignment. */
    public static DepthMetric nyu() {
        return new DepthMetric(1e-3, 10, Crop.EIGEN, Alignment.NONE, Input.DEPTH);
    }

    /**
     * From task-file options: {@code min_depth} (1e-3), {@code max_depth} (10), {@code crop} ({@code none} | {@code
     * eigen} | {@code garg}, default none), {@code alignment} ({@code none} | {@code median} | {@code lstsq} | {@code
     * lstsq-disparity}), {@code input} ({@code depth} | {@code disparity}), {@code precision} ({@code float64} |
     * {@code float32}: BTS eval_with_pngs.py).
     */
    public static DepthMetric fromOptions(Map<String, ?> options) {
        Options o = Options.of(options);
        DepthMetric m = fromOptions(o);
        o.check("depth");
        return m;
    }

    public static final OptionSpec MIN_DEPTH = OptionSpec.number("min_depth", 1e-3, "valid ground truth is above, metres");
    public static final OptionSpec MAX_DEPTH = OptionSpec.number("max_depth", 10.0, "valid ground truth is below, metres");
    public static final OptionSpec CROP = OptionSpec.choice("crop", List.of("none", "eigen", "garg"), "evaluation crop");
    public static final OptionSpec ALIGNMENT = OptionSpec.choice("alignment", List.of("none", "median", "lstsq", "lstsq-disparity"),
            "scale (and shift) fitted per image");
    public static final OptionSpec INPUT = OptionSpec.choice("input", List.of("depth", "disparity"), "what the prediction holds");
    public static final OptionSpec PRECISION = OptionSpec.choice("precision", List.of("float64", "float32"),
            "float32: BTS eval_with_pngs.py's decisions");
    public static final List<OptionSpec> OPTIONS = List.of(MIN_DEPTH, MAX_DEPTH, CROP, ALIGNMENT, INPUT, PRECISION);

    /** Options read through {@code o}, problems recorded there. */
    public static DepthMetric fromOptions(Options o) {
        String crop = o.choice(CROP);
        String align = o.choice(ALIGNMENT);
        String in = o.choice(INPUT);
        String precision = o.choice(PRECISION);
        return new DepthMetric(o.number(MIN_DEPTH), o.number(MAX_DEPTH),
                crop.equals("eigen") ? Crop.EIGEN : crop.equals("garg") ? Crop.GARG : Crop.NONE, Alignment.of(align),
                in.equals("disparity") ? Input.DISPARITY : Input.DEPTH, precision.equals("float32"));
    }

    @Override
    public String name() {
        return alignment == Alignment.NONE ? "depth" : "depth@" + alignment.key();
    }

    /** Summary key of one error under this metric's alignment, e.g. {@code rmse} or {@code rmse@median}. */
    public String key(String metric) {
        return alignment == Alignment.NONE ? metric : metric + "@" + alignment.key();
    }

    @Override
    protected void putOptions(Map<String, Object> o) {
        o.put("min_depth", minDepth);
        o.put("max_depth", maxDepth);
        o.put("crop", crop.key());
        o.put("alignment", alignment.key());
        o.put("input", input.key());
        o.put("precision", float32 ? "float32" : "float64");
        o.put("reduction", "per-image mean");
    }

    /** The crop as rows {@code r0..r1-1} and columns {@code c0..c1-1}. */
    record Window(int r0, int r1, int c0, int c1) {
    }

    /** The crop of {@code target}'s size. */
    Window window(FloatImage target) {
        int w = target.width();
        int h = target.height();
        if (crop == Crop.EIGEN) {
            if (w != 640 || h != 480) {
                throw new IllegalArgumentException("eigen crop is defined for 640x480 NYUv2 frames, target is " + w + "x" + h
                        + " (use crop: garg or none)");
            }
            return new Window(45, 471, 41, 601);
        } else if (crop == Crop.GARG) {
            return new Window((int) (0.40810811 * h), (int) (0.99189189 * h), (int) (0.03594771 * w), (int) (0.96405229 * w));
        }
        return new Window(0, h, 0, w);
    }

    /** Indices of valid pixels (range and crop). */
    int[] validPixels(FloatImage target) {
        int w = target.width();
        Window win = window(target);
        int r0 = win.r0();
        int r1 = win.r1();
        int c0 = win.c0();
        int c1 = win.c1();
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

    @Override
    public Stats measure(FloatImage prediction, FloatImage target) {
        if (!prediction.sameShape(target)) {
            throw new IllegalArgumentException("prediction is " + prediction.shape() + " but target is " + target.shape());
        }
        if (target.channels() != 1) {
            throw new IllegalArgumentException("depth maps must have one channel, got " + target.channels());
        }
        if (alignment == Alignment.NONE) {
            return streamed(prediction, target);
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
                throw notFinite(v, i, target.width());
            }
            pred[k] = v;
            gt[k] = t[i];
        }
        double[] sums = new double[METRICS.length];
        if (n == 0) {
            return noValidPixel(sums);
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

    private static IllegalArgumentException notFinite(double v, int i, int w) {
        return new IllegalArgumentException("prediction is " + v + " at pixel (" + (i % w) + ", " + (i / w)
                + "), a valid ground-truth pixel");
    }

    /** An image without valid pixels: a failure in float32 (BTS), skipped in float64; {@code sums} are zeros. */
    private Stats noValidPixel(double[] sums) {
        if (float32) {
            throw new IllegalArgumentException("no valid ground-truth pixel (" + minDepth + " < gt < " + maxDepth
                    + ", crop " + crop.key() + "): BTS eval_with_pngs.py would average NaN into every mean");
        }
        return stats(sums, 0, 1);
    }

    /**
     * {@link #measure} without alignment, in one pass over the crop and no per-image arrays: the valid pixels in the
     * order of {@link #validPixels}, each checked, clipped and added into the same sums as the array path ({@link
     * #errors}, {@link #errors32}), so every result is the same double. The first non-finite prediction on a valid
     * pixel (row-major) throws as the array path's check does; it ran before any sum, and a throw discards the sums.
     */
    private Stats streamed(FloatImage prediction, FloatImage target) {
        Window win = window(target);
        double[] sums = new double[METRICS.length];
        int n = float32 ? stream32(prediction.data(), target.data(), target.width(), win, sums)
                : stream64(prediction.data(), target.data(), target.width(), win, sums);
        return n == 0 ? noValidPixel(sums) : stats(sums, 1, 0);
    }

    /**
     * Real midpoints between 1.25^k (k = 1, 2, 3, exact in float32) and the float just below it. For positive finite
     * floats a, b: float32(a / b) &lt; c exactly when a &lt; m b in real numbers (below m the quotient rounds below
     * c; m itself is a tie, which rounds to even, c, each c having an even last mantissa bit). m has 25 significant
     * bits and b at most 24, so the double product m * b is exact and the double comparison decides it exactly.
     */
    static final double DELTA1_32 = 1.25 - 0x1p-24;
    static final double DELTA2_32 = 1.5625 - 0x1p-24;
    static final double DELTA3_32 = 1.953125 - 0x1p-24;

    /**
     * {@link #errors32}'s sums over the valid pixels of the crop (float32 mask {@code gt > lo, gt < hi} and clip as BTS
     * eval_with_pngs.py lines 177-178 and 184); returns the number of valid pixels and adds to {@code out} only if
     * there is one. The delta test BTS takes in float32 ({@code np.maximum(gt / pred, pred / gt) < 1.25}, line 51)
     * needs no division: max(g/p, p/g) &lt; c is max(g, p) &lt; m min(g, p) with the {@link #DELTA1_32} midpoints.
     */
    private int stream32(float[] p, float[] t, int w, Window win, double[] out) {
        float lo = (float) minDepth;
        float hi = (float) maxDepth;
        LogCache logs = LogCache.get();
        double[] tab = logs.table;
        double absRel = 0;
        double sqRel = 0;
        double sq = 0;
        double dSq = 0;
        double dSum = 0;
        double log10 = 0;
        // counts of 0/1 terms: as doubles they are the same integers, exact below 2^53
        int d1 = 0;
        int d2 = 0;
        int d3 = 0;
        int n = 0;
        for (int y = win.r0(); y < win.r1(); y++) {
            for (int i = y * w + win.c0(), end = y * w + win.c1(); i < end; i++) {
                float gf = t[i];
                if (!(gf > lo && gf < hi)) {
                    continue;
                }
                float v = p[i];
                if (!Float.isFinite(v)) {
                    throw notFinite(v, i, w);
                }
                n++;
                float pf = v < lo ? lo : v > hi ? hi : v;
                double pd = pf;
                double g = gf;
                double diff = g - pd;
                absRel += Math.abs(diff) / g;
                sqRel += diff * diff / g;
                sq += diff * diff;
                int sp = logs.slot(pd);
                double lnP = tab[sp + 1];
                double log10P = tab[sp + 2];
                int sg = logs.slot(g);
                double d = lnP - tab[sg + 1];
                dSq += d * d;
                dSum += d;
                log10 += Math.abs(log10P - tab[sg + 2]);
                if (pf > 0) {
                    double big = g > pd ? g : pd;
                    double small = g > pd ? pd : g;
                    d1 += big < DELTA1_32 * small ? 1 : 0;
                    d2 += big < DELTA2_32 * small ? 1 : 0;
                    d3 += big < DELTA3_32 * small ? 1 : 0;
                } else {
                    // a prediction clipped to a min_depth that is 0 in float32 (+0, or -0 left as is): the quotients
                    float ratio = Math.max(gf / pf, pf / gf);
                    d1 += ratio < 1.25f ? 1 : 0;
                    d2 += ratio < 1.5625f ? 1 : 0;
                    d3 += ratio < 1.953125f ? 1 : 0;
                }
            }
        }
        if (n > 0) {
            finish(absRel, sqRel, sq, dSq, dSum, log10, d1, d2, d3, n, false, out);
        }
        return n;
    }

    /**
     * {@link #errors}'s sums over the valid pixels of the crop (double mask and clip), as {@link #stream32}. One
     * division for the delta ratio: for positive g, p the larger of g/p and p/g is the quotient of the larger by the
     * smaller (rounding is monotonic, so the other is at most 1), the same double as Math.max of both.
     */
    private int stream64(float[] p, float[] t, int w, Window win, double[] out) {
        double lo = minDepth;
        double hi = maxDepth;
        LogCache logs = LogCache.get();
        double[] tab = logs.table;
        double absRel = 0;
        double sqRel = 0;
        double sq = 0;
        double dSq = 0;
        double dSum = 0;
        double log10 = 0;
        int d1 = 0;
        int d2 = 0;
        int d3 = 0;
        int n = 0;
        for (int y = win.r0(); y < win.r1(); y++) {
            for (int i = y * w + win.c0(), end = y * w + win.c1(); i < end; i++) {
                double g = t[i];
                if (!(g > lo && g < hi)) {
                    continue;
                }
                float v = p[i];
                if (!Float.isFinite(v)) {
                    throw notFinite(v, i, w);
                }
                n++;
                // Math.min(hi, Math.max(lo, v)) as the array path clips, without the intrinsics' NaN and -0 handling:
                // v is not NaN, and lo > 0, so a zero of either sign becomes lo under both
                double pd = v < lo ? lo : v > hi ? hi : v;
                double diff = g - pd;
                absRel += Math.abs(diff) / g;
                sqRel += diff * diff / g;
                sq += diff * diff;
                int sp = logs.slot(pd);
                double lnP = tab[sp + 1];
                double log10P = tab[sp + 2];
                int sg = logs.slot(g);
                double d = lnP - tab[sg + 1];
                dSq += d * d;
                dSum += d;
                log10 += Math.abs(log10P - tab[sg + 2]);
                // g > min_depth > 0 and p >= min_depth > 0
                double ratio = g > pd ? g / pd : pd / g;
                d1 += ratio < 1.25 ? 1 : 0;
                d2 += ratio < 1.25 * 1.25 ? 1 : 0;
                d3 += ratio < 1.25 * 1.25 * 1.25 ? 1 : 0;
            }
        }
        if (n > 0) {
            finish(absRel, sqRel, sq, dSq, dSum, log10, d1, d2, d3, n, true, out);
        }
        return n;
    }

    /** One image's means from its sums (BTS compute_errors, lines 50-71); silog clamped to 0 or left NaN (float32). */
    private static void finish(double absRel, double sqRel, double sq, double dSq, double dSum, double log10, double d1,
            double d2, double d3, int n, boolean clampSilog, double[] out) {
        double meanD = dSum / n;
        double radicand = dSq / n - meanD * meanD;
        out[0] += absRel / n;
        out[1] += sqRel / n;
        out[2] += Math.sqrt(sq / n);
        out[3] += Math.sqrt(dSq / n);
        out[4] += log10 / n;
        // float32: NaN for a negative radicand, as np.sqrt
        out[5] += Math.sqrt(clampSilog ? Math.max(0, radicand) : radicand) * 100;
        out[6] += d1 / n;
        out[7] += d2 / n;
        out[8] += d3 / n;
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

    /**
     * Adds one image's errors (BTS compute_errors) into {@code out}; the array path, for aligned predictions, whose
     * logarithms have a table of their own ({@link LogCache#aligned()}).
     */
    static void errors(double[] pred, double[] gt, double[] out) {
        int n = pred.length;
        LogCache logs = LogCache.get();
        LogCache predLogs = LogCache.aligned();
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
            int sp = predLogs.hashedSlot(p);
            double lnP = predLogs.table[sp + 1];
            double log10P = predLogs.table[sp + 2];
            int sg = logs.slot(g);
            double d = lnP - logs.table[sg + 1];
            dSq += d * d;
            dSum += d;
            log10 += Math.abs(log10P - logs.table[sg + 2]);
            double ratio = Math.max(g / p, p / g);
            d1 += ratio < 1.25 ? 1 : 0;
            d2 += ratio < 1.25 * 1.25 ? 1 : 0;
            d3 += ratio < 1.25 * 1.25 * 1.25 ? 1 : 0;
        }
        finish(absRel, sqRel, sq, dSq, dSum, log10, d1, d2, d3, n, true, out);
    }

    /**
     * BTS eval_with_pngs.py {@code compute_errors} (lines 50-71) with its float32 decisions: the delta ratios are
     * float32 quotients of float32 values compared with 1.25^k (exact in float32), and silog is not clamped.
     */
    static void errors32(double[] pred, double[] gt, double[] out) {
        int n = pred.length;
        LogCache logs = LogCache.get();
        LogCache predLogs = LogCache.aligned();
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
            int sp = predLogs.hashedSlot(p);
            double lnP = predLogs.table[sp + 1];
            double log10P = predLogs.table[sp + 2];
            int sg = logs.slot(g);
            double d = lnP - logs.table[sg + 1];
            dSq += d * d;
            dSum += d;
            log10 += Math.abs(log10P - logs.table[sg + 2]);
            float pf = (float) p;
            float gf = (float) g;
            float ratio = Math.max(gf / pf, pf / gf);
            d1 += ratio < 1.25f ? 1 : 0;
            d2 += ratio < 1.5625f ? 1 : 0;
            d3 += ratio < 1.953125f ? 1 : 0;
        }
        finish(absRel, sqRel, sq, dSq, dSum, log10, d1, d2, d3, n, false, out);
    }

    @Override
    public MetricValues finish(Stats total) {
        double images = total.scalarOrZero("images");
        List<MetricValue> values = new ArrayList<>();
        for (int m = 0; m < METRICS.length; m++) {
            double sum = total.scalarOrZero(METRICS[m]);
            values.add(new MetricValue(key(METRICS[m]), images == 0 ? Double.NaN : sum / images, HIGHER_IS_BETTER[m]));
        }
        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("images", (long) images);
        notes.put("skipped_no_valid_pixels", (long) total.scalarOrZero("skipped"));
        return new MetricValues(values, notes);
    }
}
