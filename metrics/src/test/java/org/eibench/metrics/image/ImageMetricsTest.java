package org.eibench.metrics.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Stats;
import org.eibench.metrics.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageMetricsTest {

    @Test
    void defaultsFollowTheDesign() {
        assertThat(ImageMetrics.create(Map.of("name", "psnr")).options()).isEqualTo(new PsnrMetric().options())
                .containsEntry("channel", "rgb").containsEntry("y_round", false).containsEntry("crop", 0)
                .containsEntry("data_range", 255.0).containsEntry("cap", 100.0);
        assertThat(ImageMetrics.create(Map.of("name", "ssim")).options()).containsEntry("downsample", "none")
                .containsEntry("window", "gaussian-11-1.5");
        assertThat(ImageMetrics.create(Map.of("name", "ms_ssim")).options())
                .containsEntry("weights", List.of(0.0448, 0.2856, 0.3001, 0.2363, 0.1333))
                .containsEntry("reference", "pytorch_msssim");
    }

    @Test
    void taskFileExampleBuildsTheSameAsTheConstructor() {
        Map<String, Object> yaml = Map.of("name", "psnr", "channel", "y", "y_round", false, "crop", 4, "data_range", 255,
                "cap", 100);
        assertThat(ImageMetrics.create(yaml).options()).isEqualTo(new PsnrMetric("y", false, 4, 255, 100).options());
        Map<String, Object> ssim = Map.of("name", "ssim", "channel", "Y", "crop", 4.0, "downsample", "matlab");
        assertThat(ImageMetrics.create(ssim).options())
                .isEqualTo(new SsimMetric("y", false, 4, 255, "matlab").options());
    }

    @ParameterizedTest
    @ValueSource(strings = {"psnr", "ssim", "ms_ssim"})
    void optionsRoundTrip(String name) {
        Metric<FloatImage, FloatImage> m = ImageMetrics.create(Map.of("name", name, "channel", "y", "y_round", "true",
                "crop", 2, "data_range", "1.0"));
        Metric<FloatImage, FloatImage> again = ImageMetrics.create(m.name(), m.options());
        assertThat(again.options()).isEqualTo(m.options());
        assertThat(again.getClass()).isEqualTo(m.getClass());
    }

    @Test
    void rejectsBadSpecsWithReadableReasons() {
        assertThatThrownBy(() -> ImageMetrics.create(Map.of("name", "psnrr"))).hasMessageContaining("unknown image metric 'psnrr'");
        assertThatThrownBy(() -> ImageMetrics.create(Map.of("channel", "y"))).hasMessageContaining("'name'");
        assertThatThrownBy(() -> ImageMetrics.create(Map.of("name", "psnr", "downsample", "matlab")))
                .hasMessageContaining("psnr: option 'downsample' unknown key");
        assertThatThrownBy(() -> ImageMetrics.create(Map.of("name", "ssim", "crop", 2.5)))
                .hasMessageContaining("'crop' must be a whole number");
        assertThatThrownBy(() -> ImageMetrics.create(Map.of("name", "ssim", "crop", -1))).hasMessageContaining("crop >= 0");
        assertThatThrownBy(() -> ImageMetrics.create(Map.of("name", "ssim", "channel", "lab")))
                .hasMessageContaining("channel must be rgb or y");
        assertThatThrownBy(() -> ImageMetrics.create(Map.of("name", "ssim", "downsample", "bicubic")))
                .hasMessageContaining("downsample must be none or matlab");
        assertThatThrownBy(() -> ImageMetrics.create(Map.of("name", "psnr", "y_round", "yes")))
                .hasMessageContaining("'y_round' must be true or false");
        assertThatThrownBy(() -> ImageMetrics.create(Map.of("name", "psnr", "data_range", "abc")))
                .hasMessageContaining("'data_range' must be a number");
        assertThatThrownBy(() -> ImageMetrics.create(Map.of("name", "psnr", "cap", 0))).hasMessageContaining("cap > 0");
        assertThatThrownBy(() -> ImageMetrics.create(Map.of("name", "ssim", "window", "box-8")))
                .hasMessageContaining("'window' can only be 'gaussian-11-1.5'");
        assertThatThrownBy(() -> ImageMetrics.create(Map.of("name", "ms_ssim", "weights", List.of(0.2, 0.2, 0.2, 0.2, 0.2))))
                .hasMessageContaining("'weights' can only be");
    }

    @Test
    void unscorablePairsSayWhy() {
        FloatImage a = FloatImage.zeros(200, 200, 3);
        FloatImage b = FloatImage.zeros(200, 201, 3);
        for (String name : ImageMetrics.NAMES) {
            Metric<FloatImage, FloatImage> m = ImageMetrics.create(Map.of("name", name));
            assertThatThrownBy(() -> m.measure(a, b)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("200x200x3").hasMessageContaining("200x201x3");
            float[] nan = new float[200 * 200 * 3];
            nan[12345] = Float.NaN;
            assertThatThrownBy(() -> m.measure(new FloatImage(200, 200, 3, nan), a))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        }
        Metric<FloatImage, FloatImage> ms = ImageMetrics.create(Map.of("name", "ms_ssim", "crop", 20));
        assertThatThrownBy(() -> ms.measure(a, a)).hasMessageContaining("> 160").hasMessageContaining("160x160");
        Metric<FloatImage, FloatImage> psnr = ImageMetrics.create(Map.of("name", "psnr", "crop", 100));
        assertThatThrownBy(() -> psnr.measure(a, a)).hasMessageContaining("crop 100 leaves nothing");
    }

    @Test
    void msSsimClampsAnticorrelatedScalesToZero() {
        FloatImage a = TestImages.smooth(new java.util.SplittableRandom(3), 180, 170, 1);
        float[] inv = a.data().clone();
        for (int i = 0; i < inv.length; i++) {
            inv[i] = 255 - inv[i];
        }
        Metric<FloatImage, FloatImage> ms = ImageMetrics.create(Map.of("name", "ms_ssim"));
        assertThat(ms.finish(ms.measure(new FloatImage(180, 170, 1, inv), a)).value("ms_ssim")).isZero();
        Metric<FloatImage, FloatImage> ssim = ImageMetrics.create(Map.of("name", "ssim"));
        assertThat(ssim.finish(ssim.measure(new FloatImage(180, 170, 1, inv), a)).value("ssim")).isNegative();
    }

    @Test
    void finishOfNothingIsNaN() {
        for (String name : ImageMetrics.NAMES) {
            Metric<FloatImage, FloatImage> m = ImageMetrics.create(new LinkedHashMap<>(Map.of("name", name)));
            assertThat(m.finish(Stats.EMPTY).value(name)).isNaN();
        }
    }
}
