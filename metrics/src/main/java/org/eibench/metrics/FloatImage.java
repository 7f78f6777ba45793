package org.eibench.metrics;

import java.util.Arrays;

/**
 * A dense image of {@code channels} interleaved float samples per pixel (HWC, row-major), in the image's own value
 * scale: 0..255 for 8-bit images, metres for depth, unit vectors for normals, [0, 1] for probability maps. Values are
 * not clipped: a synthetic noisy input may lie outside the 8-bit range, as in DnCNN's test protocol.
 *
 * <p>Two layouts, one value (as {@link LabelMap}): floats, or unsigned bytes for images read from 8-bit files
 * ({@link #ofUnsignedBytes}), a quarter of the memory. A 1 MP RGB image is 12 MB as floats, and on this project's
 * machines every fresh page a run touches costs a fault (docs/performance.md); kernels that can read bytes take
 * {@link #unsignedBytes()}, everything else reads {@link #data()}. Equality and hash codes are by value, whatever the
 * layout. Images are values: nothing writes into an image's arrays after it is made.
 */
public final class FloatImage {

    private final int width;
    private final int height;
    private final int channels;
    /** Exactly one of the two is set. */
    private final float[] floats;
    private final byte[] bytes;
    /** A byte image's samples as floats, made on the first {@link #data()} call. */
    private volatile float[] widened;

    public FloatImage(int width, int height, int channels, float[] data) {
        this(width, height, channels, java.util.Objects.requireNonNull(data, "data"), null);
    }

    private FloatImage(int width, int height, int channels, float[] floats, byte[] bytes) {
        if (width <= 0 || height <= 0 || channels <= 0) {
            throw new IllegalArgumentException("image dimensions must be positive: " + width + "x" + height + "x" + channels);
        }
        int length = floats != null ? floats.length : bytes.length;
        if (length != (long) width * height * channels) {
            throw new IllegalArgumentException("data length " + length + " != " + width + "x" + height + "x" + channels);
        }
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.floats = floats;
        this.bytes = bytes;
    }

    /** An image of samples 0-255, one unsigned byte each (as an 8-bit PNG stores them); the array is not copied. */
    public static FloatImage ofUnsignedBytes(int width, int height, int channels, byte[] samples) {
        return new FloatImage(width, height, channels, null, java.util.Objects.requireNonNull(samples, "samples"));
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int channels() {
        return channels;
    }

    /**
     * The samples as floats: a float image's own array, or a byte image's samples widened once and kept. Read-only by
     * convention (images are values).
     */
    public float[] data() {
        if (floats != null) {
            return floats;
        }
        float[] w = widened;
        if (w == null) {
            w = new float[bytes.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = bytes[i] & 0xff;
            }
            widened = w;
        }
        return w;
    }

    /** A byte image's own array (unsigned samples), or null for a float image. */
    public byte[] unsignedBytes() {
        return bytes;
    }

    /** Sample {@code i} of the interleaved array. */
    private float sample(int i) {
        return floats != null ? floats[i] : bytes[i] & 0xff;
    }

    public static FloatImage zeros(int width, int height, int channels) {
        return new FloatImage(width, height, channels, new float[width * height * channels]);
    }

    public float get(int x, int y, int c) {
        return sample((y * width + x) * channels + c);
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
        if (bytes != null) {
            byte[] out = new byte[width * height];
            for (int i = 0, j = c; i < out.length; i++, j += channels) {
                out[i] = bytes[j];
            }
            return ofUnsignedBytes(width, height, 1, out);
        }
        float[] out = new float[width * height];
        for (int i = 0, j = c; i < out.length; i++, j += channels) {
            out[i] = floats[j];
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
        float[] data = data();
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            float v = data[i];
            out[i] = v <= 0f ? 0f : v >= max ? max : (float) Math.floor(v + 0.5f);
        }
        return new FloatImage(width, height, channels, out);
    }

    /** Every value an integer in [0, max] (as the quantisations leave them); stops at the first that is not. */
    boolean isQuantized(float max) {
        if (bytes != null) {
            return max >= 255f;        // whole numbers 0-255 by construction
        }
        for (float v : floats) {
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

    /** Same shape and samples, compared as {@code Arrays.equals} compares floats, whatever the layouts. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FloatImage f) || !sameShape(f)) {
            return false;
        }
        if (bytes != null && f.bytes != null) {
            return Arrays.equals(bytes, f.bytes);
        }
        if (floats != null && f.floats != null) {
            return Arrays.equals(floats, f.floats);
        }
        for (int i = 0, n = length(); i < n; i++) {
            if (Float.floatToIntBits(sample(i)) != Float.floatToIntBits(f.sample(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code Arrays.hashCode} of the float samples, mixed with the shape, for either layout. */
    @Override
    public int hashCode() {
        int h = 1;
        if (floats != null) {
            h = Arrays.hashCode(floats);
        } else {
            for (byte b : bytes) {
                h = 31 * h + Float.floatToIntBits(b & 0xff);
            }
        }
        return 31 * (31 * (31 * width + height) + channels) + h;
    }

    private int length() {
        return floats != null ? floats.length : bytes.length;
    }

    @Override
    public String toString() {
        return "FloatImage[" + shape() + (bytes != null ? ", bytes" : "") + "]";
    }
}
