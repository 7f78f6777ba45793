package org.eibench.metrics.image;

import java.util.SplittableRandom;

import org.eibench.metrics.FloatImage;

/** Seeded synthetic images for property tests. */
final class TestImages {

    private TestImages() {
    }

    /** A smooth random 8-bit-valued image: a few sinusoids per channel plus noise, rounded and clipped. */
    static FloatImage smooth(SplittableRandom rnd, int w, int h, int c) {
        float[] d = new float[w * h * c];
        for (int ch = 0; ch < c; ch++) {
            double fx = 0.02 + 0.2 * rnd.nextDouble();
            double fy = 0.02 + 0.2 * rnd.nextDouble();
            double ph = rnd.nextDouble() * 6.28;
            double amp = 30 + 60 * rnd.nextDouble();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 128 + amp * Math.sin(fx * x + fy * y + ph) + 8 * rnd.nextGaussian();
                    d[(y * w + x) * c + ch] = (float) Math.max(0, Math.min(255, Math.rint(v)));
                }
            }
        }
        return new FloatImage(w, h, c, d);
    }

    /** {@code im} plus Gaussian noise of the given sigma, rounded and clipped to 0..255. */
    static FloatImage noisy(SplittableRandom rnd, FloatImage im, double sigma) {
        float[] d = im.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) Math.max(0, Math.min(255, Math.rint(d[i] + sigma * rnd.nextGaussian())));
        }
        return new FloatImage(im.width(), im.height(), im.channels(), d);
    }
}
