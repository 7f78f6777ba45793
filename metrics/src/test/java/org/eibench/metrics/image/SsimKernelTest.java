package org.eibench.metrics.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.eibench.metrics.FloatImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The optimised kernel against the direct definition, on shapes that exercise strips, halos and channel counts. */
class SsimKernelTest {

    @ParameterizedTest(name = "{0}x{1}x{2} seed {3}")
    @CsvSource({
            "11, 11, 1, 1", "12, 17, 3, 2", "64, 48, 3, 3", "37, 29, 2, 4", "23, 40, 4, 5",
            // wider than one strip (512 flat columns): several strips, the last one partial
            "600, 14, 1, 6", "300, 13, 3, 7", "181, 12, 3, 8", "700, 12, 2, 9", "1100, 11, 1, 10",
            // fewer output columns than lanes; more channels than lanes
            "13, 11, 1, 11", "14, 12, 1, 12", "40, 30, 5, 13", "530, 12, 6, 14"})
    void agreesWithDirectDefinition(int w, int h, int c, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FloatImage x = TestImages.smooth(rnd, w, h, c);
        FloatImage y = TestImages.noisy(rnd, x, 10 + 20 * rnd.nextDouble());
        double[] s = new double[c];
        double[] cs = new double[c];
        SsimKernel.channelMeans(x, y, 255, s, cs);
        double[][] ref = NaiveSsim.channelMeans(x, y, 255);
        for (int ch = 0; ch < c; ch++) {
            assertThat(s[ch]).as("ssim channel %d", ch).isCloseTo(ref[ch][0], within(1e-12));
            assertThat(cs[ch]).as("cs channel %d", ch).isCloseTo(ref[ch][1], within(1e-12));
        }
        double[] only = new double[c];
        SsimKernel.channelMeans(x, y, 255, only, null);
        for (int ch = 0; ch < c; ch++) {
            // SSIM-only rows use one division instead of two: equal up to rounding.
            assertThat(only[ch]).isCloseTo(s[ch], within(1e-14));
        }
    }

    @ParameterizedTest
    @CsvSource({"10, 20", "20, 10", "1, 1"})
    void rejectsImagesSmallerThanTheWindow(int w, int h) {
        FloatImage x = FloatImage.zeros(w, h, 1);
        assertThatThrownBy(() -> SsimKernel.meanSsim(x, x, 255)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 11x11");
    }
}
