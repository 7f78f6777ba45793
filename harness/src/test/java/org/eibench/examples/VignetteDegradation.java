package org.eibench.examples;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.config.OptionSpec;
import org.eibench.metrics.config.Options;
import org.eibench.tasks.data.Degradation;
import org.eibench.tasks.spi.AbstractComponent;
import org.eibench.tasks.spi.DegradationProvider;

/** {@code data: {degrade: {type: vignette, strength: 0.5}}}: darker towards the corners; no randomness. */
public record VignetteDegradation(double strength) implements Degradation {

    @Override
    public FloatImage apply(FloatImage clean, String sampleId) {
        int w = clean.width(), h = clean.height(), c = clean.channels();
        float[] out = clean.data().clone();
        for (int i = 0; i < out.length; i++) {
            int p = i / c;
            double dx = (p % w - w / 2.0) / w, dy = (p / w - h / 2.0) / h;
            out[i] *= (float) (1 - strength * 2 * (dx * dx + dy * dy));
        }
        return new FloatImage(w, h, c, out);
    }

    @Override
    public Map<String, Object> options() {
        return Map.of("type", "vignette", "strength", strength);
    }

    /** Registered in META-INF/services/org.eibench.tasks.spi.DegradationProvider. */
    public static final class Provider extends AbstractComponent implements DegradationProvider {
        static final OptionSpec STRENGTH = OptionSpec.number("strength", 0.5, "darkening at the corners, 0..1");

        public Provider() {
            super("vignette", Set.of(), STRENGTH);
        }

        @Override
        public Degradation create(Options options, Function<String, Path> files) {
            return new VignetteDegradation(options.number(STRENGTH));
        }
    }
}
