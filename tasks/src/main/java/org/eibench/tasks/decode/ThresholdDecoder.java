package org.eibench.tasks.decode;

import java.util.Map;

import org.eibench.imaging.Resize;
import org.eibench.metrics.FloatImage;

/**
 * A binary mask from a gray output: gray = mean(RGB), resized bilinearly to the ground truth, foreground where gray
 * >= t * 255; the prediction is 0/255. With {@code soft: true} the gray map itself (0..255) is the prediction, for
 * F-beta curves and MAE over a saliency map. The oracle draws foreground (ground truth > 128) white and the rest
 * (including a 128 void) black, so it scores the metric's best value.
 */
final class ThresholdDecoder extends AbstractDecoder {

    private final double threshold;
    private final boolean soft;

    ThresholdDecoder(double threshold, boolean soft) {
        super("threshold", FloatImage.class);
        this.threshold = threshold;
        this.soft = soft;
    }

    @Override
    public Map<String, Object> options() {
        return Map.of("t", threshold, "soft", soft);
    }

    @Override
    public Object decode(FloatImage output, FloatImage input, Object target) {
        FloatImage t = (FloatImage) target;
        FloatImage g = Resize.to(Maps.gray01(output, 255), t.width(), t.height(), Resize.Method.BILINEAR);
        float[] d = g.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = soft ? Maps.clamp(d[i] * 255, 255) : d[i] >= threshold ? 255f : 0f;
        }
        return g;
    }

    @Override
    public FloatImage encode(Object target) {
        FloatImage t = (FloatImage) target;
        FloatImage one = t.channels() == 1 ? t : t.channel(0);
        float[] d = new float[one.pixels()];
        for (int i = 0; i < d.length; i++) {
            d[i] = one.data()[i] > 128 ? 255f : 0f;
        }
        return new FloatImage(one.width(), one.height(), 1, d);
    }
}
