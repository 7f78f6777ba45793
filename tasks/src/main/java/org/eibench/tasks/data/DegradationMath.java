package org.eibench.tasks.data;

import java.util.SplittableRandom;

import org.eibench.metrics.FloatImage;

/** Deviates and rounding the seeded degradations share; our own fixed algorithms, so values do not change with the JDK. */
final class DegradationMath {

    private DegradationMath() {
    }

    /** A standard normal deviate (Box-Muller over SplittableRandom). */
    static double normal(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    static FloatImage round8(float[] d, FloatImage like) {
        return new FloatImage(like.width(), like.height(), like.channels(), d).quantized8();
    }
}
