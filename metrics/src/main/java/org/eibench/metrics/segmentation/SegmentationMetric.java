package org.eibench.metrics.segmentation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eibench.metrics.AbstractMetric;
import org.eibench.metrics.LabelMap;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;
import org.eibench.metrics.config.OptionSpec;
import org.eibench.metrics.config.Options;

/**
 * Semantic segmentation from a confusion matrix pooled over the dataset (not per image), kept as mmseg's per-class
 * sufficient statistics (mmseg/evaluation/metrics/iou_metric.py {@code intersect_and_union}: area_intersect,
 * area_pred_label, area_label; union = pred + label - intersect). The statistics are 3C numbers per sample instead
 * of the C^2 matrix because every reported value (IoU, aAcc, mAcc, fwIoU) needs only these, and per-sample
 * statistics are stored in every run's JSONL.
 *
 * <p>Pixels whose ground truth is {@code ignoreIndex} are dropped from both maps. A predicted id outside [0, C) is a
 * wrong prediction: it counts in the label area of its ground-truth class but in no class's predicted area (as
 * mmseg's {@code torch.histc(..., min=0, max=C-1)} drops it). A ground-truth id outside [0, C) that is not the ignore
 * index makes the sample unscorable.
 *
 * <p>Absent classes ({@code absent} option):
 * <ul>
 *   <li>{@code union} (default, mmseg): IoU_c = TP/(TP+FP+FN), NaN when the union is empty; {@code miou} is
 *   {@code np.nanmean} over classes, i.e. the mean over classes with a non-empty union. A class that is predicted
 *   somewhere but never present in the ground truth counts with IoU 0.</li>
 *   <li>{@code gt-only} (detectron2 {@code SemSegEvaluator.evaluate}): IoU_c is defined only where the class has
 *   ground-truth pixels ({@code iou_valid = acc_valid & union > 0}); false positives of a class absent from the
 *   ground truth still lower the IoU of the classes they were taken from, but the absent class itself is not
 *   averaged.</li>
 * </ul>
 * aAcc = sum TP / sum label, mAcc = mean over classes with ground truth of TP/label (identical in both), fwIoU =
 * sum_c (label_c / sum label) IoU_c over classes with ground truth (detectron2's {@code fwIoU}; mmseg has none; a
 * class without ground truth has weight 0, so both rules give the same fwIoU).
 *
 * <p>{@code reduceZeroLabel} (ADE20K, mmseg {@code LoadAnnotations(reduce_zero_label=True)}): ground truth 0 becomes
 * ignored and every other value v becomes v - 1 (the ignore value itself stays ignored), so ADE20K's 1..150 become
 * classes 0..149. Predictions are taken as already reduced (0..149), as mmseg's models emit them.
 */
public final class SegmentationMetric extends AbstractMetric<LabelMap, LabelMap> {

    /** Absent-class rule. */
    public enum Absent {
        /** mmseg: mean over classes with a non-empty union. */
        UNION("union"),
        /** detectron2: mean over classes present in the ground truth. */
        GT_ONLY("gt-only");

        private final String key;

        Absent(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    private final int numClasses;
    private final int ignoreIndex;
    private final Absent absent;
    private final boolean reduceZeroLabel;
    private final List<String> classNames;
    /** The per-class keys, made once: finish runs for every sample and every bootstrap resample. */
    private final String[] iouKeys;
    private final String[] accKeys;
    private final int rows;

    /** mmseg defaults: union rule, no zero-label reduction. */
    public SegmentationMetric(int numClasses, int ignoreIndex, List<String> classNames) {
        this(numClasses, ignoreIndex, Absent.UNION, false, classNames);
    }

    /**
     * @param numClasses      C, the number of evaluated classes (after zero-label reduction: 150 for ADE20K)
     * @param ignoreIndex     ground-truth value excluded from both maps (255 for VOC and mmseg's ADE20K)
     * @param absent          absent-class rule for {@code miou}
     * @param reduceZeroLabel ADE20K convention: ground truth 0 ignored, others shifted down by one
     * @param classNames      names for per-class keys ({@code iou.<name>}); null or empty: "0", "1", ...
     */
    public SegmentationMetric(int numClasses, int ignoreIndex, Absent absent, boolean reduceZeroLabel, List<String> classNames) {
        super("miou", LabelMap.class, LabelMap.class);
        if (numClasses < 1 || numClasses > 65536) {
            throw new IllegalArgumentException("num_classes must be in [1, 65536], got " + numClasses);
        }
        if (classNames != null && !classNames.isEmpty() && classNames.size() != numClasses) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + numClasses + " classes");
        }
        this.numClasses = numClasses;
        this.ignoreIndex = ignoreIndex;
        this.absent = absent;
        this.reduceZeroLabel = reduceZeroLabel;
        this.classNames = classNames == null || classNames.isEmpty() ? defaultNames(numClasses) : List.copyOf(classNames);
        this.iouKeys = this.classNames.stream().map(n -> "iou." + n).toArray(String[]::new);
        this.accKeys = this.classNames.stream().map(n -> "acc." + n).toArray(String[]::new);
        int needed = numClasses + (reduceZeroLabel ? 1 : 0);
        if (ignoreIndex >= 0 && ignoreIndex < 65536) {
            // Keep a small non-negative ignore value inside the table: the kernel then never leaves its fast path.
            needed = Math.max(needed, ignoreIndex + 1);
        }
        this.rows = ConfusionMatrix.rowsFor(needed);
    }

    /**
     * From task-file options: {@code num_classes} (required), {@code ignore_index} (255), {@code absent}
     * ({@code union} | {@code gt-only}), {@code reduce_zero_label} (false), {@code class_names} (list).
     */
    public static SegmentationMetric fromOptions(Map<String, ?> options) {
        Options o = Options.of(options);
        if (!o.has("num_classes")) {
            throw new IllegalArgumentException("miou: option 'num_classes' is required");
        }
        String absent = o.choice(ABSENT);
        SegmentationMetric m = new SegmentationMetric(o.integer(NUM_CLASSES), o.integer(IGNORE_INDEX),
                absent.equals("union") ? Absent.UNION : Absent.GT_ONLY, o.bool(REDUCE_ZERO_LABEL), o.strings(CLASS_NAMES.name()));
        o.check("miou");
        return m;
    }

    public static final OptionSpec NUM_CLASSES = OptionSpec.integer("num_classes", null, 1, 65535, "C, classes evaluated (required)");
    public static final OptionSpec IGNORE_INDEX = OptionSpec.integer("ignore_index", 255, -1, 65535, "ground-truth value left out");
    public static final OptionSpec ABSENT = OptionSpec.choice("absent", List.of("union", "gt-only"),
            "a class absent from both maps: union (mmseg) or gt-only (detectron2)");
    public static final OptionSpec REDUCE_ZERO_LABEL = OptionSpec.bool("reduce_zero_label", false, "ADE20K: 0 -> ignored, v -> v - 1");
    public static final OptionSpec CLASS_NAMES = OptionSpec.list("class_names", "names used in the per-class keys");
    public static final List<OptionSpec> OPTIONS = List.of(NUM_CLASSES, IGNORE_INDEX, ABSENT, REDUCE_ZERO_LABEL, CLASS_NAMES);

    private static List<String> defaultNames(int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    @Override
    protected void putOptions(Map<String, Object> o) {
        o.put("num_classes", numClasses);
        o.put("ignore_index", ignoreIndex);
        o.put("absent", absent.key());
        o.put("reduce_zero_label", reduceZeroLabel);
    }

    @Override
    public Stats measure(LabelMap prediction, LabelMap target) {
        if (!prediction.sameShape(target)) {
            throw new IllegalArgumentException("prediction is " + prediction.width() + "x" + prediction.height()
                    + " but target is " + target.width() + "x" + target.height());
        }
        ConfusionMatrix m = ConfusionMatrix.count(target, prediction, numClasses, rows);
        if (m.outsideRows() > 0) {
            int[] g = target.labels();
            for (int i = 0; i < g.length; i++) {
                int v = g[i];
                if ((v < 0 || v >= rows) && v != ignoreIndex) {
                    throw badLabel(target, i, v);
                }
            }
        }
        double[] inter = new double[numClasses];
        double[] pred = new double[numClasses];
        double[] label = new double[numClasses];
        int cols = m.cols();
        for (int r = 0; r < rows; r++) {
            if (r == ignoreIndex || (reduceZeroLabel && r == 0)) {
                continue;
            }
            long total = m.rowTotal(r);
            if (total == 0) {
                continue;
            }
            int cls = reduceZeroLabel ? r - 1 : r;
            if (cls >= numClasses) {
                int[] g = target.labels();
                for (int i = 0; i < g.length; i++) {
                    if (g[i] == r) {
                        throw badLabel(target, i, r);
                    }
                }
            }
            label[cls] += total;
            inter[cls] += m.get(r, cls);
            m.addRow(r, cols - 1, pred);
        }
        return Stats.builder().put("area_intersect", inter).put("area_pred", pred).put("area_label", label).build();
    }

    private IllegalArgumentException badLabel(LabelMap target, int i, int v) {
        String range = reduceZeroLabel ? "[0, " + numClasses + "] (reduce_zero_label)" : "[0, " + numClasses + ")";
        return new IllegalArgumentException("ground-truth label " + v + " at pixel (" + (i % target.width()) + ", "
                + (i / target.width()) + ") is outside " + range + " and is not the ignore index " + ignoreIndex);
    }

    /** Per class, a sample line keeps the counts (its statistics), not the IoU and accuracy they give. */
    @Override
    public List<MetricValue> sampleValues(Stats stats) {
        return pool(stats).scalars();
    }

    @Override
    public MetricValues finish(Stats total) {
        Pooled p = pool(total);
        List<MetricValue> values = new ArrayList<>(p.scalars().size() + 2 * numClasses);
        values.addAll(p.scalars());
        for (int c = 0; c < numClasses; c++) {
            values.add(new MetricValue(iouKeys[c], p.iou()[c], true));
        }
        for (int c = 0; c < numClasses; c++) {
            values.add(new MetricValue(accKeys[c], p.acc()[c], true));
        }
        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("classes_averaged", p.classesAveraged());
        notes.put("absent", absent.key());
        return new MetricValues(values, notes);
    }

    /** The four pooled scores (miou, aacc, macc, fwiou, in this order), the per-class values, and how many averaged. */
    private record Pooled(List<MetricValue> scalars, double[] iou, double[] acc, int classesAveraged) {
    }

    private Pooled pool(Stats total) {
        double[] inter = total.has("area_intersect") ? total.vector("area_intersect") : new double[numClasses];
        double[] pred = total.has("area_pred") ? total.vector("area_pred") : new double[numClasses];
        double[] label = total.has("area_label") ? total.vector("area_label") : new double[numClasses];
        if (inter.length != numClasses) {
            throw new IllegalArgumentException("statistics have " + inter.length + " classes, metric " + numClasses);
        }
        double labelTotal = 0;
        double interTotal = 0;
        for (int c = 0; c < numClasses; c++) {
            labelTotal += label[c];
            interTotal += inter[c];
        }
        double[] iou = new double[numClasses];
        double[] acc = new double[numClasses];
        double iouSum = 0;
        int iouCount = 0;
        double accSum = 0;
        int accCount = 0;
        double fw = 0;
        for (int c = 0; c < numClasses; c++) {
            double union = pred[c] + label[c] - inter[c];
            boolean valid = absent == Absent.UNION ? union > 0 : label[c] > 0 && union > 0;
            iou[c] = valid ? inter[c] / union : Double.NaN;
            acc[c] = label[c] > 0 ? inter[c] / label[c] : Double.NaN;
            if (valid) {
                iouSum += iou[c];
                iouCount++;
                fw += label[c] / labelTotal * iou[c];
            }
            if (label[c] > 0) {
                accSum += acc[c];
                accCount++;
            }
        }
        List<MetricValue> scalars = List.of(
                new MetricValue("miou", iouCount == 0 ? Double.NaN : iouSum / iouCount, true),
                new MetricValue("aacc", labelTotal == 0 ? Double.NaN : interTotal / labelTotal, true),
                new MetricValue("macc", accCount == 0 ? Double.NaN : accSum / accCount, true),
                new MetricValue("fwiou", labelTotal == 0 ? Double.NaN : fw, true));
        return new Pooled(scalars, iou, acc, iouCount);
    }
}
