package org.eibench.metrics;

import java.util.Arrays;

/**
 * A per-pixel class-index map (row-major). Values outside a metric's class range count as wrong predictions.
 *
 * <p>Two layouts, one value: ints (any label), or unsigned bytes for maps read from 8-bit files (labels 0-255,
 * {@link #ofUnsignedBytes}), a quarter of the memory. On this project's machines every fresh page a run touches costs
 * a fault (docs/performance.md), and a 512 x 512 map is 1 MB as ints; kernels that can read bytes take
 * {@link #unsignedBytes()}, everything else reads {@link #labels()}. Equality and hash codes are by value, whatever
 * the layout.
 */
public final class LabelMap {

    private final int width;
    private final int height;
    /** Exactly one of the two is set. */
    private final int[] ints;
    private final byte[] bytes;
    /** A byte map's values as ints, made on the first {@link #labels()} call. */
    private volatile int[] widened;

    public LabelMap(int width, int height, int[] labels) {
        this(width, height, labels, null);
    }

    private LabelMap(int width, int height, int[] ints, byte[] bytes) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("label map dimensions must be positive: " + width + "x" + height);
        }
        int length = ints != null ? ints.length : bytes.length;
        if (length != (long) width * height) {
            throw new IllegalArgumentException("labels length " + length + " != " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.ints = ints;
        this.bytes = bytes;
    }

    /** A map of labels 0-255, one unsigned byte each (as an 8-bit PNG stores them); the array is not copied. */
    public static LabelMap ofUnsignedBytes(int width, int height, byte[] labels) {
        return new LabelMap(width, height, null, java.util.Objects.requireNonNull(labels, "labels"));
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /**
     * The labels as ints: an int map's own array, or a byte map's values widened once and kept. Read-only by
     * convention: writes to it do not reach a byte map.
     */
    public int[] labels() {
        if (ints != null) {
            return ints;
        }
        int[] w = widened;
        if (w == null) {
            w = new int[bytes.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = bytes[i] & 0xff;
            }
            widened = w;
        }
        return w;
    }

    /** A byte map's own array (unsigned values), or null for an int map. */
    public byte[] unsignedBytes() {
        return bytes;
    }

    public int pixels() {
        return width * height;
    }

    /** The label of pixel {@code i} (row-major). */
    public int label(int i) {
        return ints != null ? ints[i] : bytes[i] & 0xff;
    }

    public int get(int x, int y) {
        return label(y * width + x);
    }

    public boolean sameShape(LabelMap other) {
        return width == other.width && height == other.height;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LabelMap l) || !sameShape(l)) {
            return false;
        }
        if (ints != null && l.ints != null) {
            return Arrays.equals(ints, l.ints);
        }
        if (bytes != null && l.bytes != null) {
            return Arrays.equals(bytes, l.bytes);
        }
        for (int i = 0, n = pixels(); i < n; i++) {
            if (label(i) != l.label(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code Arrays.hashCode} of the int values, mixed with the size, for either layout. */
    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0, n = pixels(); i < n; i++) {
            h = 31 * h + label(i);
        }
        return 31 * (31 * width + height) + h;
    }

    @Override
    public String toString() {
        return "LabelMap[" + width + "x" + height + (bytes != null ? ", bytes" : "") + "]";
    }
}
