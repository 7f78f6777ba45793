package org.eibench.metrics.depth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LogCacheTest {

    private static void assertMaths(LogCache c, double x) {
        assertMaths(c, x, c.slot(x));
        LogCache aligned = LogCache.aligned();
        assertMaths(aligned, x, aligned.hashedSlot(x));
    }

    private static void assertMaths(LogCache c, double x, int s) {
        assertThat(Double.doubleToRawLongBits(c.table[s + 1])).as("ln %s", x).isEqualTo(Double.doubleToRawLongBits(Math.log(x)));
        assertThat(Double.doubleToRawLongBits(c.table[s + 2])).as("log10 %s", x)
                .isEqualTo(Double.doubleToRawLongBits(Math.log10(x)));
    }

    /** The remembered logarithms are Math's, bit for bit, whether a value is new, repeated or evicted. */
    @Test
    void lookupsAreMathsLogarithmsBitForBit() {
        LogCache c = LogCache.get();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            // millimetre depths (repeats, as in PNGs) mixed with arbitrary doubles (an aligned prediction)
            double x = r.nextBoolean() ? (float) r.nextInt(1, 10_001) / 1000f : r.nextDouble(1e-3, 10);
            assertMaths(c, x);
        }
    }

    /** Arguments sharing a slot (same 1/1024 step, or a whole table apart) and arguments outside 0..16 evict each other exactly. */
    @Test
    void collidingAndUnusualArgumentsAreExact() {
        LogCache c = LogCache.get();
        double[] xs = {1.0, Math.nextUp(1.0), 1.0 + 0.5 / 1024, 17.0, 1.0, 33.0, 1e-300, Double.MIN_VALUE, 0.0, -0.0, 0.0,
                1e300, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN, -1.0, 2.5, 2.5f, 2.5, Float.MIN_VALUE};
        for (int k = 0; k < 3; k++) {
            for (double x : xs) {
                assertMaths(c, x);
            }
        }
    }
}
