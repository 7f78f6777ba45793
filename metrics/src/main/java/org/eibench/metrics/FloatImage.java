package org.eibench.metrics;

import java.util.Arrays;

/**
 * A dense image of {@code channels} interleaved float samples per pixel (HWC, row-major), in the image's own value
 * scale: 0..255 for 8-bit images, metres for depth, unit vectors for normals, [0, 1] for probability maps. Values are
 * not clipped: a synthetic noisy input may lie outside the 8-bit range, as in DnCNN's test protocol.
 */
public record FloatImage(int width, int height, int channels, float[] data) {

    public FloatImage {
        if (width <= 0 || height <= 0 || channels <= 0) {
            throw new IllegalArgumentException("image dimensions must be positive: " + width + "x" + height + "x" + channels);
        }
        if (data.length != (long) width * height * channels) {
            throw new IllegalArgumentException("data length " + data.length + " != " + width + "x" + height + "x" + channels);
        }
    }

    public static FloatImage zeros(int width, int height, int channels) {
        return new FloatImage(width, height, channels, new float[width * height * channels]);
    }

    public float get(int x, int y, int c) {
        return data[(y * width + x) * channels + c];
    }

    public int pixels() {
        return width * height;
    }

    public boolean sameShape(FloatImage other) {
        return width == other.width && height == other.height && channels == other.channels;
    }

    /** One channel as a new single-channel image. */
    public FloatImage channel(int c) {
        if (c < 0 || c >= channels) {
            throw new IndexOutOfBoundsException("channel " + c + " of " + channels);
        }
        float[] out = new float[width * height];
        for (int i = 0, j = c; i < out.length; i++, j += channels) {
            out[i] = data[j];
        }
        return new FloatImage(width, height, 1, out);
    }

    /** Values rounded half away from zero and clipped to [0, 255], as when a float result is saved as 8-bit PNG. */
    public FloatImage quantized8() {
        return quantized(255f);
    }

    /**
     * Values rounded half away from zero and clipped to [0, {@code max}]: {@code quantized8} for 8-bit images, 65535
     * for 16-bit ones.
     */
    public FloatImage quantized(float max) {
        // Already quantised (an output decoded from a PNG, the oracle's): no copy. Images are used as values, never
        // modified after they are made, so sharing the array is safe.
        if (isQuantized(max)) {
            return this;
        }
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            float v = data[i];
            out[i] = v <= 0f ? 0f : v >= max ? max : (float) Math.floor(v + 0.5f);
        }
        return new FloatImage(width, height, channels, out);
    }

    /** Every value an integer in [0, max] (as the quantisations leave them); stops at the first that is not. */
    boolean isQuantized(float max) {
        for (float v : data) {
            // The sign bit test also rejects -0.0, which the quantisations turn into 0.0.
            if (!(Float.floatToRawIntBits(v) >= 0 && v <= max && v == (float) Math.floor(v))) {
                return false;
            }
        }
        return true;
    }

    public String shape() {
        return width + "x" + height + "x" + channels;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatImage f && sameShape(f) && Arrays.equals(data, f.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * width + height) + channels) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatImage[" + shape() + "]";
    }
}
