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
import org.eibench.imaging.ImageFiles;
import org.eibench.metrics.FloatImage;
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

    @Test
    void aLabelFileReadAsIntegersGivesTheLineItsImageGives() throws Exception {
        Path data = tmp.resolve("seg");
        Path pred = data.resolve("pred");
        for (String d : List.of("input", "target", "pred")) {
            Files.createDirectories(data.resolve(d));
        }
        float[] gt = new float[16 * 12];
        for (int i = 0; i < gt.length; i++) {
            gt[i] = (i / 7) % 4;
        }
        float[] same = gt.clone();
        same[5] = 3;
        float[] small = new float[8 * 6];
        for (int i = 0; i < small.length; i++) {
            small[i] = i % 5;                                  // class 4 is out of range: a wrong prediction
        }
        float[] wide = gt.clone();
        wide[0] = 300;                                         // a 16-bit file: quantised to 255 as an 8-bit output
        for (String id : List.of("00", "01", "02", "03")) {
            ImageFiles.writePng8(new FloatImage(16, 12, 1, gt), data.resolve("target").resolve(id + ".png"));
            ImageFiles.writePng8(new FloatImage(16, 12, 3, new float[16 * 12 * 3]), data.resolve("input").resolve(id + ".png"));
        }
        ImageFiles.writePng8(new FloatImage(16, 12, 1, same), pred.resolve("00.png"));
        ImageFiles.writePng8(new FloatImage(8, 6, 1, small), pred.resolve("01.png"));
        ImageFiles.writePng8(new FloatImage(16, 12, 3, new float[16 * 12 * 3]), pred.resolve("02.png"));
        Files.write(pred.resolve("03.png"), ImageFiles.encodePng16(new FloatImage(16, 12, 1, wide)));
        Path yaml = tmp.resolve("seg.yaml");
        Files.writeString(yaml, """
                format: eibench/task@1
                id: seg-labels
                version: 1
                split: held-out
                zero_shot: task
                kind: segmentation
                data: {root: seg, layout: paired-folders, input: input, target: target}
                instructions: ["Write each pixel's class id."]
                decoder: {type: labels}
                metrics:
                  - {name: miou, num_classes: 4}
                """);
        Task task = catalog().task(yaml.toString());
        ModelRuntime folder = new PredictionsRuntime(pred, PredictionsRuntime.folderInfo(pred)).forTask(task);
        SampleScorer viaLabels = new SampleScorer(new RunDirectory(tmp.resolve("labels")), PredictionPng.Compression.SMALL);
        SampleScorer viaImage = new SampleScorer(new RunDirectory(tmp.resolve("image")), PredictionPng.Compression.SMALL);
        Map<String, Boolean> readAsLabels = new HashMap<>();
        Map<String, SampleRecord> lines = new HashMap<>();
        for (SampleRef ref : task.samples()) {
            Sample sample = task.load(ref);
            Path f = pred.resolve(ref.id() + ".png");
            byte[] bytes = Files.readAllBytes(f);
            ImageFiles.Decoded d = ImageFiles.decode(bytes, f.toString());
            SampleScorer.Source source = new SampleScorer.Source(bytes, d.bitDepth(), f);
            SampleRecord image = viaImage.score(task, ref, sample, d.image(), source, 0, 0);
            Output out = ((Runner.Stored) folder).read(ref.id());
            readAsLabels.put(ref.id(), out instanceof Output.Labels);
            SampleRecord got = out instanceof Output.Labels lb
                    ? viaLabels.scoreLabels(task, ref, sample, lb.labels(), source, 0, 0)
                    : viaLabels.score(task, ref, sample, ((Output.Generated) out).image(), source, 0, 0);
            assertThat(timeless(got.toJson())).as(ref.id()).isEqualTo(timeless(image.toJson()));
            lines.put(ref.id(), got);
        }
        // One-channel files of at most the decoder's 8 bits are read as integers; the others as images, as before.
        assertThat(readAsLabels).containsExactlyInAnyOrderEntriesOf(Map.of("00", true, "01", true, "02", false, "03", false));
        assertThat(lines.get("00").ok()).isTrue();
        assertThat(lines.get("01").resized()).isEqualTo("8x6 to 16x12");
        assertThat(lines.get("02").stage()).isEqualTo("decode");
        assertThat(lines.get("02").reason()).contains("one-channel");
        assertThat(lines.get("03").ok()).isTrue();
        // The saved predictions of the files read as integers are the files given, byte for byte.
        for (String id : List.of("00", "01")) {
            assertThat(Files.readAllBytes(tmp.resolve("labels").resolve(lines.get(id).prediction())))
                    .isEqualTo(Files.readAllBytes(pred.resolve(id + ".png")));
        }
    }
}
