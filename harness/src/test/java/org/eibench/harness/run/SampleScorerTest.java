package org.eibench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The scorer on its own, as a process that runs the model elsewhere (a cluster executor) would call it: the task, the
 * loaded sample and the model's output give the line the runner writes, and the same prediction and view files.
 */
class SampleScorerTest {

    /** Restoration with resizing, segmentation, a synthesised input, generation with gallery views. */
    private static final List<String> TASKS = List.of("sr-set5-x4", "seg-voc-sample", "deblur-set3c", "canny-to-image-kodak");
    private static final int LIMIT = 3;

    @TempDir
    Path tmp;

    /** Returns its input, so that the standalone caller knows the output without a model. */
    private static final class Echo implements ModelRuntime {
        @Override
        public ModelInfo info() {
            return new ModelInfo("echo", "test:echo", "cpu", Map.of());
        }

        @Override
        public int maxBatchSize() {
            return 2;
        }

        @Override
        public List<Output> generate(List<Request> batch) {
            return batch.stream().<Output>map(r -> new Output.Generated(r.id(), r.image(), Map.of(), 0)).toList();
        }
    }

    private static TaskCatalog catalog() {
        return new TaskCatalog(Path.of(System.getProperty("eibench.repo.root", "..")).resolve("data").toAbsolutePath());
    }

    /** A line without its timings, which differ from run to run. */
    private static JsonNode timeless(JsonNode line) {
        ObjectNode o = line.deepCopy();
        o.remove("timing_ms");
        return o;
    }

    @Test
    void standaloneScoringGivesTheRunnersLinesAndFiles() throws Exception {
        TaskCatalog catalog = catalog();
        List<Task> tasks = new ArrayList<>();
        for (String id : TASKS) {
            tasks.add(catalog.task(id));
        }
        RunSettings settings = RunSettings.builder().threads(2, 2).limit(LIMIT).build();
        RunDirectory byRunner = new RunDirectory(tmp.resolve("runner"));
        Runner.Result result = new Runner(settings, null).run(new Echo(), tasks, byRunner);
        assertThat(result.failed()).isZero();

        RunDirectory alone = new RunDirectory(tmp.resolve("alone"));
        SampleScorer scorer = new SampleScorer(alone, settings.predictionPng());
        int compared = 0;
        for (Task task : tasks) {
            Map<String, JsonNode> lines = new HashMap<>();
            RunDirectory.scan(byRunner.samplesFile(task.id()), (node, text) -> lines.put(node.path("id").asText(), node));
            List<SampleRef> plan = Plan.of(task.samples(), settings.subsetSeed(), LIMIT, null);
            assertThat(lines).hasSize(plan.size());
            for (SampleRef ref : plan) {
                Sample sample = task.load(ref);
                SampleRecord rec = scorer.score(task, ref, sample, sample.input(), 1.5, 2.5);
                assertThat(rec.ok()).as(rec.reason()).isTrue();
                assertThat(timeless(rec.toJson())).as(task.id() + "/" + ref.id()).isEqualTo(timeless(lines.get(ref.id())));
                assertThat(rec.timingMs()).containsEntry("load", 1.5).containsEntry("model", 2.5)
                        .containsKeys("score", "decode", "metrics", "write");
                compared++;
            }
        }
        assertThat(compared).isEqualTo(TASKS.size() * LIMIT);
        // The same prediction PNGs and gallery views, byte for byte.
        for (String folder : List.of("predictions", "views")) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(byRunner.dir().resolve(folder))) {
                files = s.filter(Files::isRegularFile).toList();
            }
            assertThat(files).hasSizeGreaterThanOrEqualTo(folder.equals("views") ? LIMIT : compared);
            for (Path f : files) {
                Path rel = byRunner.dir().relativize(f);
                assertThat(Files.readAllBytes(alone.dir().resolve(rel))).as(rel.toString()).isEqualTo(Files.readAllBytes(f));
            }
        }
    }

    @Test
    void aProblemWithTheSampleIsAFailedLineWithItsSourceNeverAnException() throws Exception {
        Task task = catalog().task("sr-set5-x4");
        SampleRef ref = task.samples().get(0);
        Sample sample = task.load(ref);

        // The run directory cannot hold predictions: a file stands where their folder goes.
        Path dir = tmp.resolve("broken");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("predictions"), "not a folder");
        SampleRecord write = new SampleScorer(new RunDirectory(dir), PredictionPng.Compression.SMALL)
                .score(task, ref, sample, sample.input(), 0, 0);
        assertThat(write.ok()).isFalse();
        assertThat(write.stage()).isEqualTo("write");
        assertThat(write.reason()).startsWith("cannot save prediction");
        assertThat(write.instruction()).isEqualTo(sample.instruction());
        assertThat(write.source().target()).isEqualTo(SampleRecord.Source.of(task, ref).target()).isNotNull();

        // No output at all (a broken caller): an internal error of this sample, not of the run.
        SampleRecord none = new SampleScorer(new RunDirectory(tmp.resolve("ok")), PredictionPng.Compression.SMALL)
                .score(task, ref, sample, null, 0, 0);
        assertThat(none.ok()).isFalse();
        assertThat(none.stage()).isEqualTo("score");
        assertThat(none.reason()).startsWith("internal error: java.lang.NullPointerException");
        assertThat(none.source()).isEqualTo(SampleRecord.Source.of(task, ref));
    }

    @Test
    void anOutputTheDecoderResizedIsMarkedOnItsLineAndOldLinesStillRead() throws Exception {
        Task task = catalog().task("sr-set5-x4");
        SampleRef ref = task.samples().get(0);
        Sample sample = task.load(ref);
        SampleScorer scorer = new SampleScorer(new RunDirectory(tmp.resolve("sr")), PredictionPng.Compression.SMALL);
        // The low-resolution input as the output: the decoder upsamples it to the target's size.
        SampleRecord small = scorer.score(task, ref, sample, sample.input(), 0, 0);
        assertThat(small.ok()).as(small.reason()).isTrue();
        String expected = sample.input().width() + "x" + sample.input().height() + " to " + sample.reference().width() + "x"
                + sample.reference().height();
        assertThat(small.resized()).isEqualTo(expected);
        assertThat(small.toJson().path("decoder_resized").asText()).isEqualTo(expected);
        assertThat(SampleRecord.fromJson(small.toJson()).resized()).isEqualTo(expected);
        // An output at the target's size is not marked.
        SampleRecord full = scorer.score(task, ref, sample, sample.reference(), 0, 0);
        assertThat(full.resized()).isNull();
        assertThat(full.toJson().has("decoder_resized")).isFalse();
        // A line written before the field existed reads as not resized.
        ObjectNode old = small.toJson().deepCopy();
        old.remove("decoder_resized");
        assertThat(SampleRecord.fromJson(old).resized()).isNull();
    }
}
