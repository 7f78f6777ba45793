package org.eibench.metrics.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Metric;
import org.eibench.metrics.stats.Golden;
import org.eibench.metrics.stats.ReferenceTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of metrics/src/test/python/image_bench.py (the reference side of bench/metrics-image.sh) on a small
 * pair: it runs, writes its JSON, and scores the same pixels as the Java benchmark pair, so the values agree. No
 * timing is asserted. Skipped where /usr/bin/python3 with skimage, OpenCV and scipy is missing.
 */
class ImageBenchScriptTest {

    @Test
    @SuppressWarnings("unchecked")
    void referenceBenchRunsAndScoresTheJavaPair(@TempDir Path tmp) throws Exception {
        Path python = Paths.get("/usr/bin/python3");
        Path repo = repoRoot();
        Path script = repo.resolve("metrics/src/test/python/image_bench.py");
        assertThat(script).as("the reference script").isRegularFile();
        ReferenceTools.require(Files.isExecutable(python), "no " + python);
        ReferenceTools.require(new ProcessBuilder(python.toString(), "-c", "import skimage, cv2, scipy").start().waitFor() == 0,
                "python3 lacks skimage / opencv / scipy");
        Path json = tmp.resolve("bench.json");
        Process p = new ProcessBuilder(python.toString(), script.toString(), "--size", "168", "--repeat", "1",
                "--json", json.toString()).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("log.txt").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("log.txt"), StandardCharsets.UTF_8)).isZero();

        Map<String, Object> doc = Golden.readJson(json);
        Map<String, Map<String, Object>> refs = (Map<String, Map<String, Object>>) doc.get("refs");
        assertThat(refs).containsKeys("skimage_ssim", "basicsr_ssim", "cv2_psnr_uint8", "cv2_psnr_float32",
                "basicsr_psnr", "numpy_ms_ssim");

        FloatImage pred = org.eibench.metrics.bench.SsimBenchmark.Images.prediction(168, 168, 3);
        FloatImage target = org.eibench.metrics.bench.SsimBenchmark.Images.target(168, 168, 3);
        check(refs, "skimage_ssim", ImageMetrics.create(Map.of("name", "ssim")), pred, target);
        check(refs, "basicsr_ssim", ImageMetrics.create(Map.of("name", "ssim")), pred, target);
        check(refs, "cv2_psnr_uint8", ImageMetrics.create(Map.of("name", "psnr")), pred, target);
        check(refs, "basicsr_psnr", ImageMetrics.create(Map.of("name", "psnr")), pred, target);
        check(refs, "numpy_ms_ssim", ImageMetrics.create(Map.of("name", "ms_ssim")), pred, target);
    }

    private static void check(Map<String, Map<String, Object>> refs, String ref, Metric<FloatImage, FloatImage> m,
                              FloatImage p, FloatImage t) {
        double expected = ((Number) refs.get(ref).get("value")).doubleValue();
        assertThat(m.finish(m.measure(p, t)).value(m.name())).as(ref).isCloseTo(expected, within(1e-9 * Math.abs(expected)));
        assertThat(((Number) refs.get(ref).get("best_ms")).doubleValue()).as(ref + " time").isPositive();
    }

    private static Path repoRoot() {
        String prop = System.getProperty("eibench.repo.root");
        if (prop != null && Files.isDirectory(Paths.get(prop, "metrics"))) {
            return Paths.get(prop).toAbsolutePath();
        }
        Path here = Paths.get("").toAbsolutePath();
        return Files.isDirectory(here.resolve("metrics")) ? here : here.getParent();
    }
}
