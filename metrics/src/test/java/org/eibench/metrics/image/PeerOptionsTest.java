package org.eibench.metrics.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Metric;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.stats.Golden;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The options that reproduce peers' conventions: skimage's SSIM knobs (checked against skimage itself, run by
 * ssim_window_golden.py) and PSNR without a cap.
 */
class PeerOptionsTest {

    @Test
    @SuppressWarnings("unchecked")
    void ssimKnobsAgreeWithSkimage(@TempDir Path tmp) throws Exception {
        File py = new File("/usr/bin/python3");
        Assumptions.assumeTrue(py.canExecute(), "no /usr/bin/python3");
        Process probe = new ProcessBuilder(py.getPath(), "-c", "import skimage.metrics").redirectErrorStream(true).start();
        Assumptions.assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0, "python3 lacks skimage");
        Path out = tmp.resolve("ssim.json");
        Golden.runPython(Golden.repoRoot().resolve("metrics/src/test/python/ssim_window_golden.py"), out.toString());
        Map<String, Object> f = Golden.readJson(out);
        int w = (int) Golden.num(f.get("width"));
        int h = (int) Golden.num(f.get("height"));
        FloatImage a = new FloatImage(w, h, 3, Golden.floats(f.get("a")));
        FloatImage b = new FloatImage(w, h, 3, Golden.floats(f.get("b")));
        List<Map<String, Object>> cases = (List<Map<String, Object>>) f.get("cases");
        assertThat(cases).hasSize(13);
        for (Map<String, Object> c : cases) {
            Map<String, Object> options = new LinkedHashMap<>((Map<String, Object>) c.get("options"));
            Metric<FloatImage, FloatImage> m = ImageMetrics.create("ssim", options);
            MetricValues v = m.finish(m.measure(a, b));
            double expected = Golden.num(c.get("value"));
            assertThat(v.value("ssim")).as("ssim %s", options).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void skimageDefaultsDifferFromWangsWindow() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        FloatImage a = TestImages.smooth(rnd, 32, 24, 3);
        FloatImage b = TestImages.noisy(rnd, a, 15);
        double wang = new SsimMetric().finish(new SsimMetric().measure(a, b)).value("ssim");
        SsimMetric skimage = new SsimMetric("rgb", false, 0, 510, "none", SsimMetric.Window.SKIMAGE);
        double painter = skimage.finish(skimage.measure(a, b)).value("ssim");
        assertThat(Math.abs(wang - painter)).isGreaterThan(1e-3);
        assertThat(skimage.options()).containsEntry("window", "uniform-7").containsEntry("gaussian_weights", false)
                .containsEntry("win_size", 7).containsEntry("use_sample_covariance", true);
        Metric<FloatImage, FloatImage> again = ImageMetrics.create("ssim", skimage.options());
        assertThat(again.options()).isEqualTo(skimage.options());
    }

    @Test
    void ssimKnobsAreChecked() {
        assertThatThrownBy(() -> ImageMetrics.create(Map.of("name", "ssim", "win_size", 7)))
                .hasMessageContaining("needs gaussian_weights: false");
        assertThatThrownBy(() -> ImageMetrics.create(Map.of("name", "ssim", "gaussian_weights", false, "win_size", 6)))
                .hasMessageContaining("win_size must be odd");
        assertThatThrownBy(() -> ImageMetrics.create(Map.of("name", "ssim", "gaussian_weights", false, "window", "gaussian-11-1.5")))
                .hasMessageContaining("can only be 'uniform-7'");
        assertThatThrownBy(() -> new SsimMetric("rgb", false, 0, 255, "none", SsimMetric.Window.SKIMAGE)
                .measure(FloatImage.zeros(6, 6, 1), FloatImage.zeros(6, 6, 1))).hasMessageContaining("7x7 window");
    }

    @Test
    void psnrWithoutCapIsInfiniteForIdenticalImages() {
        Metric<FloatImage, FloatImage> m = ImageMetrics.create(Map.of("name", "psnr", "cap", "none"));
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        FloatImage a = TestImages.smooth(rnd, 16, 16, 3);
        MetricValues same = m.finish(m.measure(a, a));
        assertThat(same.value("psnr")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(same.notes()).containsEntry("capped_images", 1L).containsEntry("cap_db", "none");
        assertThat(m.options()).containsEntry("cap", "none");
        assertThat(ImageMetrics.create("psnr", m.options()).options()).isEqualTo(m.options());
        FloatImage b = TestImages.noisy(rnd, a, 5);
        assertThat(m.finish(m.measure(a, b)).value("psnr"))
                .isEqualTo(new PsnrMetric().finish(new PsnrMetric().measure(a, b)).value("psnr"));
        assertThat(new PsnrMetric().finish(new PsnrMetric().measure(a, a)).value("psnr")).isEqualTo(100.0);
        assertThatThrownBy(() -> ImageMetrics.create(Map.of("name", "psnr", "cap", "never")))
                .hasMessageContaining("'cap' must be a number");
    }
}
