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

    private static final int[] VALUES = {0, 1, 127, 128, 254, 255};

    private static byte[] bytes(int[] v) {
        return LabelMapTest.bytes(v);
    }

    private static float[] floats(int[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = v[i];
        }
        return f;
    }

    @Test
    void aByteImageReadsAsItsUnsignedValues() {
        FloatImage b = FloatImage.ofUnsignedBytes(1, 2, 3, bytes(VALUES));
        assertThat(b.data()).containsExactly(floats(VALUES));
        assertThat(b.data()).isSameAs(b.data());                 // widened once
        assertThat(b.get(0, 1, 2)).isEqualTo(255f);
        assertThat(b.get(0, 1, 0)).isEqualTo(128f);
        assertThat(b.unsignedBytes()).hasSize(6);
        assertThat(new FloatImage(1, 2, 3, floats(VALUES)).unsignedBytes()).isNull();
        assertThat(b.toString()).isEqualTo("FloatImage[1x2x3, bytes]");
    }

    @Test
    void equalityAndHashCodeAreByValueAcrossLayouts() {
        FloatImage f = new FloatImage(3, 2, 1, floats(VALUES));
        FloatImage b = FloatImage.ofUnsignedBytes(3, 2, 1, bytes(VALUES));
        assertThat(b).isEqualTo(f);
        assertThat(f).isEqualTo(b);
        assertThat(b.hashCode()).isEqualTo(f.hashCode());
        assertThat(b).isEqualTo(FloatImage.ofUnsignedBytes(3, 2, 1, bytes(VALUES)));
        float[] other = floats(VALUES);
        other[5] = 255.5f;
        assertThat(b).isNotEqualTo(new FloatImage(3, 2, 1, other));
        assertThat(new FloatImage(3, 2, 1, other)).isNotEqualTo(b);
        assertThat(b).isNotEqualTo(FloatImage.ofUnsignedBytes(2, 3, 1, bytes(VALUES)));   // same samples, other shape
        assertThat(b).isNotEqualTo(FloatImage.ofUnsignedBytes(1, 2, 3, bytes(VALUES)));
    }

    @Test
    void aByteImageIsQuantisedAndKeepsItsLayoutWhenSplit() {
        FloatImage b = FloatImage.ofUnsignedBytes(1, 2, 3, bytes(VALUES));
        assertThat(b.isQuantized(255f)).isTrue();
        assertThat(b.quantized8()).isSameAs(b);
        assertThat(b.quantized(65535f)).isSameAs(b);
        // a grid narrower than 0-255 (no quantisation in use has one) is a real clip, through floats
        assertThat(b.quantized(127f).data()).containsExactly(0f, 1f, 127f, 127f, 127f, 127f);
        FloatImage blue = b.channel(2);
        assertThat(blue.unsignedBytes()).isNotNull();
        assertThat(blue).isEqualTo(new FloatImage(1, 2, 1, new float[] {127f, 255f}));
    }

    @Test
    void aByteImageChecksItsShape() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FloatImage.ofUnsignedBytes(2, 2, 3, new byte[11]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data length 11 != 2x2x3");
    }
}
