package org.eibench.metrics.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.eibench.metrics.FloatImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResampleTest {

    @ParameterizedTest(name = "{0}x{1} -> f = {2}")
    @CsvSource({"100, 900, 1", "383, 1000, 1", "384, 384, 2", "512, 512, 2", "639, 700, 2", "640, 648, 3",
            "896, 1200, 4", "1024, 768, 3"})
    void matlabFactorRoundsHalfAwayFromZero(int w, int h, int f) {
        assertThat(Resample.matlabFactor(w, h)).isEqualTo(f);
    }

    @Test
    void symmetricPaddingRepeatsTheEdgeSample() {
        int[] got = new int[8];
        for (int i = -3; i < 5; i++) {
            got[i + 3] = Resample.symmetric(i, 3);
        }
        assertThat(got).containsExactly(2, 1, 0, 0, 1, 2, 2, 1);
    }

    @Test
    void evenBoxAveragesForwardAndMirrorsAtTheEnd() {
        // 1-row view is not possible (f = 2 needs both axes), so use a 3x3 image: rows/cols 0..2, f = 2.
        // MATLAB centre for f = 2 is index 1 (1-based): output(i) averages samples 2i and 2i + 1; sample 3 mirrors 2.
        float[] d = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        FloatImage out = Resample.matlabBox(new FloatImage(3, 3, 1, d), 2);
        assertThat(out.width()).isEqualTo(2);
        assertThat(out.height()).isEqualTo(2);
        assertThat(out.data()).containsExactly((1 + 2 + 4 + 5) / 4f, (3 + 3 + 6 + 6) / 4f, (7 + 8 + 7 + 8) / 4f,
                (9 + 9 + 9 + 9) / 4f);
    }

    @Test
    void oddBoxIsCentred() {
        float[] d = new float[25];
        for (int i = 0; i < 25; i++) {
            d[i] = i;
        }
        FloatImage out = Resample.matlabBox(new FloatImage(5, 5, 1, d), 3);
        // output (0,0) is centred on (0,0): rows/cols -1..1 with -1 mirrored to 0.
        double expected = (0 + 0 + 1 + 0 + 0 + 1 + 5 + 5 + 6) / 9.0;
        assertThat(out.width()).isEqualTo(2);
        assertThat((double) out.data()[0]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
        // output (1,1) is centred on (3,3): a full interior block.
        double interior = (12 + 13 + 14 + 17 + 18 + 19 + 22 + 23 + 24) / 9.0;
        assertThat((double) out.data()[3]).isCloseTo(interior, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void avgPoolPadsOddSidesWithZerosAtTheFront() {
        float[] d = {1, 2, 3, 4, 5, 6}; // 3 wide, 2 high, 1 channel
        FloatImage out = Resample.avgPool2(new FloatImage(3, 2, 1, d));
        assertThat(out.width()).isEqualTo(2);
        assertThat(out.height()).isEqualTo(1);
        assertThat(out.data()).containsExactly((0 + 1 + 0 + 4) / 4f, (2 + 3 + 5 + 6) / 4f);
    }

    @Test
    void avgPoolKeepsChannelsApart() {
        float[] d = {1, 10, 2, 20, 3, 30, 4, 40}; // 2x2, 2 channels
        FloatImage out = Resample.avgPool2(new FloatImage(2, 2, 2, d));
        assertThat(out.data()).containsExactly(2.5f, 25f);
    }
}
