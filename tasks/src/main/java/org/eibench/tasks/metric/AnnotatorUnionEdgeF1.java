package org.eibench.tasks.metric;

import java.util.List;
import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Combine;
import org.eibench.metrics.Metric;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;
import org.eibench.metrics.edges.EdgeAnnotations;
import org.eibench.metrics.edges.EdgeF1Metric;

/**
 * {@link EdgeF1Metric} (ControlNet++ binary F1, one ground-truth map) on an edges task, whose ground truth is one
 * boundary map per annotator: the ground truth is the union of the annotators' maps (a pixel is an edge when any
 * annotator marked it, i.e. its value is non-zero), as a 0/1 map. With one annotator (a Canny map) this is that map.
 * The prediction is the decoded edge map in [0, 1], binarised by the metric's threshold.
 */
final class AnnotatorUnionEdgeF1 implements Metric<FloatImage, EdgeAnnotations> {

    private final EdgeF1Metric inner;

    AnnotatorUnionEdgeF1(EdgeF1Metric inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> o = new java.util.LinkedHashMap<>(inner.options());
        o.put("annotators", "union");
        return o;
    }

    @Override
    public Class<FloatImage> predictionType() {
        return FloatImage.class;
    }

    @Override
    public Class<EdgeAnnotations> targetType() {
        return EdgeAnnotations.class;
    }

    @Override
    public Stats measure(FloatImage prediction, EdgeAnnotations target) {
        return inner.measure(prediction, union(target.boundaries()));
    }

    /** 1 where any map is non-zero (NaN counts as marked, so that the metric reports it), else 0. */
    static FloatImage union(List<FloatImage> maps) {
        if (maps.isEmpty()) {
            throw new IllegalArgumentException("edge_f1: the sample has no annotator map");
        }
        FloatImage first = maps.get(0);
        float[] u = new float[first.pixels() * first.channels()];
        for (FloatImage m : maps) {
            if (!m.sameShape(first)) {
                throw new IllegalArgumentException("edge_f1: annotator maps differ in size: " + first.shape() + " and " + m.shape());
            }
            float[] d = m.data();
            for (int i = 0; i < u.length; i++) {
                if (d[i] != 0) {
                    u[i] = 1f;
                }
            }
        }
        return new FloatImage(first.width(), first.height(), first.channels(), u);
    }

    @Override
    public MetricValues finish(Stats total) {
        return inner.finish(total);
    }

    @Override
    public Combine combine(String key) {
        return inner.combine(key);
    }
}
