package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.eibench.harness.run.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs through the CLI on bundled tasks: determinism, shards + merge, resume, score, rescore, cache. */
class RunnerEndToEndTest {

    private static final String TASK = "denoise-set12-s25";

    @TempDir
    Path tmp;

    private Path run(String model, Path out, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("run", "--model", model, "--task", TASK, "--out", out.toString(),
                "--no-cache"));
        a.addAll(List.of(extra));
        if (!a.contains("--threads")) {
            a.addAll(List.of("--threads", "2"));
        }
        Cli.Outcome o = Cli.run(a.toArray(String[]::new));
        assertThat(o.code()).as(o.err()).isZero();
        return out.resolve(model);
    }

    @Test
    void twoIdenticalRunsGiveByteIdenticalSummaries() throws IOException {
        Path a = run("identity", tmp.resolve("a"));
        Path b = run("identity", tmp.resolve("b"), "--threads", "1");
        assertThat(Cli.summary(a)).isEqualTo(Cli.summary(b));
        JsonNode s = Json.LINES.readTree(a.resolve("summary.json").toFile());
        assertThat(s.path("tasks").path(TASK).path("n").asInt()).isEqualTo(12);
        assertThat(s.path("tasks").path(TASK).path("metrics").path("psnr").path("value").asDouble()).isBetween(15.0, 25.0);
    }

    @Test
    void tasksOverlapInThePipelineButNotInTheResults() throws IOException {
        // Several tasks of different sizes: the next task loads while the previous one still scores. One loader and
        // one scorer, or three of each, and small or fast PNGs, must give the same summary and the same pixels.
        String tasks = TASK + ",sr-set5-x4,fg-voc-sample";
        Cli.Outcome a = Cli.run("run", "--model", "identity", "--task", tasks, "--out", tmp.resolve("m1").toString(),
                "--threads", "1", "--no-cache");
        Cli.Outcome b = Cli.run("run", "--model", "identity", "--task", tasks, "--out", tmp.resolve("m3").toString(),
                "--threads", "3", "--prediction-png", "fast", "--no-cache");
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(b.code()).as(b.err()).isZero();
        Path one = tmp.resolve("m1").resolve("identity");
        Path three = tmp.resolve("m3").resolve("identity");
        assertThat(Cli.summary(one)).isEqualTo(Cli.summary(three));
        JsonNode s = Json.LINES.readTree(one.resolve("summary.json").toFile());
        assertThat(s.path("tasks").size()).isEqualTo(3);
        for (String t : tasks.split(",")) {
            int n = s.path("tasks").path(t).path("planned").asInt();
            assertThat(n).isPositive();
            assertThat(s.path("tasks").path(t).path("n").asInt()).isEqualTo(n);
            assertThat(Files.readAllLines(one.resolve("samples").resolve(t + ".jsonl"))).hasSize(n);
            assertThat(Files.readAllLines(three.resolve("samples").resolve(t + ".jsonl"))).hasSize(n);
        }
        Path p1 = one.resolve("predictions").resolve("sr-set5-x4").resolve("baby.png");
        Path p3 = three.resolve("predictions").resolve("sr-set5-x4").resolve("baby.png");
        assertThat(Files.size(p3)).isGreaterThan(Files.size(p1));
        assertThat(org.eibench.imaging.ImageFiles.read(p3))
                .isEqualTo(org.eibench.imaging.ImageFiles.read(p1));
        assertThat(Json.LINES.readTree(three.resolve("run.json").toFile()).path("settings").path("prediction_png").asText())
                .isEqualTo("fast");
    }

    @Test
    void fourShardsMergedEqualTheUnshardedRun() throws IOException {
        Path whole = run("oracle", tmp.resolve("whole"));
        List<String> merge = new java.util.ArrayList<>(List.of("merge"));
        int lines = 0;
        for (int i = 0; i < 4; i++) {
            Path shard = run("oracle", tmp.resolve("shard" + i), "--shard", i + "/4");
            merge.add(shard.toString());
            lines += Files.readAllLines(shard.resolve("samples").resolve(TASK + ".jsonl")).size();
        }
        assertThat(lines).isEqualTo(12);
        merge.addAll(List.of("--out", tmp.resolve("merged").toString()));
        Cli.Outcome o = Cli.run(merge.toArray(String[]::new));
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(Cli.summary(tmp.resolve("merged"))).isEqualTo(Cli.summary(whole));
        assertThat(Files.list(tmp.resolve("merged").resolve("predictions").resolve(TASK)).count()).isEqualTo(12);
    }

    @Test
    void resumeAfterATornTailEqualsAnUninterruptedRun() throws IOException {
        Path whole = run("identity", tmp.resolve("whole"));
        Path partial = run("identity", tmp.resolve("partial"));
        Path lines = partial.resolve("samples").resolve(TASK + ".jsonl");
        List<String> all = Files.readAllLines(lines, StandardCharsets.UTF_8);
        // Keep 5 lines and half of the sixth, as a kill mid-write would leave them.
        String kept = String.join("\n", all.subList(0, 5)) + "\n" + all.get(5).substring(0, all.get(5).length() / 2);
        Files.writeString(lines, kept, StandardCharsets.UTF_8);
        Files.delete(partial.resolve("summary.json"));
        Cli.Outcome o = Cli.run("run", "--model", "identity", "--task", TASK, "--out", tmp.resolve("partial").toString(),
                "--threads", "2", "--no-cache");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).contains("resuming: 5 of 12");
        assertThat(Cli.summary(partial)).isEqualTo(Cli.summary(whole));
        List<String> after = Files.readAllLines(lines, StandardCharsets.UTF_8);
        assertThat(after).hasSize(12);
        assertThat(after.stream().map(l -> l.substring(0, l.indexOf(",\"status\""))).distinct().count()).isEqualTo(12);
    }

    @Test
    void aDirectoryInUseByAnotherRunIsRefused() throws IOException {
        Path dir = tmp.resolve("busy").resolve("identity");
        try (var lock = new org.eibench.harness.run.RunDirectory(dir).lock()) {
            Cli.Outcome o = Cli.run("run", "--model", "identity", "--task", TASK, "--out", tmp.resolve("busy").toString(), "--no-cache");
            assertThat(o.code()).isEqualTo(Main.USAGE);
            assertThat(o.err()).contains("in use by another eibench run");
        }
        assertThat(Cli.run("run", "--model", "identity", "--task", TASK, "--out", tmp.resolve("busy").toString(), "--no-cache",
                "--limit", "2").code()).isZero();
    }

    @Test
    void aDifferentIdentityIsRefusedUnlessForceNew() {
        run("identity", tmp.resolve("r"));
        Cli.Outcome refused = Cli.run("run", "--model", "identity", "--task", TASK, "--out", tmp.resolve("r").toString(),
                "--seed", "7", "--no-cache");
        assertThat(refused.code()).isEqualTo(Main.USAGE);
        assertThat(refused.err()).contains("holds a different run").contains("seed: 0 -> 7").contains("--force-new");
        Cli.Outcome fresh = Cli.run("run", "--model", "identity", "--task", TASK, "--out", tmp.resolve("r").toString(),
                "--seed", "7", "--no-cache", "--force-new", "--limit", "3");
        assertThat(fresh.code()).as(fresh.err()).isZero();
        assertThat(fresh.err()).contains("starting over in").contains("identity-2");
        assertThat(tmp.resolve("r").resolve("identity-2").resolve("summary.json")).exists();
    }

    /** A run's predictions copied into a folder of their own, as predictions made elsewhere. */
    private static Path copyOfPredictions(Path run, Path preds) throws IOException {
        Files.createDirectories(preds);
        try (Stream<Path> s = Files.list(run.resolve("predictions").resolve(TASK))) {
            for (Path p : s.toList()) {
                Files.copy(p, preds.resolve(p.getFileName()));
            }
        }
        return preds;
    }

    @Test
    void scoreOfSavedPredictionsEqualsTheRunAndMissingFilesFail() throws IOException {
        Path r = run("identity", tmp.resolve("r"));
        Path preds = copyOfPredictions(r, tmp.resolve("preds"));
        Cli.Outcome o = Cli.run("score", "--task", TASK, "--predictions", preds.toString(), "--out", tmp.resolve("scored").toString());
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode a = Json.LINES.readTree(r.resolve("summary.json").toFile()).path("tasks");
        JsonNode b = Json.LINES.readTree(tmp.resolve("scored").resolve("summary.json").toFile()).path("tasks");
        assertThat(b).isEqualTo(a);

        // Kept as hard links to the files scored (nothing written), or as copies when asked.
        Path kept = tmp.resolve("scored").resolve("predictions").resolve(TASK).resolve("03.png");
        assertThat(Files.isSameFile(kept, preds.resolve("03.png"))).isTrue();
        Cli.Outcome copied = Cli.run("score", "--task", TASK, "--predictions", preds.toString(), "--out",
                tmp.resolve("copied").toString(), "--copy-predictions");
        assertThat(copied.code()).as(copied.err()).isZero();
        Path copy = tmp.resolve("copied").resolve("predictions").resolve(TASK).resolve("03.png");
        assertThat(Files.isSameFile(copy, preds.resolve("03.png"))).isFalse();
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(preds.resolve("03.png")));
        assertThat(Json.LINES.readTree(tmp.resolve("copied").resolve("summary.json").toFile()).path("tasks")).isEqualTo(a);

        Files.delete(preds.resolve("03.png"));
        Cli.Outcome missing = Cli.run("score", "--task", TASK, "--predictions", preds.toString(), "--out", tmp.resolve("scored2").toString());
        assertThat(missing.code()).isEqualTo(Main.FAILURES);
        assertThat(missing.err()).contains("03").contains("no prediction file").contains(preds.resolve("03.png").toString());
    }

    @Test
    void rescoreRebuildsTheSameSummaryFromSavedPredictions() throws IOException {
        Path r = run("identity", tmp.resolve("r"));
        String before = Cli.summary(r);
        Cli.Outcome o = Cli.run("rescore", r.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(Cli.summary(r)).isEqualTo(before);
        assertThat(r.resolve("samples.previous")).doesNotExist();
    }

    @Test
    void rescoreNamesAPredictionRewrittenInPlaceSinceItWasScored() throws IOException {
        Path r = run("identity", tmp.resolve("r"));
        Path preds = copyOfPredictions(r, tmp.resolve("preds"));
        Path scored = tmp.resolve("scored");
        Cli.Outcome o = Cli.run("score", "--task", TASK, "--predictions", preds.toString(), "--out", scored.toString());
        assertThat(o.code()).as(o.err()).isZero();
        // The same file written again in place (as cv2.imwrite does): the run's hard link now holds other bytes.
        Files.write(preds.resolve("03.png"), Files.readAllBytes(preds.resolve("04.png")));
        Cli.Outcome re = Cli.run("rescore", scored.toString());
        assertThat(re.code()).isEqualTo(Main.FAILURES);
        assertThat(re.err()).contains("03").contains("changed since it was scored")
                .contains(scored.resolve("predictions").resolve(TASK).resolve("03.png").toString());
        assertThat(Files.readString(scored.resolve("samples").resolve(TASK + ".jsonl")).lines()
                .filter(l -> l.contains("\"status\":\"failed\"")).count()).isEqualTo(1);
    }

    @Test
    void rescoreAppliesAChangedTaskFileWithoutTheModel() throws IOException {
        String yaml;
        try (var in = org.eibench.tasks.TaskCatalog.class.getResourceAsStream("catalog/" + TASK + ".yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path file = tmp.resolve("task.yaml");
        Files.writeString(file, yaml.replace("  - {name: ssim}\n", ""));
        Cli.Outcome o = Cli.run("run", "--model", "identity", "--task", file.toString(), "--out", tmp.resolve("r").toString(),
                "--no-cache", "--limit", "4");
        assertThat(o.code()).as(o.err()).isZero();
        Path r = tmp.resolve("r").resolve("identity");
        JsonNode before = Json.LINES.readTree(r.resolve("summary.json").toFile()).path("tasks").path(TASK).path("metrics");
        assertThat(before.has("ssim")).isFalse();
        Files.writeString(file, yaml);
        Cli.Outcome re = Cli.run("rescore", r.toString());
        assertThat(re.code()).as(re.err()).isZero();
        assertThat(re.err()).contains("changed since the run").contains("spec_sha256");
        JsonNode after = Json.LINES.readTree(r.resolve("summary.json").toFile()).path("tasks").path(TASK);
        assertThat(after.path("metrics").has("ssim")).isTrue();
        assertThat(after.path("metrics").path("psnr")).isEqualTo(before.path("psnr"));
        assertThat(after.path("n").asInt()).isEqualTo(4);
    }

    @Test
    void thePredictionCacheSkipsTheModelOnASecondRun() throws IOException {
        Path cache = tmp.resolve("cache");
        TestModels.COUNTING_CALLS.set(0);
        Cli.Outcome first = Cli.run("run", "--model", "test-counting", "--task", TASK, "--out", tmp.resolve("a").toString(),
                "--cache", cache.toString(), "--limit", "4");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(TestModels.COUNTING_CALLS.get()).isEqualTo(4);
        Cli.Outcome second = Cli.run("run", "--model", "test-counting", "--task", TASK, "--out", tmp.resolve("b").toString(),
                "--cache", cache.toString(), "--limit", "4");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(TestModels.COUNTING_CALLS.get()).isEqualTo(4);
        assertThat(second.err()).contains("prediction cache: 4 hit(s)");
        assertThat(Cli.summary(tmp.resolve("b").resolve("test-counting"))).isEqualTo(Cli.summary(tmp.resolve("a").resolve("test-counting")));
    }

    /** eibench cache ... (which takes no --data, unlike what Cli.run gives). */
    private static Cli.Outcome cacheCommand(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "cache";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Main.execute(all, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
        return new Cli.Outcome(code, out.toString(), err.toString());
    }

    /** cache info and clear work on the folder runs fill; a run keeps the cache under --cache-max-mb. */
    @Test
    void theCacheCommandsAndTheSizeCap() throws IOException {
        Path cache = tmp.resolve("cache");
        TestModels.COUNTING_CALLS.set(0);
        assertThat(Cli.run("run", "--model", "test-counting", "--task", TASK, "--out", tmp.resolve("a").toString(),
                "--cache", cache.toString(), "--limit", "4").code()).isZero();
        Cli.Outcome info = cacheCommand("info", "--cache", cache.toString());
        assertThat(info.code()).isZero();
        assertThat(info.out()).contains("prediction cache: " + cache.toAbsolutePath()).contains("entries: 4,");

        Cli.Outcome clear = cacheCommand("clear", "--cache", cache.toString());
        assertThat(clear.out()).startsWith("removed 4 entries (");
        assertThat(cacheCommand("info", "--cache", cache.toString()).out()).contains("entries: 0, size: 0.0 MB");
        assertThat(Cli.run("run", "--model", "test-counting", "--task", TASK, "--out", tmp.resolve("b").toString(),
                "--cache", cache.toString(), "--limit", "4").code()).isZero();
        assertThat(TestModels.COUNTING_CALLS.get()).as("cleared: the model runs again").isEqualTo(8);

        Cli.Outcome capped = Cli.run("run", "--model", "test-counting", "--task", TASK, "--out", tmp.resolve("c").toString(),
                "--cache", cache.toString(), "--limit", "4", "--cache-max-mb", "0");
        assertThat(capped.code()).as(capped.err()).isZero();
        assertThat(capped.err()).contains("prediction cache: removed the 4 least recently used entries");
        assertThat(org.eibench.harness.run.PredictionCache.usage(cache).entries()).isZero();
        assertThat(Cli.summary(tmp.resolve("c").resolve("test-counting"))).isEqualTo(Cli.summary(tmp.resolve("a").resolve("test-counting")));
    }

    @Test
    void rescoreKeepsTheReasonsOfSamplesThatFailedInTheRun() {
        Cli.run("run", "--model", "test-failing", "--task", TASK, "--out", tmp.resolve("f").toString(), "--no-cache");
        Cli.Outcome o = Cli.run("rescore", tmp.resolve("f").resolve("test-failing").toString(), "--max-failures", "2");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).contains(TASK + "/02 [model] failed in the original run (model): planted failure");
    }

    @Test
    void maxFailuresDecidesTheExitCodeAndFailuresAreListed() {
        Cli.Outcome strict = Cli.run("run", "--model", "test-failing", "--task", TASK, "--out", tmp.resolve("a").toString(), "--no-cache");
        assertThat(strict.code()).isEqualTo(Main.FAILURES);
        assertThat(strict.err()).contains("Failed samples of test-failing (2)").contains(TASK + "/02 [model] planted failure")
                .contains("2 of 12 samples failed");
        Cli.Outcome count = Cli.run("run", "--model", "test-failing", "--task", TASK, "--out", tmp.resolve("a").toString(),
                "--no-cache", "--max-failures", "2");
        assertThat(count.code()).isZero();
        Cli.Outcome fraction = Cli.run("run", "--model", "test-failing", "--task", TASK, "--out", tmp.resolve("a").toString(),
                "--no-cache", "--max-failures", "0.1");
        assertThat(fraction.code()).isEqualTo(Main.FAILURES);
        Cli.Outcome percent = Cli.run("run", "--model", "test-failing", "--task", TASK, "--out", tmp.resolve("a").toString(),
                "--no-cache", "--max-failures", "20%");
        assertThat(percent.code()).isZero();
        assertThat(Cli.run("run", "--model", "identity", "--max-failures", "1.5").code()).isEqualTo(Main.USAGE);
    }

    @Test
    void seedsAreRunSeparatelyAndSummarisedWithTheirSpread() throws IOException {
        Cli.Outcome o = Cli.run("run", "--model", "test-noisy", "--task", TASK, "--out", tmp.resolve("s").toString(),
                "--no-cache", "--seeds", "0,1", "--limit", "3");
        assertThat(o.code()).as(o.err()).isZero();
        Path m = tmp.resolve("s").resolve("test-noisy");
        assertThat(m.resolve("seed-0").resolve("summary.json")).exists();
        assertThat(m.resolve("seed-1").resolve("summary.json")).exists();
        JsonNode psnr = Json.LINES.readTree(m.resolve("summary.json").toFile()).path("tasks").path(TASK).path("metrics").path("psnr");
        JsonNode vals = psnr.path("seeds").path("values");
        assertThat(vals.size()).isEqualTo(2);
        assertThat(vals.get(0).asDouble()).isNotEqualTo(vals.get(1).asDouble());
        assertThat(psnr.path("value").asDouble()).isCloseTo((vals.get(0).asDouble() + vals.get(1).asDouble()) / 2,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(psnr.path("seeds").path("std").asDouble()).isPositive();
        // Both seeds score the same subset.
        assertThat(Files.readAllLines(m.resolve("seed-0").resolve("samples").resolve(TASK + ".jsonl")).stream()
                .map(l -> l.substring(0, 10)).sorted().toList())
                .isEqualTo(Files.readAllLines(m.resolve("seed-1").resolve("samples").resolve(TASK + ".jsonl")).stream()
                        .map(l -> l.substring(0, 10)).sorted().toList());
    }
}
