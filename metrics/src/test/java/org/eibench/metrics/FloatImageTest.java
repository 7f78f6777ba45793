package org.eibench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FloatImageTest {

    @Test
    void quantized8RoundsHalfAwayFromZeroAndClips() {
        FloatImage im = new FloatImage(6, 1, 1, new float[] {-3.2f, 0.5f, 1.49f, 254.5f, 300f, -0.0f});
        assertThat(im.quantized8().data()).containsExactly(0f, 1f, 1f, 255f, 255f, 0f);
        assertThat(Float.floatToRawIntBits(im.quantized8().data()[5])).isZero();
    }

    @Test
    void alreadyQuantisedImagesAreNotCopied() {
        FloatImage q = new FloatImage(2, 2, 1, new float[] {0f, 17f, 128f, 255f});
        assertThat(q.isQuantized(255f)).isTrue();
        assertThat(q.quantized8()).isSameAs(q);
    }

    @Test
    void anyValueOffTheGridMeansACopy() {
        // -0.0 is on no grid the quantisations produce (they write +0.0), nor are NaN, fractions or values above max.
        for (float bad : new float[] {-0.0f, Float.NaN, 3.5f, 256f, -1f}) {
            FloatImage im = new FloatImage(3, 1, 1, new float[] {4f, bad, 9f});
            assertThat(im.isQuantized(255f)).as("value %s", bad).isFalse();
            assertThat(im.quantized8()).isNotSameAs(im);
        }
        assertThat(new FloatImage(1, 1, 1, new float[] {60000f}).isQuantized(65535f)).isTrue();
    }
}
