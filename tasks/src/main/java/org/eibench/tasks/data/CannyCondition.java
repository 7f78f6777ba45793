package org.eibench.tasks.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.config.OptionSpec;
import org.eibench.metrics.config.Options;
import org.eibench.imaging.CannyEdges;
import org.eibench.tasks.spi.AbstractComponent;
import org.eibench.tasks.spi.DegradationProvider;

/**
 * The Canny-to-image input: OpenCV Canny of the original image with ControlNet++'s thresholds (low 100, high 200,
 * {@code eval/eval.py} lines 182-187; see {@link CannyEdges}), white edges on black, given to the model as an RGB image
 * (ControlNet++ converts its condition to RGB, line 189) or as one channel for a gray original.
 */
public record CannyCondition(double low, double high) implements Degradation {

    /** The one-channel edge map (0 or 255) of an image. */
    public FloatImage edges(FloatImage image) {
        return CannyEdges.of(image, low, high);
    }

    @Override
    public FloatImage apply(FloatImage clean, String sampleId) {
        FloatImage e = edges(clean);
        if (clean.channels() == 1) {
            return e;
        }
        float[] rgb = new float[e.pixels() * 3];
        for (int i = 0; i < e.pixels(); i++) {
            rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = e.data()[i];
        }
        return new FloatImage(e.width(), e.height(), 3, rgb);
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "canny");
        m.put("low", low);
        m.put("high", high);
        m.put("implementation", "opencv-canny-bgr-aperture3-l1");
        return m;
    }

    /** Registered in META-INF/services/org.eibench.tasks.spi.DegradationProvider. */
    public static final class Provider extends AbstractComponent implements DegradationProvider {
        static final OptionSpec LOW = OptionSpec.number("low", 100.0, "Canny's lower threshold");
        static final OptionSpec HIGH = OptionSpec.number("high", 200.0, "Canny's upper threshold");

        public Provider() {
            super("canny", Set.of(), LOW, HIGH);
        }

        @Override
        public Degradation create(Options o, Function<String, Path> files) {
            double low = o.number(LOW);
            double high = o.number(HIGH);
            if (!(low >= 0 && low <= high)) {
                o.fail("low", "must be between 0 and high (" + high + ")");
            }
            return new CannyCondition(low, high);
        }
    }
}
