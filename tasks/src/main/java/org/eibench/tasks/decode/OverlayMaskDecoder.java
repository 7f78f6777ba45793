package org.eibench.tasks.decode;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eibench.imaging.ColorConversions;
import org.eibench.imaging.Resize;
import org.eibench.metrics.FloatImage;

/**
 * UVT's per-category segmentation protocol ("Apply a pink color overlay to bicycles"): the model paints the requested
 * objects in a named CSS colour over the input. A pixel is predicted foreground when its output colour lies within
 * {@code distance} (Euclidean, 0..255 RGB) of the requested colour and differs from the input pixel by more than
 * {@code min_change} (so a pink object that was pink already is not counted as painted). The colour comes from the
 * decoder's {@code color}, or per sample from the metadata key {@code color}. The output is resized bicubically to
 * the input first; the 0/255 mask is then resized with nearest neighbour to the ground truth. The oracle paints the
 * ground-truth foreground (> 128) in the colour over the input.
 */
final class OverlayMaskDecoder extends AbstractDecoder {

    private final String color;
    private final double distance;
    private final double minChange;

    OverlayMaskDecoder(String color, double distance, double minChange) {
        super("overlay-mask", FloatImage.class);
        this.color = color;
        this.distance = distance;
        this.minChange = minChange;
    }

    /** It compares the output with the input pixel by pixel. */
    @Override
    public boolean readsInput() {
        return true;
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("color", color == null ? "(per sample)" : color);
        m.put("distance", distance);
        m.put("min_change", minChange);
        return m;
    }

    private int[] colorFor(Map<String, Object> meta) {
        Object c = meta == null ? null : meta.get("color");
        String name = c != null ? c.toString() : color;
        if (name == null) {
            throw new IllegalArgumentException("overlay-mask: no colour (decoder.color or the sample's meta.color)");
        }
        int[] rgb = CssColors.get(name);
        if (rgb == null) {
            throw new IllegalArgumentException("overlay-mask: unknown colour '" + name + "'");
        }
        return rgb;
    }

    @Override
    public Object decode(FloatImage output, FloatImage input, Object target) {
        return decode(output, input, target, Map.of());
    }

    @Override
    public Object decode(FloatImage output, FloatImage input, Object target, Map<String, Object> meta) {
        FloatImage t = (FloatImage) target;
        int[] c = colorFor(meta);
        if (output.channels() != 3 || input.channels() != 3) {
            throw new IllegalArgumentException("overlay-mask needs RGB input and output, got " + input.shape() + " and " + output.shape());
        }
        FloatImage out = Resize.to(output, input.width(), input.height(), Resize.Method.BICUBIC);
        float[] o = out.data();
        float[] in = input.data();
        float[] m = new float[out.pixels()];
        double d2 = distance * distance;
        double c2 = minChange * minChange;
        for (int p = 0; p < m.length; p++) {
            double dr = o[3 * p] - c[0], dg = o[3 * p + 1] - c[1], db = o[3 * p + 2] - c[2];
            double er = o[3 * p] - in[3 * p], eg = o[3 * p + 1] - in[3 * p + 1], eb = o[3 * p + 2] - in[3 * p + 2];
            m[p] = dr * dr + dg * dg + db * db <= d2 && er * er + eg * eg + eb * eb > c2 ? 255f : 0f;
        }
        return Resize.to(new FloatImage(out.width(), out.height(), 1, m), t.width(), t.height(), Resize.Method.NEAREST);
    }

    @Override
    public FloatImage encode(Object target) {
        throw new UnsupportedOperationException("overlay-mask encodes over the input image");
    }

    @Override
    public FloatImage encode(Object target, FloatImage input, Map<String, Object> meta) {
        FloatImage t = (FloatImage) target;
        int[] c = colorFor(meta);
        FloatImage rgb = input.channels() == 3 ? input : ColorConversions.grayToRgb(input.channel(0));
        FloatImage in = Resize.to(rgb, t.width(), t.height(), Resize.Method.BICUBIC).quantized8();
        float[] d = in.data().clone();
        for (int p = 0; p < t.pixels(); p++) {
            if (t.data()[p * t.channels()] > 128) {
                d[3 * p] = c[0];
                d[3 * p + 1] = c[1];
                d[3 * p + 2] = c[2];
            }
        }
        return new FloatImage(t.width(), t.height(), 3, d);
    }
}
