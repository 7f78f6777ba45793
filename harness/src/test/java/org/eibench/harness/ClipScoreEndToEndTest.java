package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * clip_score end to end through the CLI with a tiny CLIP authored here ({@link TinyClipNetwork}) given as
 * {@code --evaluator clip=CARD.yaml}: a Canny-to-image task over a manifest whose samples carry a caption (one does not,
 * and is scored against its instruction), with {@code identity} and {@code oracle}; the value and every sample's score
 * equal harness/src/test/python/clip_score_golden.py (numpy) to 3e-4 on the 0..100 scale (float32 in ONNX Runtime);
 * without the card the metric is left out with a note.
 */
class ClipScoreEndToEndTest {

    static final String TASK = "clip-canny";
    static final List<String> CAPTIONS = List.of("a photo of red and green lines", "the blue thing on the line",
            "photos of stripes and rings", "");

    @TempDir
    static Path dir;
    static Path card;
    static Path taskFile;
    static Cli.Outcome outcome;

    @BeforeAll
    static void run() throws Exception {
        card = TinyClipNetwork.write(dir, "tiny-clip");
        Path root = Files.createDirectories(dir.resolve("root"));
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < CAPTIONS.size(); i++) {
            ImageIO.write(picture(i), "png", root.resolve("p" + i + ".png").toFile());
            manifest.append("{\"id\": \"p").append(i).append("\", \"target\": \"p").append(i).append(".png\"")
                    .append(CAPTIONS.get(i).isEmpty() ? "" : ", \"meta\": {\"caption\": \"" + CAPTIONS.get(i) + "\"}").append("}\n");
        }
        Files.writeString(root.resolve("manifest.jsonl"), manifest);
        taskFile = dir.resolve(TASK + ".yaml");
        Files.writeString(taskFile, String.join("\n",
                "format: eibench/task@1",
                "id: " + TASK,
                "version: 1",
                "title: \"Canny-to-image on captioned pictures\"",
                "split: held-out",
                "zero_shot: task",
                "kind: generation",
                "data: {root: " + root + ", layout: manifest-jsonl, file: manifest.jsonl, degrade: {type: canny, low: 100, high: 200}}",
                "instructions:",
                "  - {text: \"Paint the photo these edge lines came from.\", style: explanatory}",
                "decoder: {type: rgb}",
                "metrics:",
                "  - {name: canny_f1}",
                "  - {name: clip_score, evaluator: clip}", ""));
        outcome = Cli.run("run", "--task", taskFile.toString(), "--model", "identity,oracle", "--evaluator", "clip=" + card,
                "--out", dir.resolve("out").toString());
    }

    /** Stripes, rings and blocks in a few colours: 40 x 28, so that the golden script's PNG reader is quick. */
    static BufferedImage picture(int k) {
        BufferedImage im = new BufferedImage(40, 28, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 40; x++) {
                int r = ((x / (3 + k)) % 2) * 200 + 20 * k;
                int g = (int) (127 + 120 * Math.sin((x * x + y * y) / (15.0 + 7 * k)));
                int b = (x > 10 + k && x < 25 && y > 5 && y < 20 + k) ? 230 : 40 + 9 * y;
                im.setRGB(x, y, (Math.min(r, 255) << 16) | (g << 8) | Math.min(b, 255));
            }
        }
        return im;
    }

    static JsonNode metrics(String model) throws IOException {
        return new ObjectMapper().readTree(dir.resolve("out").resolve(model).resolve("summary.json").toFile()).path("tasks")
                .path(TASK).path("metrics");
    }

    @Test
    void theScoreIsNamedAfterTheCardAndRecordsTheNetworkAndTokenizer() throws Exception {
        assertThat(outcome.code()).as(outcome.err()).isZero();
        for (String model : List.of("identity", "oracle")) {
            JsonNode m = metrics(model);
            assertThat(m.has("cs_tiny_clip")).as(model + ": " + m).isTrue();
            assertThat(m.path("cs_tiny_clip").path("value").asDouble()).isBetween(0.0, 100.0);
            assertThat(m.has("canny_f1")).isTrue();
        }
        JsonNode cs = new ObjectMapper().readTree(dir.resolve("out/oracle/run.json").toFile()).path("tasks").get(0)
                .path("metrics").path("clip_score");
        assertThat(cs.path("evaluator").asText()).isEqualTo("tiny-clip");
        assertThat(cs.path("evaluator_type").asText()).isEqualTo("clip");
        assertThat(cs.path("text_sha256").asText()).hasSize(64);
        assertThat(cs.path("tokenizer_sha256").asText()).hasSize(64);
        assertThat(cs.path("protocol_name").asText()).isEqualTo("none");
    }

    @Test
    void valueAndEverySampleEqualTheNumpyGolden() throws Exception {
        String py = python();
        Path script = Path.of(System.getProperty("eibench.repo.root", "..")).resolve("harness/src/test/python/clip_score_golden.py");
        double worst = 0;
        for (String model : List.of("identity", "oracle")) {
            Process p = new ProcessBuilder(py, script.toString(), dir.resolve("tiny-clip-weights.json").toString(),
                    dir.resolve("tiny-clip-merges.txt").toString(), dir.resolve("out").resolve(model).toString(), TASK,
                    dir.resolve("root/manifest.jsonl").toString()).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0).as(text).isTrue();
            JsonNode golden = new ObjectMapper().readTree(text);
            assertThat(golden.path("n").asInt()).isEqualTo(CAPTIONS.size());
            double value = metrics(model).path("cs_tiny_clip").path("value").asDouble();
            worst = Math.max(worst, Math.abs(value - golden.path("value").asDouble()));
            for (String line : Files.readAllLines(dir.resolve("out").resolve(model).resolve("samples").resolve(TASK + ".jsonl"))) {
                JsonNode s = new ObjectMapper().readTree(line);
                double mine = s.path("metrics").path("clip_score").path("values").path("cs_tiny_clip").asDouble();
                double want = golden.path("per_sample").path(s.path("id").asText()).asDouble();
                // one sample's value is its score clamped at 0
                worst = Math.max(worst, Math.abs(mine - Math.max(want, 0)));
            }
        }
        System.out.println("clip_score golden: max abs difference " + worst + " (0..100 scale)");
        // ONNX Runtime sums in float32 (GlobalAveragePool over the pixels, the masked table rows); numpy in double.
        // Measured 1.03e-4 (1e-6 in cosine), on the Canny map's 0/255 pixels.
        assertThat(worst).isLessThan(3e-4);
    }

    @Test
    void withoutACardTheMetricIsLeftOutWithANote() throws Exception {
        Cli.Outcome o = Cli.run("run", "--task", taskFile.toString(), "--model", "oracle", "--out", dir.resolve("none").toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err() + o.out()).contains("clip_score needs a CLIP card: --evaluator clip=CARD.yaml");
        JsonNode m = new ObjectMapper().readTree(dir.resolve("none/oracle/summary.json").toFile()).path("tasks").path(TASK)
                .path("metrics");
        assertThat(m.has("canny_f1")).isTrue();
        assertThat(m.has("cs_tiny_clip")).isFalse();
        Path features = TinyFeatureNetwork.write(dir, "not-clip");
        Cli.Outcome wrong = Cli.run("run", "--task", taskFile.toString(), "--model", "oracle", "--evaluator", "clip=" + features,
                "--out", dir.resolve("wrong").toString());
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err() + wrong.out()).contains("'clip' is a features network; clip_score needs a clip card");
    }

    /** /usr/bin/python3 (CI installs numpy and python3-regex), else python3 on the PATH, with numpy and regex. */
    static String python() throws Exception {
        List<String> candidates = new ArrayList<>();
        if (new File("/usr/bin/python3").canExecute()) {
            candidates.add("/usr/bin/python3");
        }
        candidates.add("python3");
        for (String c : candidates) {
            try {
                Process p = new ProcessBuilder(c, "-c", "import numpy, regex").redirectErrorStream(true).start();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return c;
                }
            } catch (IOException e) {
                // not installed; try the next
            }
        }
        boolean required = "1".equals(System.getenv("EIBENCH_REQUIRE_REFERENCES"));
        if (required) {
            throw new AssertionError("no python3 with numpy and regex (EIBENCH_REQUIRE_REFERENCES=1)");
        }
        Assumptions.abort("no python3 with numpy and regex");
        return null;
    }
}
