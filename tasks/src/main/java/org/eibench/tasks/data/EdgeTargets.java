package org.eibench.tasks.data;

import java.util.List;

import org.eibench.metrics.FloatImage;

/** Builds the edge ground-truth object the edge metrics take from the annotators' maps. */
public final class EdgeTargets {

    private EdgeTargets() {
    }

    public static Object of(List<FloatImage> maps) {
        return List.copyOf(maps);
    }

    @SuppressWarnings("unchecked")
    public static List<FloatImage> maps(Object target) {
        return (List<FloatImage>) target;
    }
}
