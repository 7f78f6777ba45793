package org.eibench.tasks.data;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.eibench.metrics.FloatImage;
import org.eibench.tasks.spec.Options;

/**
 * A seeded synthetic degradation that makes a task's input from its clean target. The random stream of a sample
 * depends only on the task seed and the sample id, never on order, sharding or threads.
 */
public sealed interface Degradation permits Degradation.GaussianNoise {

    FloatImage apply(FloatImage clean, String sampleId);

    Map<String, Object> options();

    /**
     * Additive white Gaussian noise of standard deviation {@code sigma} on the 0..255 scale. As in DnCNN's test code
     * (Demo_test_DnCNN.m: {@code y = x + sigma/255*randn(size(x))}, no clipping) the noisy input stays floating point
     * and unclipped unless {@code clip} is set. Normal deviates come from Box-Muller over SplittableRandom, our own
     * fixed algorithm, so values do not change with the JDK.
     */
    record GaussianNoise(double sigma, long seed, boolean clip) implements Degradation {

        @Override
        public FloatImage apply(FloatImage clean, String sampleId) {
            SplittableRandom r = new SplittableRandom(sampleSeed(seed, sampleId));
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
    }

    /** A 64-bit seed from the task seed and the sample id (FNV-1a over the id, mixed with the seed). */
    static long sampleSeed(long seed, String sampleId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : sampleId.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h ^ (seed * 0x9E3779B97F4A7C15L);
    }

    List<String> TYPES = List.of("gaussian-noise");

    /** @return the degradation, or null when a problem was recorded */
    static Degradation create(Options o) {
        String type = o.string("type", null);
        if (type == null) {
            return null;
        }
        if (type.equals("gaussian-noise")) {
            double sigma = o.number("sigma", Double.NaN);
            if (!(sigma > 0)) {
                o.fail("sigma", "must be a positive number");
            }
            return new GaussianNoise(sigma, o.integer("seed", 0, 0, Integer.MAX_VALUE), o.bool("clip", false));
        }
        o.fail("type", "unknown degradation '" + type + "'; degradations: " + String.join(", ", TYPES));
        return null;
    }
}
