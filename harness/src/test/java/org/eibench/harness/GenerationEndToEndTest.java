package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generation twins end to end through the CLI, with a tiny feature network authored here given as
 * {@code --evaluator features=PATH.onnx}: every metric that needs no network with the oracle at the ceiling, FD and
 * KD equal to metrics/src/test/python/distribution_golden.py (numpy/scipy, run on the feature rows the run stored) to
 * 1e-6 relative, the gallery pictures, and a run directory that refuses to mix networks.
 */
class GenerationEndToEndTest {

    static final List<String> TASKS = List.of("canny-to-image-kodak", "inpaint-kodak", "outpaint-kodak");

    @TempDir
    static Path dir;
    static Path net;
    static Cli.Outcome outcome;

    @BeforeAll
    static void run() throws Exception {
        net = TinyFeatureNetwork.write(dir, "tiny-features");
        outcome = Cli.run("run", "--task", String.join(",", TASKS), "--model", "identity,oracle", "--evaluator",
                "features=" + net, "--out", dir.resolve("out").toString());
    }

    static JsonNode summary(String model) throws Exception {
        return new ObjectMapper().readTree(dir.resolve("out").resolve(model).resolve("summary.json").toFile());
    }

    static double value(String model, String task, String key) throws Exception {
        JsonNode m = summary(model).path("tasks").path(task).path("metrics").path(key);
        assertThat(m.isMissingNode()).as(model + " " + task + " " + key).isFalse();
        return m.path("value").asDouble();
    }

    @Test
    void theRunSucceedsAndNamesTheNetworkByItsCard() throws Exception {
        assertThat(outcome.code()).as(outcome.err()).isZero();
        assertThat(outcome.err()).doesNotContain("feature_distance needs").contains("lpips needs a pair network");
        for (String model : List.of("identity", "oracle")) {
            for (String task : TASKS) {
                JsonNode metrics = summary(model).path("tasks").path(task).path("metrics");
                assertThat(metrics.has("fd_tiny_features")).as(model + " " + task).isTrue();
                assertThat(metrics.has("kd_tiny_features")).isTrue();
                assertThat(metrics.has("kd_tiny_features_std")).isTrue();
                assertThat(metrics.has("fid")).isFalse();
            }
        }
        JsonNode runJson = new ObjectMapper().readTree(dir.resolve("out/oracle/run.json").toFile());
        JsonNode fd = runJson.path("tasks").get(0).path("metrics").path("feature_distance");
        assertThat(fd.path("evaluator").asText()).isEqualTo("tiny_features");
        assertThat(fd.path("evaluator_sha256").asText()).hasSize(64);
        assertThat(fd.path("protocol_name").asText()).isEqualTo("none");
    }

    @Test
    void theOracleIsAtTheCeilingOfEveryFidelityMetric() throws Exception {
        assertThat(value("oracle", "canny-to-image-kodak", "canny_f1")).isEqualTo(1.0);
        for (String task : TASKS) {
            assertThat(value("oracle", task, "psnr")).isEqualTo(100.0);
            assertThat(value("oracle", task, "ssim")).isEqualTo(1.0);
            assertThat(Math.abs(value("oracle", task, "fd_tiny_features"))).isLessThan(1e-9);
        }
        for (String task : List.of("inpaint-kodak", "outpaint-kodak")) {
            assertThat(value("oracle", task, "hole_psnr")).isEqualTo(100.0);
            assertThat(value("oracle", task, "hole_ssim")).isEqualTo(1.0);
            assertThat(value("oracle", task, "hole_l1")).isZero();
            assertThat(value("oracle", task, "preserve_psnr")).isEqualTo(100.0);
            // identity keeps the input outside the mask exactly
            assertThat(value("identity", task, "preserve_psnr")).isEqualTo(100.0);
            assertThat(value("identity", task, "hole_psnr")).isLessThan(20);
        }
    }

    @Test
    void fdAndKdEqualTheGoldenScriptOnTheStoredFeatures() throws Exception {
        File py = new File("/usr/bin/python3");
        Assumptions.assumeTrue(py.canExecute(), "no /usr/bin/python3");
        Path script = Path.of(System.getProperty("eibench.repo.root", "..")).resolve("metrics/src/test/python/distribution_golden.py");
        for (String model : List.of("identity", "oracle")) {
            for (String task : TASKS) {
                Process p = new ProcessBuilder(py.getPath(), script.toString(), "--run", dir.resolve("out").resolve(model).toString(),
                        task, "feature_distance").redirectErrorStream(true).start();
                String text = new String(p.getInputStream().readAllBytes());
                boolean done = p.waitFor(300, TimeUnit.SECONDS);
                Assumptions.assumeFalse(text.contains("No module named"), "python3 lacks numpy or scipy");
                assertThat(done && p.exitValue() == 0).as(text).isTrue();
                JsonNode golden = new ObjectMapper().readTree(text);
                assertThat(golden.path("n").asInt()).isEqualTo(8);
                assertThat(golden.path("d").asInt()).isEqualTo(TinyFeatureNetwork.D);
                close(model + " " + task + " fd", golden.path("fd").asDouble(), value(model, task, "fd_tiny_features"), 1e-9);
                close(model + " " + task + " kd", golden.path("kid").asDouble(), value(model, task, "kd_tiny_features"), 0);
            }
        }
    }

    /** 1e-6 relative; values near 0 (the oracle's FD) against an absolute floor. */
    static void close(String what, double expected, double actual, double floor) {
        assertThat(Math.abs(expected - actual)).as(what + ": golden " + expected + ", eibench " + actual)
                .isLessThanOrEqualTo(Math.max(1e-6 * Math.abs(expected), floor));
    }

    @Test
    void theGalleryShowsTheConditionAndTheCannyOverlay() throws Exception {
        Path views = dir.resolve("out/identity/views/canny-to-image-kodak");
        assertThat(views.resolve("kodim01.input.png")).exists();
        assertThat(views.resolve("kodim01.canny.png")).exists();
        assertThat(dir.resolve("out/identity/views/inpaint-kodak/kodim01.input.png")).exists();
        String html = Files.readString(dir.resolve("out/report/index.html"));
        assertThat(html).contains("output&#39;s Canny over the condition").contains("canny-to-image-kodak");
        assertThat(Files.readString(dir.resolve("out/report.md"))).contains("fd_tiny_features").contains("held-out, task");
    }

    @Test
    void shardsMergeToTheSameDistances() throws Exception {
        for (String shard : List.of("0/2", "1/2")) {
            Cli.Outcome o = Cli.run("run", "--task", "inpaint-kodak", "--model", "identity", "--evaluator", "features=" + net,
                    "--shard", shard, "--out", dir.resolve("shard-" + shard.charAt(0)).toString());
            assertThat(o.code()).as(o.err()).isZero();
        }
        Cli.Outcome merged = Cli.run("merge", dir.resolve("shard-0/identity").toString(), dir.resolve("shard-1/identity").toString(),
                "--evaluator", "features=" + net, "--out", dir.resolve("merged").toString());
        assertThat(merged.code()).as(merged.err()).isZero();
        JsonNode m = new ObjectMapper().readTree(dir.resolve("merged/summary.json").toFile()).path("tasks").path("inpaint-kodak")
                .path("metrics");
        for (String key : List.of("fd_tiny_features", "kd_tiny_features", "hole_psnr")) {
            assertThat(m.path(key).path("value").asDouble()).as(key).isEqualTo(value("identity", "inpaint-kodak", key));
        }
    }

    @Test
    void aPairNetworkGivesAPerceptualDistanceNamedAfterIt() throws Exception {
        Path pair = TinyFeatureNetwork.writePair(dir, "pair-l1");
        Cli.Outcome o = Cli.run("run", "--task", "outpaint-kodak", "--model", "identity", "--evaluator", "lpips=" + pair,
                "--out", dir.resolve("pair").toString());
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode m = new ObjectMapper().readTree(dir.resolve("pair/identity/summary.json").toFile()).path("tasks")
                .path("outpaint-kodak").path("metrics");
        assertThat(m.has("lpips")).isFalse();
        // The network's mean |output - target| / 255 over the image: the identity keeps the centre quarter exactly, so
        // it is 3/4 of the mean L1 over the generated border (to float32 summation over 750 000 values in ONNX Runtime).
        assertThat(m.path("pd_pair_l1").path("value").asDouble())
                .isCloseTo(0.75 * value("identity", "outpaint-kodak", "hole_l1"), org.assertj.core.data.Percentage.withPercentage(0.01));
        Cli.Outcome wrong = Cli.run("run", "--task", "outpaint-kodak", "--model", "identity", "--evaluator", "features=" + pair,
                "--out", dir.resolve("wrong").toString());
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err() + wrong.out()).contains("'features' is a pair network");
    }

    @Test
    void aRunDirectoryRefusesAnotherNetworkOrNone() throws Exception {
        Cli.Outcome again = Cli.run("run", "--task", "outpaint-kodak", "--model", "oracle", "--evaluator", "features=" + net,
                "--out", dir.resolve("again").toString());
        assertThat(again.code()).as(again.err()).isZero();
        Cli.Outcome without = Cli.run("run", "--task", "outpaint-kodak", "--model", "oracle", "--out", dir.resolve("again").toString());
        assertThat(without.code()).isEqualTo(2);
        assertThat(without.err() + without.out()).contains("holds a different run");
        Cli.Outcome missing = Cli.run("run", "--task", "outpaint-kodak", "--model", "oracle", "--evaluator",
                "features=" + dir.resolve("nope.onnx"), "--out", dir.resolve("x").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err() + missing.out()).contains("--evaluator features=").contains("not found");
    }
}
