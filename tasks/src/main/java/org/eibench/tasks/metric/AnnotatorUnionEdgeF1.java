package org.eibench.tasks.metric;

import java.util.List;
import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.edges.EdgeAnnotations;
import org.eibench.metrics.edges.EdgeF1Metric;

/**
 * {@link EdgeF1Metric} (ControlNet++ binary F1, one ground-truth map) on an edges task, whose ground truth is one
 * boundary map per annotator: the ground truth is the union of the annotators' maps (a pixel is an edge when any
 * annotator marked it, i.e. its value is non-zero), as a 0/1 map. With one annotator (a Canny map) this is that map.
 * The prediction is the decoded edge map in [0, 1], binarised by the metric's threshold.
 */
final class AnnotatorUnionEdgeF1 extends TargetAdapter<EdgeAnnotations> {

    AnnotatorUnionEdgeF1(EdgeF1Metric inner) {
        super(inner, EdgeAnnotations.class);
    }

    @Override
    protected void putOptions(Map<String, Object> o) {
        super.putOptions(o);
        o.put("annotators", "union");
    }

    @Override
    FloatImage image(EdgeAnnotations target) {
        return union(target.boundaries());
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
}
