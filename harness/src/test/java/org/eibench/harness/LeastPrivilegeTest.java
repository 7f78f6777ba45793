package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.eibench.harness.run.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models see the ground truth and task hints only when they declare it (ModelInfo's capabilities): a plugin that
 * declares nothing gets neither, however it asks; the oracle and the non-blind wiener get exactly what they declare;
 * run.json and summary.json record the declaration, which is what the reports label and keep out of rankings.
 */
class LeastPrivilegeTest {

    @TempDir
    Path tmp;

    private static JsonNode json(Path f) throws Exception {
        return Json.LINES.readTree(f.toFile());
    }

    @Test
    void aPluginThatTriesToReadTheReferenceReceivesNothing() throws Exception {
        int before = TestModels.PEEKING_REQUESTS.get();
        // Deblurring offers the blur_kernel hint; segmentation has a reference that would score mIoU 1.
        Cli.Outcome o = Cli.run("run", "--model", "test-peeking", "--task", "deblur-set3c,seg-voc-sample", "--out",
                tmp.toString(), "--no-cache");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(TestModels.PEEKING_REQUESTS.get() - before).as("requests made").isEqualTo(3 + 7);
        assertThat(TestModels.PEEKING_SAW.get()).as("requests that carried a reference or a hint").isZero();
        JsonNode summary = json(tmp.resolve("test-peeking/summary.json"));
        assertThat(summary.path("tasks").path("seg-voc-sample").path("metrics").path("miou").path("value").asDouble())
                .isLessThan(0.5);
        assertThat(summary.path("run").path("model_capabilities").toString()).isEqualTo("{\"reads_reference\":false,\"hints\":[]}");
        assertThat(json(tmp.resolve("test-peeking/run.json")).path("model").path("capabilities").toString())
                .isEqualTo("{\"reads_reference\":false,\"hints\":[]}");
    }

    @Test
    void declaredCapabilitiesAreRecordedAndPartOfTheIdentity() throws Exception {
        Cli.Outcome o = Cli.run("run", "--model", "oracle,wiener,identity", "--task", "deblur-set3c", "--out", tmp.toString(),
                "--no-cache");
        assertThat(o.code()).as(o.err()).isZero();
        Map<String, String> expected = Map.of("oracle", "{\"reads_reference\":true,\"hints\":[]}",
                "wiener", "{\"reads_reference\":false,\"hints\":[\"blur_kernel\"]}",
                "identity", "{\"reads_reference\":false,\"hints\":[]}");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            JsonNode run = json(tmp.resolve(e.getKey()).resolve("run.json"));
            assertThat(run.path("model").path("capabilities").toString()).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(run.path("identity").path("components").path("model_capabilities").toString()).isEqualTo(e.getValue());
            assertThat(json(tmp.resolve(e.getKey()).resolve("summary.json")).path("run").path("model_capabilities").toString())
                    .isEqualTo(e.getValue());
        }
        // The oracle reads the reference it declared: the ceiling.
        assertThat(json(tmp.resolve("oracle/summary.json")).path("tasks").path("deblur-set3c").path("metrics").path("psnr")
                .path("value").asDouble()).isEqualTo(100.0);
        // The report labels both and ranks neither.
        String html = java.nio.file.Files.readString(tmp.resolve("report/index.html"));
        assertThat(html).contains("ceiling: reads the ground truth · not ranked", "non-blind: given blur_kernel · not ranked");
        String md = java.nio.file.Files.readString(tmp.resolve("report.md"));
        assertThat(md).contains("- oracle: ceiling: reads the ground truth", "- wiener: non-blind: given blur_kernel");
        assertThat(Set.of("oracle", "wiener")).allSatisfy(m -> assertThat(html).contains(m + " ("));
    }
}
