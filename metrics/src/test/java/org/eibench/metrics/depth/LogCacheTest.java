package org.eibench.metrics.depth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LogCacheTest {

    /** The remembered logarithms are Math's, bit for bit, whether a value is new, repeated or evicted. */
    @Test
    void lookupsAreMathsLogarithmsBitForBit() {
        LogCache c = LogCache.get();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            // millimetre depths (repeats, as in PNGs) mixed with arbitrary doubles (an aligned prediction)
            double x = r.nextBoolean() ? (float) r.nextInt(1, 10_001) / 1000f : r.nextDouble(1e-3, 10);
            int s = c.slot(x);
            assertThat(Double.doubleToRawLongBits(c.ln[s])).isEqualTo(Double.doubleToRawLongBits(Math.log(x)));
            assertThat(Double.doubleToRawLongBits(c.log10[s])).isEqualTo(Double.doubleToRawLongBits(Math.log10(x)));
        }
    }
}
