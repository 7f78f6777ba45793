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
 * Additive white Gaussian noise of standard deviation {@code sigma} on the 0..255 scale. As in DnCNN's test code
 * (Demo_test_DnCNN.m: {@code y = x + sigma/255*randn(size(x))}, no clipping) the noisy input stays floating point
 * and unclipped unless {@code clip} is set. Normal deviates come from Box-Muller over SplittableRandom, our own
 * fixed algorithm, so values do not change with the JDK.
 */
public record GaussianNoise(double sigma, long seed, boolean clip) implements Degradation {

    @Override
    public FloatImage apply(FloatImage clean, String sampleId) {
        SplittableRandom r = new SplittableRandom(SampleSeeds.forSample(seed, sampleId));
        float[] in = clean.data();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i += 2) {
            double u1 = 1.0 - r.nextDouble(); // (0, 1]
            double u2 = r.nextDouble();
            double radius = Math.sqrt(-2.0 * Math.log(u1));
            out[i] = noisy(in[i], sigma * radius * Math.cos(2 * Math.PI * u2));
            if (i + 1 < in.length) {
                out[i + 1] = noisy(in[i + 1], sigma * radius * Math.sin(2 * Math.PI * u2));
            }
        }
        return new FloatImage(clean.width(), clean.height(), clean.channels(), out);
    }

    private float noisy(float v, double n) {
        double x = v + n;
        return (float) (clip ? Math.min(255, Math.max(0, x)) : x);
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "gaussian-noise");
        m.put("sigma", sigma);
        m.put("seed", seed);
        m.put("clip", clip);
        return m;
    }

    /** Registered in META-INF/services/org.eibench.tasks.spi.DegradationProvider. */
    public static final class Provider extends AbstractComponent implements DegradationProvider {
        static final OptionSpec SIGMA = OptionSpec.number("sigma", null, "standard deviation on the 0..255 scale (required)");
        static final OptionSpec CLIP = OptionSpec.bool("clip", false, "clip to 0..255");

        public Provider() {
            super("gaussian-noise", Set.of(), SIGMA, Degradations.SEED, CLIP);
        }

        @Override
        public Degradation create(Options o, Function<String, Path> files) {
            long seed = o.integer(Degradations.SEED);
            return new GaussianNoise(o.positive(SIGMA), seed, o.bool(CLIP));
        }
    }
}
