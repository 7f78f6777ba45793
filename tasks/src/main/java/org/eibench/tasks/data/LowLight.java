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
 * Low light: y = scale x^gamma on [0, 1] (the darkening of the LOL-style synthetic protocols, e.g. Lv et al.
 * 2021), then Poisson-Gaussian sensor noise (Foi et al. 2008): Poisson(peak y) / peak + N(0, read_sigma^2);
 * rounded to 8 bits. Poisson deviates: Knuth's product method below 30, the normal approximation with continuity
 * rounding above (our own fixed algorithm over SplittableRandom).
 */
public record LowLight(double gamma, double scale, double peak, double readSigma, long seed) implements Degradation {

    @Override
    public FloatImage apply(FloatImage clean, String sampleId) {
        SplittableRandom r = new SplittableRandom(SampleSeeds.forSample(seed, sampleId));
        float[] in = clean.data();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            double y = scale * Math.pow(Math.max(0, in[i] / 255.0), gamma);
            double v = poisson(r, peak * y) / peak + readSigma * DegradationMath.normal(r);
            out[i] = (float) (255 * v);
        }
        return DegradationMath.round8(out, clean);
    }

    static double poisson(SplittableRandom r, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda < 30) {
            double l = Math.exp(-lambda);
            int k = 0;
            double p = 1;
            do {
                k++;
                p *= r.nextDouble();
            } while (p > l);
            return k - 1;
        }
        return Math.max(0, Math.rint(lambda + Math.sqrt(lambda) * DegradationMath.normal(r)));
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "low-light");
        m.put("gamma", gamma);
        m.put("scale", scale);
        m.put("peak", peak);
        m.put("read_sigma", readSigma);
        m.put("seed", seed);
        return m;
    }

    /** Registered in META-INF/services/org.eibench.tasks.spi.DegradationProvider. */
    public static final class Provider extends AbstractComponent implements DegradationProvider {
        static final OptionSpec GAMMA = OptionSpec.number("gamma", 2.5, "y = scale x^gamma");
        static final OptionSpec SCALE = OptionSpec.number("scale", 0.5, "y = scale x^gamma");
        static final OptionSpec PEAK = OptionSpec.number("peak", 200.0, "photons at full scale (Poisson noise)");
        static final OptionSpec READ_SIGMA = OptionSpec.number("read_sigma", 0.01, "Gaussian read noise on [0, 1]");

        public Provider() {
            super("low-light", Set.of(), GAMMA, SCALE, PEAK, READ_SIGMA, Degradations.SEED);
        }

        @Override
        public Degradation create(Options o, Function<String, Path> files) {
            long seed = o.integer(Degradations.SEED);
            return new LowLight(o.positive(GAMMA), o.positive(SCALE), o.positive(PEAK),
                    o.number(READ_SIGMA), seed);
        }
    }
}
