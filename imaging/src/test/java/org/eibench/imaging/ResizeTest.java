package org.eibench.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.eibench.metrics.FloatImage;
import org.junit.jupiter.api.Test;

class ResizeTest {

    @Test
    void everyMethodKeepsAConstantImageConstant() {
        FloatImage flat = new FloatImage(6, 4, 3, filled(6 * 4 * 3, 77));
        for (Resize.Method m : Resize.Method.values()) {
            FloatImage out = Resize.to(flat, 9, 5, m);
            assertThat(out.shape()).isEqualTo(new FloatImage(9, 5, 3, new float[9 * 5 * 3]).shape());
            for (float v : out.data()) {
                assertThat(v).isCloseTo(77f, within(1e-3f));
            }
        }
        assertThat(Resize.to(flat, 6, 4, Resize.Method.BICUBIC)).isSameAs(flat);
    }

    @Test
    void nearestRepeatsPixels() {
        FloatImage im = new FloatImage(2, 1, 1, new float[] {1, 9});
        assertThat(Resize.to(im, 4, 1, Resize.Method.NEAREST).data()).containsExactly(1, 1, 9, 9);
    }

    /** MATLAB's cubic (a = -0.5) reproduces a linear ramp away from the borders, at MATLAB's sample positions. */
    @Test
    void matlabUpscaleKeepsARampLinear() {
        int w = 16;
        float[] d = new float[w];
        for (int x = 0; x < w; x++) {
            d[x] = 10 * x;
        }
        FloatImage out = MatlabResize.resize(new FloatImage(w, 1, 1, d), 2 * w, 1);
        for (int x = 4; x < 2 * w - 4; x++) {
            double u = (x + 0.5) / 2 - 0.5; // output pixel centre in input pixels (0-based)
            assertThat((double) out.data()[x]).isCloseTo(10 * u, within(1e-3));
        }
    }

    @Test
    void matlabDownscale8GivesWholeLevelsOfTheRoundedUpSize() {
        float[] d = new float[9 * 5];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i * 37) % 256;
        }
        FloatImage out = MatlabResize.downscale8(new FloatImage(9, 5, 1, d), 4);
        assertThat(out.width()).isEqualTo(3);
        assertThat(out.height()).isEqualTo(2);
        for (float v : out.data()) {
            assertThat(v).isEqualTo((float) Math.rint(v)).isBetween(0f, 255f);
        }
    }

    static float[] filled(int n, float v) {
        float[] d = new float[n];
        Arrays.fill(d, v);
        return d;
    }
}
