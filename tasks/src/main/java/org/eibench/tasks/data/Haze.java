package org.eibench.tasks.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.config.OptionSpec;
import org.eibench.metrics.config.Options;
import org.eibench.tasks.spi.AbstractComponent;
import org.eibench.tasks.spi.DegradationProvider;

/**
 * Haze by the atmospheric scattering model, as RESIDE/SOTS was synthesised from depth: I = J t + A (1 - t),
 * t = exp(-beta d), with J the clean image in [0, 1], d the metric depth in metres and A the airlight. Pixels
 * without depth (0) take the largest valid depth of the frame (they are usually far or unmeasured). Rounded to
 * 8 bits, as SOTS images are stored.
 */
public record Haze(double beta, double airlight) implements Degradation {

    @Override
    public FloatImage apply(FloatImage clean, String sampleId) {
        throw new IllegalStateException("haze needs the sample's depth map (layout depth-png with target: rgb, or a manifest 'depth')");
    }

    @Override
    public boolean needsDepth() {
        return true;
    }

    @Override
    public FloatImage apply(FloatImage clean, String sampleId, FloatImage depth) {
        if (depth == null) {
            return apply(clean, sampleId);
        }
        if (depth.width() != clean.width() || depth.height() != clean.height()) {
            throw new IllegalArgumentException("depth " + depth.shape() + " and image " + clean.shape() + " differ in size");
        }
        float maxD = 0;
        for (float v : depth.data()) {
            maxD = Math.max(maxD, v);
        }
        int c = clean.channels();
        float[] in = clean.data();
        float[] out = new float[in.length];
        for (int p = 0; p < clean.pixels(); p++) {
            float d = depth.data()[p] > 0 ? depth.data()[p] : maxD;
            double t = Math.exp(-beta * d);
            for (int ch = 0; ch < c; ch++) {
                out[p * c + ch] = (float) (255 * (in[p * c + ch] / 255.0 * t + airlight * (1 - t)));
            }
        }
        return DegradationMath.round8(out, clean);
    }

    @Override
    public Map<String, Object> options() {
        return Map.of("type", "haze", "beta", beta, "airlight", airlight);
    }

    /** Registered in META-INF/services/org.eibench.tasks.spi.DegradationProvider. */
    public static final class Provider extends AbstractComponent implements DegradationProvider {
        static final OptionSpec BETA = OptionSpec.number("beta", 1.0, "scattering coefficient, 1/m");
        static final OptionSpec AIRLIGHT = OptionSpec.number("airlight", 0.8, "in (0, 1]");

        public Provider() {
            super("haze", Set.of(), BETA, AIRLIGHT);
        }

        @Override
        public Degradation create(Options o, Function<String, Path> files) {
            double beta = o.positive(BETA);
            double a = o.number(AIRLIGHT);
            if (!(a > 0 && a <= 1)) {
                o.fail("airlight", "must be in (0, 1]");
            }
            return new Haze(beta, a);
        }
    }
}
