package org.eibench.metrics.distribution;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Stats;

/**
 * The feature and image generator of metrics/src/test/python/distribution_golden.py and generation_golden.py, bit
 * for bit: SplitMix64, uniform = (next >>> 11) * 2^-53, normal = sum of 12 uniforms - 6 (no transcendental
 * functions, so Java and Python agree exactly).
 */
public final class GoldenRandom {

    private long state;

    public GoldenRandom(long seed) {
        state = seed;
    }

    long next() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public double uniform() {
        return (next() >>> 11) * 0x1.0p-53;
    }

    double normal() {
        double s = 0;
        for (int i = 0; i < 12; i++) {
            s += uniform();
        }
        return s - 6.0;
    }

    /** distribution_golden.py features(kind, n, d, seed, scale, shift, rank) as rows. */
    static Stats.Rows features(String kind, int n, int d, long seed, double scale, double shift, int rank) {
        GoldenRandom g = new GoldenRandom(seed);
        double[] x = new double[n * d];
        if (kind.equals("lowrank")) {
            double[][] z = new double[n][rank];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < rank; k++) {
                    z[i][k] = g.normal();
                }
            }
            double[][] w = new double[rank][d];
            for (int k = 0; k < rank; k++) {
                for (int j = 0; j < d; j++) {
                    w[k][j] = g.normal();
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    double s = 0.0;
                    for (int k = 0; k < rank; k++) {
                        s += z[i][k] * w[k][j];
                    }
                    x[i * d + j] = s * scale + shift;
                }
            }
            return new Stats.Rows(d, x);
        }
        for (int i = 0; i < n * d; i++) {
            x[i] = g.normal() * scale + shift;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                int k = i * d + j;
                switch (kind) {
                    case "relu" -> x[k] = x[k] > 0 ? x[k] : 0.0;
                    case "const" -> x[k] = j == 0 ? 0.5 : j == 1 ? 0.0 : x[k];
                    case "dup" -> x[k] = j == d - 1 ? 2.0 * x[i * d] : x[k];
                    default -> { }
                }
            }
        }
        return new Stats.Rows(d, x);
    }

    /** generation_golden.py images(w, h, c, seed, noise): {prediction, target}. */
    public static FloatImage[] images(int w, int h, int c, long seed, int noise) {
        GoldenRandom g = new GoldenRandom(seed);
        int len = w * h * c;
        float[] t = new float[len];
        for (int i = 0; i < len; i++) {
            t[i] = (int) (g.uniform() * 256);
        }
        float[] p = new float[len];
        for (int i = 0; i < len; i++) {
            int d = (int) ((g.uniform() - 0.5) * 2 * noise);
            p[i] = Math.max(0, Math.min(255, t[i] + d));
        }
        return new FloatImage[] {new FloatImage(w, h, c, p), new FloatImage(w, h, c, t)};
    }
}
