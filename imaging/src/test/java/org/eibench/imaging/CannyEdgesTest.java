package org.eibench.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eibench.metrics.FloatImage;
import org.junit.jupiter.api.Test;

class CannyEdgesTest {

    @Test
    void aVerticalStepGivesEdgesBesideTheStepOnly() {
        int w = 16;
        int h = 8;
        float[] d = new float[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = w / 2; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    d[(y * w + x) * 3 + c] = 200;
                }
            }
        }
        FloatImage edges = CannyEdges.of(new FloatImage(w, h, 3, d), 100, 200);
        assertThat(edges.channels()).isEqualTo(1);
        int count = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = edges.get(x, y, 0);
                assertThat(v).isIn(0f, 255f);
                if (v > 0) {
                    assertThat(x).isBetween(w / 2 - 1, w / 2);
                    count++;
                }
            }
        }
        assertThat(count).isGreaterThanOrEqualTo(h - 2);
        assertThat(CannyEdges.of(FloatImage.zeros(w, h, 1), 100, 200).data()).containsOnly(0f);
    }

    @Test
    void refusesTwoChannels() {
        assertThatThrownBy(() -> CannyEdges.of(FloatImage.zeros(4, 4, 2), 100, 200))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
