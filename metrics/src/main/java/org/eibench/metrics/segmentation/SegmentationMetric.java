package org.eibench.metrics.segmentation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eibench.metrics.LabelMap;
import org.eibench.metrics.Metric;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;

/**
 * Semantic segmentation from a confusion matrix pooled over the dataset, kept as mmseg's per-class sufficient
 * statistics (mmseg/evaluation/metrics/iou_metric.py: area_intersect, area_pred, area_label; union = pred + label -
 * intersect). Pixels whose ground truth is {@code ignoreIndex} are dropped; a predicted id outside [0, C) is a wrong
 * prediction (it counts in the label area but in no class's predicted area). IoU_c = TP / (TP + FP + FN);
 * {@code miou} is the mean over classes with a non-empty union.
 */
public final class SegmentationMetric implements Metric<LabelMap, LabelMap> {

    private final int numClasses;
    private final int ignoreIndex;
    private final List<String> classNames;

    public SegmentationMetric(int numClasses, int ignoreIndex, List<String> classNames) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("num_classes must be at least 1");
        }
        if (classNames != null && !classNames.isEmpty() && classNames.size() != numClasses) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + numClasses + " classes");
        }
        this.numClasses = numClasses;
        this.ignoreIndex = ignoreIndex;
        this.classNames = classNames == null || classNames.isEmpty() ? defaultNames(numClasses) : List.copyOf(classNames);
    }

    private static List<String> defaultNames(int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    @Override
    public String name() {
        return "miou";
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("num_classes", numClasses);
        o.put("ignore_index", ignoreIndex);
        o.put("absent", "union");
        return o;
    }

    @Override
    public Class<LabelMap> predictionType() {
        return LabelMap.class;
    }

    @Override
    public Class<LabelMap> targetType() {
        return LabelMap.class;
    }

    @Override
    public Stats measure(LabelMap prediction, LabelMap target) {
        if (!prediction.sameShape(target)) {
            throw new IllegalArgumentException("prediction is " + prediction.width() + "x" + prediction.height()
                    + " but target is " + target.width() + "x" + target.height());
        }
        long[] intersect = new long[numClasses];
        long[] pred = new long[numClasses];
        long[] label = new long[numClasses];
        int[] p = prediction.labels();
        int[] g = target.labels();
        for (int i = 0; i < g.length; i++) {
            int gt = g[i];
            if (gt == ignoreIndex) {
                continue;
            }
            if (gt < 0 || gt >= numClasses) {
                throw new IllegalArgumentException("ground-truth label " + gt + " at pixel (" + (i % target.width()) + ", "
                        + (i / target.width()) + ") is outside [0, " + numClasses + ") and is not the ignore index " + ignoreIndex);
            }
            label[gt]++;
            int pr = p[i];
            if (pr >= 0 && pr < numClasses) {
                pred[pr]++;
                if (pr == gt) {
                    intersect[gt]++;
                }
            }
        }
        return Stats.builder().put("area_intersect", toDouble(intersect)).put("area_pred", toDouble(pred))
                .put("area_label", toDouble(label)).build();
    }

    private static double[] toDouble(long[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    @Override
    public MetricValues finish(Stats total) {
        if (total.isEmpty()) {
            return MetricValues.of(new MetricValue("miou", Double.NaN, true));
        }
        double[] inter = total.vector("area_intersect");
        double[] pred = total.vector("area_pred");
        double[] label = total.vector("area_label");
        double labelTotal = 0;
        double interTotal = 0;
        for (int c = 0; c < numClasses; c++) {
            labelTotal += label[c];
            interTotal += inter[c];
        }
        double[] iou = new double[numClasses];
        double iouSum = 0;
        int iouCount = 0;
        double accSum = 0;
        int accCount = 0;
        double fw = 0;
        for (int c = 0; c < numClasses; c++) {
            double union = pred[c] + label[c] - inter[c];
            iou[c] = union > 0 ? inter[c] / union : Double.NaN;
            if (union > 0) {
                iouSum += iou[c];
                iouCount++;
                fw += label[c] / labelTotal * iou[c];
            }
            if (label[c] > 0) {
                accSum += inter[c] / label[c];
                accCount++;
            }
        }
        List<MetricValue> values = new ArrayList<>();
        values.add(new MetricValue("miou", iouCount == 0 ? Double.NaN : iouSum / iouCount, true));
        values.add(new MetricValue("aacc", labelTotal == 0 ? Double.NaN : interTotal / labelTotal, true));
        values.add(new MetricValue("macc", accCount == 0 ? Double.NaN : accSum / accCount, true));
        values.add(new MetricValue("fwiou", labelTotal == 0 ? Double.NaN : fw, true));
        for (int c = 0; c < numClasses; c++) {
            values.add(new MetricValue("iou." + classNames.get(c), iou[c], true));
        }
        return new MetricValues(values, Map.of());
    }
}
