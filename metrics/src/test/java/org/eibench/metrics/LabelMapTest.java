package org.eibench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The two layouts of a label map are one value: same labels, same equality and hash code. */
class LabelMapTest {

    private static final int[] VALUES = {0, 1, 127, 128, 254, 255};

    /** The values as unsigned bytes (also FloatImageTest's). */
    static byte[] bytes(int[] v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void aByteMapReadsAsItsUnsignedValues() {
        LabelMap b = LabelMap.ofUnsignedBytes(3, 2, bytes(VALUES));
        assertThat(b.labels()).containsExactly(VALUES);
        assertThat(b.labels()).isSameAs(b.labels());             // widened once
        assertThat(b.label(5)).isEqualTo(255);
        assertThat(b.get(2, 1)).isEqualTo(255);
        assertThat(b.get(0, 1)).isEqualTo(128);
        assertThat(b.unsignedBytes()).hasSize(6);
        assertThat(new LabelMap(3, 2, VALUES.clone()).unsignedBytes()).isNull();
    }

    @Test
    void equalityAndHashCodeAreByValueAcrossLayouts() {
        LabelMap ints = new LabelMap(3, 2, VALUES.clone());
        LabelMap b = LabelMap.ofUnsignedBytes(3, 2, bytes(VALUES));
        assertThat(b).isEqualTo(ints);
        assertThat(ints).isEqualTo(b);
        assertThat(b.hashCode()).isEqualTo(ints.hashCode());
        assertThat(b).isEqualTo(LabelMap.ofUnsignedBytes(3, 2, bytes(VALUES)));
        int[] other = VALUES.clone();
        other[3] = 129;
        assertThat(b).isNotEqualTo(new LabelMap(3, 2, other));
        assertThat(b).isNotEqualTo(LabelMap.ofUnsignedBytes(2, 3, bytes(VALUES)));
        // a label above 255 is never equal to a byte map's
        other = VALUES.clone();
        other[5] = 511;
        assertThat(b).isNotEqualTo(new LabelMap(3, 2, other));
    }

    @Test
    void sizesAreChecked() {
        assertThatThrownBy(() -> LabelMap.ofUnsignedBytes(4, 2, bytes(VALUES))).hasMessageContaining("labels length 6 != 4x2");
        assertThatThrownBy(() -> new LabelMap(0, 2, new int[0])).hasMessageContaining("must be positive");
    }
}
