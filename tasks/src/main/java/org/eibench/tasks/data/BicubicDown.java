package org.eibench.tasks.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.config.OptionSpec;
import org.eibench.metrics.config.Options;
import org.eibench.imaging.MatlabResize;
import org.eibench.tasks.spi.AbstractComponent;
import org.eibench.tasks.spi.DegradationProvider;

/**
 * Downscaling by an integer factor as MATLAB's {@code imresize(x, 1/scale, 'bicubic')} does it (with its default
 * antialiasing: the cubic kernel, a = -0.5, is stretched by the scale; symmetric boundary), on 8-bit images as
 * imresize on uint8 does it: rows first, rounded to uint8 after each pass. This is how the SR benchmarks' LR images were made (and how Set5's LR_bicubic
 * files here were made).
 */
public record BicubicDown(int scale) implements Degradation {

    @Override
    public FloatImage apply(FloatImage clean, String sampleId) {
        return MatlabResize.downscale8(clean, scale);
    }

    @Override
    public Map<String, Object> options() {
        return Map.of("type", "bicubic-down", "scale", scale, "method", "matlab-imresize-antialias");
    }

    /** Registered in META-INF/services/org.eibench.tasks.spi.DegradationProvider. */
    public static final class Provider extends AbstractComponent implements DegradationProvider {
        static final OptionSpec SCALE = OptionSpec.integer("scale", 4, 2, 8, "the downscaling factor");

        public Provider() {
            super("bicubic-down", Set.of(), SCALE);
        }

        @Override
        public Degradation create(Options o, Function<String, Path> files) {
            return new BicubicDown(o.integer(SCALE));
        }
    }
}
