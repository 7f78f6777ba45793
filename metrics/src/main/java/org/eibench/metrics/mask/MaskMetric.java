package org.eibench.metrics.mask;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eibench.metrics.AbstractMetric;
import org.eibench.metrics.FloatImage;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;
import org.eibench.metrics.config.OptionSpec;
import org.eibench.metrics.config.Options;

/**
 * Binary and salient-object masks, following the standard salient-object protocol as PySODMetrics implements it
 * ({@code py_sod_metrics/utils.py} {@code prepare_data}; {@code py_sod_metrics/sod_metrics.py} {@code Fmeasure.cal_pr},
 * {@code Fmeasure.get_results}, {@code MAE}), itself a port of the MATLAB benchmark of Borji et al. / Fan et al.
 *
 * <p>Inputs: prediction and target are one-channel images. The prediction is a gray map in [0, {@code scale}]
 * ({@code scale} 255 by default, PySOD's uint8 input; 1 for probability maps). The target is 0..255 with foreground
 * {@code gt > 128} (PySOD's binarisation), and optionally a {@code void} value (e.g. 128 for the VOC-derived masks)
 * whose pixels are left out of every statistic (PySOD has no void: without the option a 128 pixel is background).
 *
 * <p>Per image: p = pred / scale; with {@code normalize} (default, PySOD's {@code mapminmax}) p = (p - min) / (max -
 * min) over the scored pixels when max != min. Then
 * <ul>
 *   <li>{@code mae} = mean |p - gt| (gt in {0, 1});</li>
 *   <li>F-beta curve: q = floor(255 p) (PySOD's {@code (pred * 255).astype(np.uint8)}); for each threshold t in
 *   0..255, TP = #fg with q &gt;= t, P = max(#(q &gt;= t), 1), T = max(#fg, 1), precision = TP / P, recall = TP / T,
 *   F = (1 + b2) precision recall / (b2 precision + recall) (0 when the numerator is 0), b2 = beta^2 = 0.3;</li>
 *   <li>{@code iou} of the binarised prediction p &gt;= {@code threshold} (0.5) with the foreground; an image where
 *   both are empty is left out of the mean IoU.</li>
 * </ul>
 * Over images: the precision, recall and F curves are averaged over images (PySOD {@code get_results}); {@code
 * max_fbeta} = max over thresholds of the mean F curve, {@code mean_fbeta} = mean over the 256 thresholds of the mean
 * F curve; {@code mae} and {@code iou} are means over images; {@code iou_pooled} = total intersection / total union.
 */
public final class MaskMetric extends AbstractMetric<FloatImage, FloatImage> {

    static final int LEVELS = 256;

    private final double scale;
    private final boolean normalize;
    private final double threshold;
    private final Double voidValue;
    private final double beta2;

    /**
     * @param scale     prediction value of "certainly foreground" (255 for 8-bit maps, 1 for probabilities)
     * @param normalize PySOD's min-max normalisation of each prediction
     * @param threshold binarisation threshold for IoU, on the normalised [0, 1] prediction
     * @param voidValue target value to leave out, or null
     * @param beta2     beta^2 of F-beta (0.3 in the salient-object literature)
     */
    public MaskMetric(double scale, boolean normalize, double threshold, Double voidValue, double beta2) {
        super("mask", FloatImage.class, FloatImage.class);
        if (!(scale > 0) || !(beta2 > 0) || !(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("mask: need scale > 0, beta2 > 0 and threshold in [0, 1]");
        }
        this.scale = scale;
        this.normalize = normalize;
        this.threshold = threshold;
        this.voidValue = voidValue;
        this.beta2 = beta2;
    }

    /** PySOD defaults: 8-bit prediction, min-max normalisation, threshold 0.5, no void, beta^2 = 0.3. */
    public static MaskMetric standard() {
        return new MaskMetric(255, true, 0.5, null, 0.3);
    }

    /**
     * From task-file options: {@code scale} (255), {@code normalize} (true), {@code threshold} (0.5), {@code void}
     * (none; 128 for VOC-derived masks), {@code beta2} (0.3).
     */
    public static MaskMetric fromOptions(Map<String, ?> options) {
        Options o = Options.of(options);
        MaskMetric m = fromOptions(o);
        o.check("mask");
        return m;
    }

    public static final OptionSpec SCALE = OptionSpec.number("scale", 255.0, "the value of a full foreground");
    public static final OptionSpec NORMALIZE = OptionSpec.bool("normalize", true, "min-max normalise each prediction");
    public static final OptionSpec THRESHOLD = OptionSpec.number("threshold", 0.5, "IoU's binarisation threshold");
    public static final OptionSpec VOID = OptionSpec.number("void", null, "a target value left out (128 for VOC masks)");
    public static final OptionSpec BETA2 = OptionSpec.number("beta2", 0.3, "F-beta's beta squared");
    public static final List<OptionSpec> OPTIONS = List.of(SCALE, NORMALIZE, THRESHOLD, VOID, BETA2);

    /** Options read through {@code o}, problems recorded there. */
    public static MaskMetric fromOptions(Options o) {
        return new MaskMetric(o.number(SCALE), o.bool(NORMALIZE), o.number(THRESHOLD),
                o.has("void") ? o.number(VOID) : null, o.number(BETA2));
    }

    @Override
    protected void putOptions(Map<String, Object> o) {
        o.put("scale", scale);
        o.put("normalize", normalize);
        o.put("threshold", threshold);
        o.put("void", voidValue);
        o.put("beta2", beta2);
    }

    @Override
    public Stats measure(FloatImage prediction, FloatImage target) {
        if (!prediction.sameShape(target)) {
            throw new IllegalArgumentException("prediction is " + prediction.shape() + " but target is " + target.shape());
        }
        if (target.channels() != 1) {
            throw new IllegalArgumentException("masks must have one channel, got " + target.channels());
        }
        float[] pr = prediction.data();
        float[] gt = target.data();
        int w = target.width();
        boolean hasVoid = voidValue != null;
        float vv = hasVoid ? voidValue.floatValue() : 0f;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int scored = 0;
        for (int i = 0; i < gt.length; i++) {
            if (hasVoid && gt[i] == vv) {
                continue;
            }
            double v = pr[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("prediction is " + v + " at pixel (" + (i % w) + ", " + (i / w) + ")");
            }
            double p = v / scale;
            min = Math.min(min, p);
            max = Math.max(max, p);
            scored++;
        }
        double[] fgHist = new double[LEVELS];
        double[] allHist = new double[LEVELS];
        double absErr = 0;
        long fg = 0;
        long inter = 0;
        long union = 0;
        boolean stretch = normalize && max != min;
        for (int i = 0; i < gt.length; i++) {
            if (hasVoid && gt[i] == vv) {
                continue;
            }
            double p = pr[i] / scale;
            if (stretch) {
                p = (p - min) / (max - min);
            } else {
                p = Math.max(0, Math.min(1, p)); // an out-of-range map would wrap in PySOD's uint8 cast
            }
            boolean isFg = gt[i] > 128f;
            int q = (int) (p * 255);
            allHist[q]++;
            if (isFg) {
                fgHist[q]++;
                fg++;
            }
            absErr += Math.abs(p - (isFg ? 1 : 0));
            boolean on = p >= threshold;
            inter += on && isFg ? 1 : 0;
            union += on || isFg ? 1 : 0;
        }
        if (scored == 0) {
            return Stats.builder().put("images", 0).put("skipped", 1).put("mae", 0).put("iou", 0).put("iou_images", 0)
                    .put("intersection", 0).put("union", 0).put("precision", new double[LEVELS]).put("recall", new double[LEVELS])
                    .put("fbeta", new double[LEVELS]).build();
        }
        // Cumulative counts from the top: index t holds #(q >= t).
        double[] precision = new double[LEVELS];
        double[] recall = new double[LEVELS];
        double[] f = new double[LEVELS];
        double tp = 0;
        double pos = 0;
        double t = Math.max(fg, 1);
        for (int q = LEVELS - 1; q >= 0; q--) {
            tp += fgHist[q];
            pos += allHist[q];
            double pre = tp / (pos == 0 ? 1 : pos);
            double rec = tp / t;
            double num = (1 + beta2) * pre * rec;
            double den = num == 0 ? 1 : beta2 * pre + rec;
            precision[q] = pre;
            recall[q] = rec;
            f[q] = num / den;
        }
        double iou = union == 0 ? 0 : (double) inter / union;
        return Stats.builder().put("images", 1).put("skipped", 0).put("mae", absErr / scored).put("iou", iou)
                .put("iou_images", union == 0 ? 0 : 1).put("intersection", (double) inter).put("union", (double) union)
                .put("precision", precision).put("recall", recall).put("fbeta", f).build();
    }

    @Override
    public MetricValues finish(Stats total) {
        double n = total.scalarOrZero("images");
        double maxF = Double.NaN;
        double meanF = Double.NaN;
        if (n > 0) {
            double[] f = total.vector("fbeta");
            maxF = Double.NEGATIVE_INFINITY;
            double s = 0;
            for (double v : f) {
                maxF = Math.max(maxF, v / n);
                s += v / n;
            }
            meanF = s / f.length;
        }
        double iouImages = total.scalarOrZero("iou_images");
        double union = total.scalarOrZero("union");
        List<MetricValue> values = new ArrayList<>();
        values.add(new MetricValue("iou", iouImages == 0 ? Double.NaN : total.scalarOrZero("iou") / iouImages, true));
        values.add(new MetricValue("mae", n == 0 ? Double.NaN : total.scalarOrZero("mae") / n, false));
        values.add(new MetricValue("max_fbeta", maxF, true));
        values.add(new MetricValue("mean_fbeta", meanF, true));
        values.add(new MetricValue("iou_pooled", union == 0 ? Double.NaN : total.scalarOrZero("intersection") / union, true));
        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("images", (long) n);
        notes.put("images_without_foreground_or_prediction", (long) (n - iouImages));
        notes.put("skipped_all_void", (long) total.scalarOrZero("skipped"));
        return new MetricValues(values, notes);
    }

    /** The mean precision and recall curves over images, index = threshold 0..255 (for PR plots). */
    public static double[][] curves(Stats total) {
        double n = total.scalarOrZero("images");
        double[] p = total.vector("precision");
        double[] r = total.vector("recall");
        for (int k = 0; k < p.length; k++) {
            p[k] /= n;
            r[k] /= n;
        }
        return new double[][] {p, r};
    }
}
