package org.eibench.tasks.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eibench.imaging.Resize;
import org.eibench.metrics.FloatImage;
import org.eibench.tasks.data.EdgeTargets;

/**
 * A boundary-strength map: gray = mean(RGB) / 255 in [0, 1], resized bilinearly to the ground truth; the BSDS
 * benchmark thresholds and thins it. The oracle draws the mean of the annotators' maps (BSDS's {@code bdry_mean});
 * it scores close to but not exactly 1 (bundled fixture: ODS 0.9999, AP 0.98), as no single map matches every
 * annotator at every threshold.
 */
final class EdgeMapDecoder extends AbstractDecoder {

    EdgeMapDecoder() {
        super("edge-map", FloatImage.class);
    }

    @Override
    public Map<String, Object> options() {
        return Map.of();
    }

    @Override
    public Object decode(FloatImage output, FloatImage input, Object target) {
        FloatImage first = EdgeTargets.maps(target).get(0);
        return Resize.to(Maps.gray01(output, 255), first.width(), first.height(), Resize.Method.BILINEAR);
    }

    @Override
    public FloatImage encode(Object target) {
        List<FloatImage> maps = new ArrayList<>(EdgeTargets.maps(target));
        FloatImage first = maps.get(0);
        float[] d = new float[first.pixels()];
        for (FloatImage m : maps) {
            for (int i = 0; i < d.length; i++) {
                d[i] += m.data()[i] != 0 ? 255f / maps.size() : 0f;
            }
        }
        return new FloatImage(first.width(), first.height(), 1, d);
    }
}
