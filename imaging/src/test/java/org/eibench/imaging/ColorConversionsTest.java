package org.eibench.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import org.eibench.metrics.FloatImage;
import org.junit.jupiter.api.Test;

class ColorConversionsTest {

    static final FloatImage RGB = new FloatImage(2, 1, 3, new float[] {255, 0, 0, 10, 128, 240});

    @Test
    void grayToRgbCopiesThePlaneAndRgbStaysAsItIs() {
        FloatImage gray = new FloatImage(2, 1, 1, new float[] {3, 200});
        assertThat(ColorConversions.toRgb(gray).data()).containsExactly(3, 3, 3, 200, 200, 200);
        assertThat(ColorConversions.toRgb(RGB)).isSameAs(RGB);
        assertThatThrownBy(() -> ColorConversions.grayToRgb(RGB)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void swapRedBlueIsItsOwnInverse() {
        FloatImage bgr = ColorConversions.swapRedBlue(RGB);
        assertThat(bgr.data()).containsExactly(0, 0, 255, 240, 128, 10);
        assertThat(ColorConversions.swapRedBlue(bgr)).isEqualTo(RGB);
    }

    @Test
    void grayAndLumaAreBt601() {
        // 0.299 R + 0.587 G + 0.114 B
        assertThat(ColorConversions.rgbToGray(RGB).data()[0]).isCloseTo(76.245f, offset(0.01f));
        FloatImage ycc = ColorConversions.rgbToYCrCb(RGB);
        assertThat(ycc.channels()).isEqualTo(3);
        assertThat(ycc.data()[3]).isCloseTo(0.299f * 10 + 0.587f * 128 + 0.114f * 240, offset(0.01f));
        FloatImage back = ColorConversions.yCrCbToRgb(ycc);
        for (int i = 0; i < RGB.data().length; i++) {
            // OpenCV's inverse coefficients are rounded to three decimals: about 0.06 of a level off at full red
            assertThat(back.data()[i]).isCloseTo(RGB.data()[i], offset(0.1f));
        }
    }
}
