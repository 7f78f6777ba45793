package org.eibench.metrics.edges;

import java.util.List;

import org.eibench.metrics.FloatImage;

/**
 * Ground truth of one image for boundary detection: one boundary map per human annotator (BSDS500 has 4 to 9).
 * A pixel is a boundary pixel when its value is non-zero, as in the benchmark, which reads the maps as doubles
 * and tests them for truth; 0/1 and 0/255 maps both work. Every map is single-channel and of the same size.
 */
public record EdgeAnnotations(List<FloatImage> boundaries) {

    public EdgeAnnotations {
        boundaries = List.copyOf(boundaries);
        if (boundaries.isEmpty()) {
            throw new IllegalArgumentException("edge ground truth needs at least one annotator's boundary map");
        }
        FloatImage first = boundaries.get(0);
        for (FloatImage b : boundaries) {
            if (b.channels() != 1) {
                throw new IllegalArgumentException("boundary maps must have one channel, got " + b.shape());
            }
            if (!b.sameShape(first)) {
                throw new IllegalArgumentException("annotators' boundary maps differ in size: " + first.shape() + " and " + b.shape());
            }
        }
    }

    public static EdgeAnnotations of(FloatImage... boundaries) {
        return new EdgeAnnotations(List.of(boundaries));
    }

    public int width() {
        return boundaries.get(0).width();
    }

    public int height() {
        return boundaries.get(0).height();
    }

    /** Annotator k's map as a boolean mask (row-major). */
    boolean[] mask(int k) {
        float[] d = boundaries.get(k).data();
        boolean[] m = new boolean[d.length];
        for (int i = 0; i < d.length; i++) {
            m[i] = d[i] != 0f;
        }
        return m;
    }
}
