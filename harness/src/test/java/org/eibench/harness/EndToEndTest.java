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
 * published 30.44 dB on Set12 sigma 25; the noisy input itself (identity) at 20.33 +- 0.05 dB; the oracle at SSIM 1,
 * capped PSNR and mIoU 1.
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

    @Test
    void identityIsTheQuantisedNoisyInput() throws Exception {
        assertThat(metric("identity", "denoise-set12-s25", "psnr").path("value").asDouble()).isCloseTo(20.33, within(0.05));
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
