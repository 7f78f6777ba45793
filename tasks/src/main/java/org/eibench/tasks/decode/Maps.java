package org.eibench.tasks.decode;

import org.eibench.metrics.FloatImage;

/** Small pixel helpers for the decoders. */
final class Maps {

    private Maps() {
    }

    /** Mean of the channels divided by {@code max} (255 for 8-bit outputs): a one-channel map in [0, 1]. */
    static FloatImage gray01(FloatImage img, double max) {
        float[] s = img.data();
        int c = img.channels();
        float[] d = new float[img.pixels()];
        for (int p = 0; p < d.length; p++) {
            double sum = 0;
            for (int k = 0; k < c; k++) {
                sum += s[p * c + k];
            }
            d[p] = (float) (sum / c / max);
        }
        return new FloatImage(img.width(), img.height(), 1, d);
    }

    static double maxValue(int bitDepth) {
        return bitDepth == 16 ? 65535.0 : 255.0;
    }

    static float clamp(double v, double max) {
        return (float) Math.max(0, Math.min(max, v));
    }
}
