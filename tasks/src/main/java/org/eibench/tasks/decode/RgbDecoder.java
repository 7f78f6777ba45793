package org.eibench.tasks.decode;

import java.util.Map;

import org.eibench.imaging.Resize;
import org.eibench.metrics.FloatImage;
import org.eibench.metrics.GenerationTarget;

/**
 * The output image is the prediction; resized bicubically to the target's size when it differs, and matched to the
 * target's channel count (gray target: the output's first channel must equal the others or BT.601 luma is taken).
 */
final class RgbDecoder extends AbstractDecoder {

    RgbDecoder() {
        super("rgb", FloatImage.class);
    }

    @Override
    public Map<String, Object> options() {
        return Map.of();
    }

    @Override
    public Object decode(FloatImage output, FloatImage input, Object target) {
        FloatImage t = image(target);
        FloatImage out = Resize.to(output, t.width(), t.height(), Resize.Method.BICUBIC);
        if (out.channels() == t.channels()) {
            // Not resized: the output is already quantised to 8 bits (decode's contract), no need to check it again.
            return out == output ? out : out.quantized8();
        }
        if (t.channels() == 1 && out.channels() == 3) {
            return gray(out).quantized8();
        }
        if (t.channels() == 3 && out.channels() == 1) {
            float[] d = new float[out.pixels() * 3];
            for (int i = 0; i < out.pixels(); i++) {
                d[3 * i] = d[3 * i + 1] = d[3 * i + 2] = out.data()[i];
            }
            return new FloatImage(out.width(), out.height(), 3, d).quantized8();
        }
        throw new IllegalArgumentException("output has " + out.channels() + " channels, target " + t.channels());
    }

    /** ITU-R BT.601 luma weights, as OpenCV's RGB2GRAY. */
    private static FloatImage gray(FloatImage rgb) {
        float[] s = rgb.data();
        float[] d = new float[rgb.pixels()];
        for (int i = 0; i < d.length; i++) {
            d[i] = 0.299f * s[3 * i] + 0.587f * s[3 * i + 1] + 0.114f * s[3 * i + 2];
        }
        return new FloatImage(rgb.width(), rgb.height(), 1, d);
    }

    @Override
    public FloatImage encode(Object target) {
        return image(target);
    }

    /** The image of a restoration target, or of a generation target (original image plus mask). */
    private static FloatImage image(Object target) {
        return target instanceof GenerationTarget g ? g.image() : (FloatImage) target;
    }
}
