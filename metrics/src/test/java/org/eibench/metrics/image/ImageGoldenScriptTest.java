package org.eibench.metrics.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.stats.ReferenceTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed fixture is what metrics/src/test/python/image_golden.py produces: re-run it into a temporary folder
 * and compare every image (pixel for pixel) and every reference value. Skipped, with the reason, where
 * /usr/bin/python3 with skimage, OpenCV and scipy (a failure under EIBENCH_REQUIRE_REFERENCES=1) or the Set5 images
 * are missing.
 */
class ImageGoldenScriptTest {

    private static final Path PYTHON = Paths.get("/usr/bin/python3");

    @Test
    void scriptReproducesCommittedFixture(@TempDir Path out) throws Exception {
        Path repo = repoRoot();
        Path script = repo.resolve("metrics/src/test/python/image_golden.py");
        assertThat(script).as("the reference script").isRegularFile();
        ReferenceTools.require(Files.isExecutable(PYTHON), "no " + PYTHON);
        ReferenceTools.require(run(repo, out, PYTHON.toString(), "-c", "import skimage, cv2, scipy, numpy") == 0,
                "python3 lacks skimage / opencv / scipy");
        Path data = org.eibench.metrics.stats.Golden.dataDir();

        assertThat(run(repo, out, PYTHON.toString(), script.toString(), out.toString())).as("script exit code").isZero();

        GoldenFixture committed = GoldenFixture.load(GoldenFixture.COMMITTED);
        GoldenFixture fresh = GoldenFixture.load(out);
        assertThat(fresh.images()).isEqualTo(committed.images());
        for (String name : committed.images().keySet()) {
            FloatImage a = committed.image(name);
            FloatImage b = fresh.image(name);
            assertThat(b).as("pixels of %s", name).isEqualTo(a);
        }
        List<Map<String, Object>> c = committed.cases();
        List<Map<String, Object>> f = fresh.cases();
        assertThat(f).extracting(m -> m.get("id")).containsExactlyElementsOf(c.stream().map(m -> m.get("id")).toList());
        for (int i = 0; i < c.size(); i++) {
            double want = ((Number) c.get(i).get("value")).doubleValue();
            double got = ((Number) f.get(i).get("value")).doubleValue();
            assertThat(got).as("value of %s", c.get(i).get("id")).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-12 * Math.max(1, Math.abs(want))));
        }
    }

    private static Path repoRoot() {
        String prop = System.getProperty("eibench.repo.root");
        if (prop != null && Files.isDirectory(Paths.get(prop, "metrics"))) {
            return Paths.get(prop).toAbsolutePath();
        }
        Path here = Paths.get("").toAbsolutePath();
        return Files.isDirectory(here.resolve("metrics")) ? here : here.getParent();
    }

    private static int run(Path dir, Path tmp, String... command) throws IOException, InterruptedException {
        Path log = tmp.resolve("python.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        if (p.exitValue() != 0) {
            System.err.println(Files.readString(log, StandardCharsets.UTF_8));
        }
        return p.exitValue();
    }
}
