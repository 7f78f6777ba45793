package org.eibench.tasks.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.config.OptionSpec;
import org.eibench.metrics.config.Options;
import org.eibench.tasks.spi.AbstractComponent;
import org.eibench.tasks.spi.DegradationProvider;

/**
 * Rain streaks, after the usual Photoshop recipe that Rain100L-style data follow (Yang et al. 2017; Fu et al.
 * 2017): sparse random drops (a fraction {@code density} of pixels, seeded per sample) are smeared by a line
 * kernel of {@code length} pixels at {@code angle} degrees (motion blur), scaled so a streak peaks near
 * {@code intensity}, and screen-blended over the image: I = 1 - (1 - J)(1 - R). Our own algorithm; it makes light,
 * directional streaks, not a replica of any dataset. Rounded to 8 bits.
 */
public record Rain(double density, int length, double angle, double intensity, long seed) implements Degradation {

    @Override
    public FloatImage apply(FloatImage clean, String sampleId) {
        int w = clean.width(), h = clean.height(), c = clean.channels();
        SplittableRandom r = new SplittableRandom(SampleSeeds.forSample(seed, sampleId));
        float[] drops = new float[w * h];
        for (int i = 0; i < drops.length; i++) {
            if (r.nextDouble() < density) {
                drops[i] = (float) (0.5 + 0.5 * r.nextDouble());
            }
        }
        double a = Math.toRadians(angle);
        double dx = Math.cos(a), dy = Math.sin(a);
        float[] rain = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = drops[y * w + x];
                if (v == 0) {
                    continue;
                }
                for (int s = 0; s < length; s++) {
                    int px = (int) Math.round(x + (s - length / 2.0) * dx);
                    int py = (int) Math.round(y + (s - length / 2.0) * dy);
                    if (px >= 0 && px < w && py >= 0 && py < h) {
                        rain[py * w + px] = Math.max(rain[py * w + px], (float) (v * intensity));
                    }
                }
            }
        }
        float[] in = clean.data();
        float[] out = new float[in.length];
        for (int p = 0; p < w * h; p++) {
            for (int ch = 0; ch < c; ch++) {
                double j = in[p * c + ch] / 255.0;
                out[p * c + ch] = (float) (255 * (1 - (1 - j) * (1 - rain[p])));
            }
        }
        return DegradationMath.round8(out, clean);
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "rain");
        m.put("density", density);
        m.put("length", length);
        m.put("angle", angle);
        m.put("intensity", intensity);
        m.put("seed", seed);
        return m;
    }

    /** Registered in META-INF/services/org.eibench.tasks.spi.DegradationProvider. */
    public static final class Provider extends AbstractComponent implements DegradationProvider {
        static final OptionSpec DENSITY = OptionSpec.number("density", 0.004, "fraction of pixels that start a drop");
        static final OptionSpec LENGTH = OptionSpec.integer("length", 20, 3, 200, "streak length in pixels");
        static final OptionSpec ANGLE = OptionSpec.number("angle", 80.0, "streak angle in degrees");
        static final OptionSpec INTENSITY = OptionSpec.number("intensity", 0.6, "streak peak on [0, 1]");

        public Provider() {
            super("rain", Set.of(), DENSITY, LENGTH, ANGLE, INTENSITY, Degradations.SEED);
        }

        @Override
        public Degradation create(Options o, Function<String, Path> files) {
            long seed = o.integer(Degradations.SEED);
            return new Rain(o.positive(DENSITY), o.integer(LENGTH), o.number(ANGLE),
                    o.positive(INTENSITY), seed);
        }
    }
}
