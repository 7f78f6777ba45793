package org.eibench.tasks.decode;

import java.util.Map;

import org.eibench.imaging.Resize;
import org.eibench.metrics.FloatImage;

/**
 * Normals drawn as RGB: n = 2 rgb / max - 1, resized bilinearly to the ground truth and normalised (DSINE / Painter
 * convention). The oracle encodes rgb = (n + 1) / 2 max; at 8 bits the rounding costs up to about 0.3 degrees per
 * pixel (so the oracle's mean angular error is small but not 0); {@code bit_depth: 16} makes it negligible.
 */
final class NormalsRgbDecoder extends AbstractDecoder {

    NormalsRgbDecoder(int bitDepth) {
        super("normals-rgb", FloatImage.class, bitDepth);
    }

    @Override
    public Map<String, Object> options() {
        return Map.of("bit_depth", bitDepth);
    }

    @Override
    public Object decode(FloatImage output, FloatImage input, Object target) {
        if (output.channels() != 3) {
            throw new IllegalArgumentException("normals-rgb needs an RGB output, got " + output.shape());
        }
        FloatImage t = (FloatImage) target;
        double max = Maps.maxValue(bitDepth);
        float[] s = output.data();
        float[] v = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            v[i] = (float) (2 * s[i] / max - 1);
        }
        FloatImage r = Resize.to(new FloatImage(output.width(), output.height(), 3, v), t.width(), t.height(), Resize.Method.BILINEAR);
        float[] d = r.data();
        for (int p = 0; p < r.pixels(); p++) {
            double n = Math.sqrt(d[3 * p] * d[3 * p] + d[3 * p + 1] * d[3 * p + 1] + d[3 * p + 2] * d[3 * p + 2]);
            if (n > 1e-12) {
                d[3 * p] /= n;
                d[3 * p + 1] /= n;
                d[3 * p + 2] /= n;
            }
        }
        return r;
    }

    @Override
    public FloatImage encode(Object target) {
        FloatImage t = (FloatImage) target;
        double max = Maps.maxValue(bitDepth);
        float[] d = new float[t.data().length];
        for (int i = 0; i < d.length; i++) {
            d[i] = Maps.clamp((t.data()[i] + 1) / 2 * max, max);
        }
        return new FloatImage(t.width(), t.height(), 3, d);
    }
}
