package org.eibench.tasks.decode;

import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.LabelMap;

/**
 * Nearest palette colour per pixel (squared L2 in RGB; ties go to the lower class id) gives the class id; the label
 * map is resized with nearest neighbour to the target's size. Encoding paints each class in its colour; the ignore
 * label is painted black-ish outside the palette so it decodes to the nearest class, which the metric ignores anyway.
 */
final class PaletteDecoder implements Decoder {

    private final Palette palette;
    private final boolean l1;

    PaletteDecoder(Palette palette) {
        this(palette, false);
    }

    /** @param l1 nearest colour by L1 distance (Painter's ADE20K evaluation default, {@code dist_type: abs}) */
    PaletteDecoder(Palette palette, boolean l1) {
        this.palette = palette;
        this.l1 = l1;
    }

    @Override
    public String type() {
        return "palette";
    }

    @Override
    public Map<String, Object> options() {
        return Map.of("palette", palette.name(), "distance", l1 ? "l1" : "l2");
    }

    @Override
    public Class<?> predictionType() {
        return LabelMap.class;
    }

    @Override
    public Object decode(FloatImage output, FloatImage input, Object target) {
        if (output.channels() != 3) {
            throw new IllegalArgumentException("palette decoding needs an RGB output, got " + output.shape());
        }
        LabelMap t = (LabelMap) target;
        int n = palette.colors().size();
        int[] pr = new int[n];
        int[] pg = new int[n];
        int[] pb = new int[n];
        for (int i = 0; i < n; i++) {
            pr[i] = palette.colors().get(i)[0];
            pg[i] = palette.colors().get(i)[1];
            pb[i] = palette.colors().get(i)[2];
        }
        float[] d = output.data();
        int[] labels = new int[output.pixels()];
        // Outputs are quantised to 8 bits before decoding, so few distinct colours occur (an oracle output: exactly
        // the palette's): the nearest colour of each distinct integer RGB is searched once and remembered in a small
        // open-addressing table (packed RGB -> class). Non-integer or out-of-range values are searched every time.
        ColorCache cache = new ColorCache();
        for (int p = 0; p < labels.length; p++) {
            float r = d[3 * p];
            float g = d[3 * p + 1];
            float b = d[3 * p + 2];
            int ir = (int) r;
            int ig = (int) g;
            int ib = (int) b;
            if (ir == r && ig == g && ib == b && ((ir | ig | ib) & ~0xFF) == 0) {
                int key = (ir << 16) | (ig << 8) | ib;
                int cls = cache.get(key);
                if (cls < 0) {
                    cls = nearest(r, g, b, pr, pg, pb);
                    cache.put(key, cls);
                }
                labels[p] = cls;
            } else {
                labels[p] = nearest(r, g, b, pr, pg, pb);
            }
        }
        return Labels.resizeNearest(new LabelMap(output.width(), output.height(), labels), t.width(), t.height());
    }

    /** Nearest palette colour (ties: the lower class id). */
    private int nearest(float r, float g, float b, int[] pr, int[] pg, int[] pb) {
        int best = 0;
        float bestD = Float.MAX_VALUE;
        for (int c = 0; c < pr.length; c++) {
            float dr = r - pr[c];
            float dg = g - pg[c];
            float db = b - pb[c];
            float dist = l1 ? Math.abs(dr) + Math.abs(dg) + Math.abs(db) : dr * dr + dg * dg + db * db;
            if (dist < bestD) {
                bestD = dist;
                best = c;
            }
        }
        return best;
    }

    /** Packed 24-bit RGB -> class, open addressing with linear probing; grows at half load. Per call, one thread. */
    static final class ColorCache {
        private int[] keys = new int[256];
        private int[] values = new int[256];
        private int size;

        ColorCache() {
            java.util.Arrays.fill(keys, -1);
        }

        int get(int key) {
            int mask = keys.length - 1;
            for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
                int k = keys[i];
                if (k == key) {
                    return values[i];
                }
                if (k == -1) {
                    return -1;
                }
            }
        }

        void put(int key, int value) {
            if (2 * (size + 1) > keys.length) {
                grow();
            }
            insert(key, value);
        }

        private void insert(int key, int value) {
            int mask = keys.length - 1;
            int i = hash(key) & mask;
            while (keys[i] != -1 && keys[i] != key) {
                i = (i + 1) & mask;
            }
            if (keys[i] == -1) {
                size++;
            }
            keys[i] = key;
            values[i] = value;
        }

        private void grow() {
            int[] ok = keys;
            int[] ov = values;
            keys = new int[ok.length * 2];
            values = new int[ok.length * 2];
            java.util.Arrays.fill(keys, -1);
            size = 0;
            for (int i = 0; i < ok.length; i++) {
                if (ok[i] != -1) {
                    insert(ok[i], ov[i]);
                }
            }
        }

        private static int hash(int key) {
            int h = key * 0x9E3779B1;
            return h ^ (h >>> 15);
        }
    }

    @Override
    public FloatImage encode(Object target) {
        LabelMap t = (LabelMap) target;
        float[] d = new float[t.labels().length * 3];
        for (int p = 0; p < t.labels().length; p++) {
            int l = t.labels()[p];
            if (l >= 0 && l < palette.colors().size()) {
                int[] c = palette.colors().get(l);
                d[3 * p] = c[0];
                d[3 * p + 1] = c[1];
                d[3 * p + 2] = c[2];
            }
        }
        return new FloatImage(t.width(), t.height(), 3, d);
    }
}
