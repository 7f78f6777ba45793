package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.eibench.harness.run.Json;
import org.eibench.harness.run.Plan;
import org.eibench.harness.run.RunDirectory;
import org.eibench.harness.run.RunManifest;
import org.eibench.harness.run.RunSettings;
import org.eibench.harness.run.Runner;
import org.eibench.runtime.Capabilities;
import org.eibench.runtime.ModelInfo;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;
import org.eibench.tasks.Sample;
import org.eibench.tasks.Task;
import org.eibench.tasks.TaskCatalog;
import org.eibench.tasks.data.SampleRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sample lines say where a sample came from (instruction index/style, input and target files, as the report gallery
 * reads them), and each request carries the per-sample parameters derived from the sample (sample_index, kernel).
 */
class SampleSourceTest {

    @TempDir
    Path tmp;

    /** Tasks name the hints they offer, models the hints they read; neither module sees the other's list. */
    @Test
    void tasksOfferExactlyTheHintsModelsCanDeclare() {
        assertThat(Sample.HINTS).isEqualTo(Capabilities.KNOWN_HINTS);
    }

    /** An oracle that remembers the params and hints of every request (it declares it reads both). */
    private static final class Recording implements ModelRuntime {
        final Map<String, Map<String, Object>> params = new ConcurrentHashMap<>();
        final Map<String, Map<String, Object>> hints = new ConcurrentHashMap<>();

        @Override
        public ModelInfo info() {
            return new ModelInfo("recording", "test:recording", "cpu", Map.of(),
                    new Capabilities(true, Set.of(Capabilities.BLUR_KERNEL)));
        }

        @Override
        public int maxBatchSize() {
            return 3;
        }

        @Override
        public List<Output> generate(List<Request> batch) {
            return batch.stream().<Output>map(r -> {
                params.put(r.id(), r.params());
                hints.put(r.id(), r.hints());
                return new Output.Generated(r.id(), r.reference(), Map.of(), 0);
            }).toList();
        }
    }

    private static List<JsonNode> lines(Path dir, String task) throws Exception {
        try (Stream<String> s = Files.lines(dir.resolve("samples").resolve(task + ".jsonl"))) {
            return s.map(l -> {
                try {
                    return Json.LINES.readTree(l);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    private static Runner runner(Integer limit, Plan.Shard shard, Map<String, Object> params) {
        return new Runner(RunSettings.builder().threads(2, 2).limit(limit).shard(shard).generationParams(params).build(), null);
    }

    @Test
    void linesRecordInstructionAndFilesThatTheGalleryResolves() throws Exception {
        TaskCatalog catalog = new TaskCatalog(Cli.data());
        Task seg = catalog.task("seg-voc-sample");
        Task deblur = catalog.task("deblur-set3c");
        Path dir = tmp.resolve("run");
        Runner.Result r = runner(null, null, Map.of()).run(new Recording(), List.of(seg, deblur), new RunDirectory(dir));
        assertThat(r.failed()).isZero();

        JsonNode run = Json.LINES.readTree(dir.resolve("run.json").toFile());
        Path segRoot = Path.of(run.path("tasks").get(0).path("data_root").asText());
        for (JsonNode l : lines(dir, "seg-voc-sample")) {
            assertThat(l.path("instruction_index").asInt()).isZero();
            assertThat(l.path("instruction_style").asText()).isEqualTo("explanatory");
            // Relative to the data root of run.json, and naming existing files.
            assertThat(Path.of(l.path("input").asText())).isRelative();
            assertThat(segRoot.resolve(l.path("input").asText())).isRegularFile();
            assertThat(segRoot.resolve(l.path("target").asText())).isRegularFile();
            assertThat(l.path("input").asText()).contains("_image");
            assertThat(l.path("target").asText()).contains("_label");
        }
        Path deblurRoot = Path.of(run.path("tasks").get(1).path("data_root").asText());
        for (JsonNode l : lines(dir, "deblur-set3c")) {
            // The input is synthesised by the blur degradation: no file holds it.
            assertThat(l.has("input")).isFalse();
            assertThat(deblurRoot.resolve(l.path("target").asText())).isRegularFile();
            assertThat(l.path("instruction_style").asText()).isEqualTo("explanatory");
        }

        // The report gallery finds them: input + prediction + ground truth thumbnails for segmentation,
        // prediction + ground truth for deblurring.
        Path report = tmp.resolve("report");
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"report", dir.toString(), "--out", report.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        String html = Files.readString(report.resolve("index.html"));
        assertThat(html).contains("-input.png").contains("-gt.png");
    }

    @Test
    void requestsCarryTheSampleIndexAndTheBlurKernelWithoutChangingTheIdentity() throws Exception {
        TaskCatalog catalog = new TaskCatalog(Cli.data());
        Task deblur = catalog.task("deblur-set3c");
        List<SampleRef> all = deblur.samples();
        Recording whole = new Recording();
        Runner plain = runner(null, null, Map.of());
        plain.run(whole, List.of(deblur), new RunDirectory(tmp.resolve("whole")));
        assertThat(whole.params).hasSize(all.size());
        for (int i = 0; i < all.size(); i++) {
            Map<String, Object> p = whole.params.get(all.get(i).id());
            assertThat(p.get("sample_index")).isEqualTo(i);
            assertThat(p).doesNotContainKey("kernel");
            // The blur_kernel hint, which this model declares: Levin kernel 1 as stored, 19 x 19 numbers summing to 1.
            List<?> rows = (List<?>) whole.hints.get(all.get(i).id()).get(Capabilities.BLUR_KERNEL);
            assertThat(rows).hasSize(19);
            double sum = rows.stream().flatMap(row -> ((List<?>) row).stream()).mapToDouble(x -> ((Number) x).doubleValue()).sum();
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        }

        // Each shard sends each sample the same index as the whole run.
        Recording parts = new Recording();
        for (int k = 0; k < 2; k++) {
            runner(null, new Plan.Shard(k, 2), Map.of()).run(parts, List.of(deblur), new RunDirectory(tmp.resolve("part" + k)));
        }
        assertThat(parts.params).hasSize(all.size());
        parts.params.forEach((id, p) -> assertThat(p.get("sample_index")).isEqualTo(whole.params.get(id).get("sample_index")));

        // Derived params are not part of the run identity; run-level params are, and win over derived ones.
        ModelInfo info = whole.info();
        JsonNode run = Json.LINES.readTree(tmp.resolve("whole").resolve("run.json").toFile());
        assertThat(run.path("settings").path("generation_params").size()).isZero();
        assertThat(run.path("identity").toString()).doesNotContain("sample_index");
        Recording overridden = new Recording();
        Runner withParam = runner(1, null, Map.of("kernel", "/k.csv"));
        assertThat(new RunManifest(withParam.settings()).identity(List.of(deblur), info).sha256())
                .isNotEqualTo(new RunManifest(plain.settings()).identity(List.of(deblur), info).sha256());
        withParam.run(overridden, List.of(deblur), new RunDirectory(tmp.resolve("param")));
        assertThat(overridden.params.values()).allSatisfy(p -> assertThat(p.get("kernel")).isEqualTo("/k.csv"));
    }

    @Test
    void theWienerBaselineDeblursWithTheSamplesKernel() throws Exception {
        // Without a kernel in its spec, wiener reads the blur_kernel hint it declares: no sample fails and it beats
        // the blurred input.
        Cli.Outcome w = Cli.run("run", "--model", "wiener", "--task", "deblur-set3c", "--out", tmp.toString(), "--no-cache");
        assertThat(w.code()).as(w.err()).isZero();
        Cli.Outcome i = Cli.run("run", "--model", "identity", "--task", "deblur-set3c", "--out", tmp.toString(), "--no-cache");
        assertThat(i.code()).as(i.err()).isZero();
        JsonNode ws = Json.LINES.readTree(tmp.resolve("wiener/summary.json").toFile()).path("tasks").path("deblur-set3c");
        JsonNode is = Json.LINES.readTree(tmp.resolve("identity/summary.json").toFile()).path("tasks").path("deblur-set3c");
        assertThat(ws.path("failed").asInt()).isZero();
        assertThat(ws.path("metrics").path("psnr").path("value").asDouble())
                .isGreaterThan(is.path("metrics").path("psnr").path("value").asDouble() + 2);
    }
}
