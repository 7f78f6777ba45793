package org.eibench.metrics;

import java.util.Arrays;

/** A per-pixel class-index map (row-major). Values outside a metric's class range count as wrong predictions. */
public record LabelMap(int width, int height, int[] labels) {

    public LabelMap {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("label map dimensions must be positive: " + width + "x" + height);
        }
        if (labels.length != (long) width * height) {
            throw new IllegalArgumentException("labels length " + labels.length + " != " + width + "x" + height);
        }
    }

    public int get(int x, int y) {
        return labels[y * width + x];
    }

    public boolean sameShape(LabelMap other) {
        return width == other.width && height == other.height;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMap l && sameShape(l) && Arrays.equals(labels, l.labels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "LabelMap[" + width + "x" + height + "]";
    }
}
