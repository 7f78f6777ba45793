package org.eibench.tasks.data;

import java.util.List;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.edges.EdgeAnnotations;

/** Builds the edge ground truth the edge metrics take ({@link EdgeAnnotations}) from the annotators' maps. */
public final class EdgeTargets {

    private EdgeTargets() {
    }

    public static Object of(List<FloatImage> maps) {
        return new EdgeAnnotations(maps);
    }

    public static List<FloatImage> maps(Object target) {
        return ((EdgeAnnotations) target).boundaries();
    }
}
