package org.eibench.tasks.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.eibench.metrics.LabelMap;
import org.eibench.tasks.data.Targets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A label map of bytes is resized and zero-reduced to the same labels as its ints, and stays bytes. */
class LabelsTest {

    private static LabelMap[] bothLayouts(long seed, int w, int h) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] ints = new int[w * h];
        byte[] bytes = new byte[w * h];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = r.nextInt(6) == 0 ? 255 : r.nextInt(256);
            bytes[i] = (byte) ints[i];
        }
        return new LabelMap[] {new LabelMap(w, h, ints), LabelMap.ofUnsignedBytes(w, h, bytes)};
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aByteMapResizesAsItsInts(long seed) {
        LabelMap[] m = bothLayouts(seed, 13, 7);
        for (int[] size : new int[][] {{13, 7}, {29, 5}, {4, 17}, {1, 1}}) {
            LabelMap fromInts = Labels.resizeNearest(m[0], size[0], size[1]);
            LabelMap fromBytes = Labels.resizeNearest(m[1], size[0], size[1]);
            assertThat(fromBytes).isEqualTo(fromInts);
            assertThat(fromBytes.labels()).containsExactly(fromInts.labels());
            assertThat(fromBytes.unsignedBytes()).isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void aByteMapIsZeroReducedAsItsInts(long seed) {
        LabelMap[] m = bothLayouts(seed, 11, 9);
        LabelMap fromInts = Targets.reduceZeroLabel(m[0]);
        LabelMap fromBytes = Targets.reduceZeroLabel(m[1]);
        assertThat(fromBytes.labels()).containsExactly(fromInts.labels());
        assertThat(fromBytes.unsignedBytes()).isNotNull();
        assertThat(Labels.toImage(fromBytes).data()).containsExactly(Labels.toImage(fromInts).data());
    }
}
