package org.eibench.tasks.spec;

import java.util.Locale;

/** The closed set of task kinds; the kind fixes what a prediction and a ground truth are. */
public enum TaskKind {
    RESTORATION, SEGMENTATION, DEPTH, NORMALS, EDGES, MASK, GENERATION;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskKind parse(String s) {
        for (TaskKind v : values()) {
            if (v.key().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("must be one of restoration, segmentation, depth, normals, edges, mask, generation");
    }
}
