package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance numbers of the quick suite, through the CLI as a user runs it: DnCNN-S within 0.1 dB of the
 * published 30.44 dB on Set12 sigma 25; the noisy input itself (identity) at the PSNR computed here from the noisy
 * inputs (20.339 dB); the oracle at SSIM 1, capped PSNR and mIoU 1.
 */
class EndToEndTest {

    @TempDir
    static Path out;
    static int exitCode;
    static String stdout;

    @BeforeAll
    static void runQuickSuite() {
        StringWriter o = new StringWriter();
        exitCode = Main.execute(new String[] {"run", "--data", SharedData.dir().toString(), "--out", out.toString()},
                new PrintWriter(o, true), new PrintWriter(new StringWriter(), true));
        stdout = o.toString();
    }

    private static JsonNode metric(String model, String task, String key) throws Exception {
        JsonNode s = new ObjectMapper().readTree(out.resolve(model).resolve("summary.json").toFile());
        return s.path("tasks").path(task).path("metrics").path(key);
    }

    @Test
    void runSucceedsAndPrintsTheReportPath() throws Exception {
        assertThat(exitCode).isZero();
        assertThat(stdout).contains("Report: " + out.resolve("report.md"));
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("| denoise-set12-s25 |").contains("dncnn-s25");
    }

    @Test
    void dncnnMatchesThePublishedPsnr() throws Exception {
        assertThat(metric("dncnn-s25", "denoise-set12-s25", "psnr").path("value").asDouble()).isCloseTo(30.44, within(0.1));
    }

    /**
     * Identity returns the noisy input; the runner saves and scores it quantised to 8 bits (rounded, clipped to
     * 0..255). Unclipped Gaussian noise of sigma 25 would give MSE 25^2 and 10 log10(255^2 / 625) = 20.172 dB per
     * image; clipping the noise tails at 0 and 255 lowers the error, most on Set12's dark and bright images, so the
     * mean over the twelve images is higher. That mean is recomputed here from the task's own noisy inputs with a
     * plain round-clip and MSE (the run's value must equal it): 20.339 dB.
     */
    @Test
    void identityIsTheQuantisedNoisyInput() throws Exception {
        org.eibench.tasks.Task task = new org.eibench.tasks.TaskCatalog(SharedData.dir()).task("denoise-set12-s25");
        double sum = 0;
        int n = 0;
        for (org.eibench.tasks.data.SampleRef ref : task.samples()) {
            org.eibench.tasks.Sample s = task.load(ref);
            float[] noisy = s.input().data();
            float[] clean = ((org.eibench.metrics.FloatImage) s.target()).data();
            double se = 0;
            for (int i = 0; i < noisy.length; i++) {
                double q = noisy[i] <= 0 ? 0 : noisy[i] >= 255 ? 255 : Math.floor(noisy[i] + 0.5f);
                se += (q - clean[i]) * (q - clean[i]);
            }
            sum += 10 * Math.log10(255.0 * 255.0 / (se / noisy.length));
            n++;
        }
        double expected = sum / n;
        assertThat(n).isEqualTo(12);
        assertThat(expected).isGreaterThan(10 * Math.log10(255.0 * 255.0 / 625)).isCloseTo(20.339, within(0.0005));
        assertThat(metric("identity", "denoise-set12-s25", "psnr").path("value").asDouble()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void oracleHitsTheCeilings() throws Exception {
        assertThat(metric("oracle", "denoise-set12-s25", "ssim").path("value").asDouble()).isEqualTo(1.0);
        assertThat(metric("oracle", "denoise-set12-s25", "psnr").path("value").asDouble()).isEqualTo(100.0);
        assertThat(metric("oracle", "sr-set5-x4", "psnr").path("value").asDouble()).isEqualTo(100.0);
        assertThat(metric("oracle", "seg-voc-sample", "miou").path("value").asDouble()).isEqualTo(1.0);
    }

    @Test
    void runDirectoryHasTheDocumentedLayout() throws Exception {
        Path run = out.resolve("dncnn-s25");
        assertThat(run.resolve("run.json")).exists();
        assertThat(Files.readAllLines(run.resolve("samples/denoise-set12-s25.jsonl"))).hasSize(12);
        assertThat(run.resolve("predictions/denoise-set12-s25/01.png")).exists();
        JsonNode runJson = new ObjectMapper().readTree(run.resolve("run.json").toFile());
        assertThat(runJson.path("model").path("checksum").asText()).startsWith("sha256:");
        assertThat(runJson.path("model").path("details").path("execution_provider").asText()).isEqualTo("CPUExecutionProvider");
        assertThat(runJson.path("identity").path("sha256").asText()).hasSize(64);
    }
}
