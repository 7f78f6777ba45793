package org.eibench.tasks.decode;

import java.util.Map;

import org.eibench.imaging.Resize;
import org.eibench.metrics.FloatImage;

/**
 * The output already is depth: a 16-bit one-channel PNG whose values times {@code scale} are metres (0.001 for
 * millimetres), as depth specialists and {@code eibench score} predictions store it; resized bilinearly to the
 * ground truth. The oracle is exact when the ground truth itself is in units of {@code scale}.
 */
final class DepthPngDecoder extends AbstractDecoder {

    private final double scale;

    DepthPngDecoder(double scale) {
        super("depth-png", FloatImage.class, 16);
        this.scale = scale;
    }

    @Override
    public Map<String, Object> options() {
        return Map.of("scale", scale);
    }

    @Override
    public Object decode(FloatImage output, FloatImage input, Object target) {
        FloatImage t = (FloatImage) target;
        FloatImage one = output.channels() == 1 ? output : output.channel(0);
        float[] d = new float[one.pixels()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (one.data()[i] * scale);
        }
        return Resize.to(new FloatImage(one.width(), one.height(), 1, d), t.width(), t.height(), Resize.Method.BILINEAR);
    }

    @Override
    public FloatImage encode(Object target) {
        FloatImage t = (FloatImage) target;
        float[] d = new float[t.pixels()];
        for (int i = 0; i < d.length; i++) {
            d[i] = Maps.clamp(Math.rint(t.data()[i] / scale), 65535);
        }
        return new FloatImage(t.width(), t.height(), 1, d);
    }
}
