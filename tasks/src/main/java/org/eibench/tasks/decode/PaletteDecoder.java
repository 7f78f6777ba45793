package org.eibench.tasks.decode;

import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.LabelMap;

/**
 * Nearest palette colour per pixel (squared L2 in RGB, or L1; ties go to the lower class id) gives the class id; the
 * label map is resized with nearest neighbour to the target's size. Encoding paints each class in its colour; the
 * ignore label is painted black-ish outside the palette so it decodes to the nearest class, which the metric ignores
 * anyway.
 *
 * <p>Painter's order ({@code resize: torch-bilinear}): the RGB output is resized first, with torch's bilinear
 * interpolation ({@link TorchBilinear}) to the ground truth's size, and truncated to whole 8-bit levels
 * (eval/ade20k_semantic/painter_inference_segm.py lines 88-93: clip of the output x 255 to [0, 255], interpolate,
 * {@code .int()}, saved as uint8 PNG); the nearest colour is then taken per ground-truth pixel
 * (eval/ade20k_semantic/ADE20kSemSegEvaluatorCustom.py {@code post_process_segm_output}: the summed absolute
 * differences to the 150 colours, {@code argmin}, whose ties go to the first, i.e. lowest, class id).
 */
final class PaletteDecoder extends AbstractDecoder {

    private final Palette palette;
    private final boolean l1;
    private final boolean torchResize;

    PaletteDecoder(Palette palette) {
        this(palette, false, false);
    }

    /**
     * @param l1          nearest colour by L1 distance (Painter's ADE20K evaluation default, {@code dist_type: abs})
     * @param torchResize Painter's order: resize the RGB output (torch bilinear), truncate, then decode
     */
    PaletteDecoder(Palette palette, boolean l1, boolean torchResize) {
        super("palette", LabelMap.class);
        this.palette = palette;
        this.l1 = l1;
        this.torchResize = torchResize;
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("palette", palette.name());
        m.put("distance", l1 ? "l1" : "l2");
        m.put("resize", torchResize ? "torch-bilinear" : "nearest-labels");
        return m;
    }

    @Override
    public Object decode(FloatImage output, FloatImage input, Object target) {
        if (output.channels() != 3) {
            throw new IllegalArgumentException("palette decoding needs an RGB output, got " + output.shape());
        }
        LabelMap t = (LabelMap) target;
        if (torchResize && (output.width() != t.width() || output.height() != t.height())) {
            output = painterResize(output, t.width(), t.height());
        }
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

    /**
     * painter_inference_segm.py: {@code clip(output x 255, 0, 255)} of the output in [0, 1] (here the 8-bit output /
     * 255), torch bilinear to the ground truth's size, {@code .int()} (truncation; the values are non-negative).
     */
    private static FloatImage painterResize(FloatImage output, int w, int h) {
        float[] s = output.data();
        double[] d = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            double v = s[i] / 255.0 * 255.0;
            d[i] = v < 0 ? 0 : v > 255 ? 255 : v;
        }
        double[] r = TorchBilinear.resize(d, output.width(), output.height(), output.channels(), w, h);
        float[] out = new float[r.length];
        for (int i = 0; i < r.length; i++) {
            out[i] = (float) (int) r[i];
        }
        return new FloatImage(w, h, output.channels(), out);
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
        int[] labels = t.labels();
        float[] d = new float[labels.length * 3];
        for (int p = 0; p < labels.length; p++) {
            int l = labels[p];
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
