package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import com.fasterxml.jackson.databind.JsonNode;
import org.eibench.harness.run.Json;
import org.eibench.harness.run.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's identity covers the code (EIBench version and git commit) and the data (a digest of every file its tasks
 * read): resuming a run made by other code or on other data is refused (exit 2) unless --force-new, and run.json
 * records both.
 */
class RunIdentityTest {

    @TempDir
    Path tmp;

    /** A three-image super-resolution task over a copy of Set5, so the test may change its files. */
    private Path task(Path data) throws Exception {
        Files.createDirectories(data.resolve("in"));
        Files.createDirectories(data.resolve("gt"));
        Path set5 = SharedData.dir().resolve("sr/Set5");
        for (String id : new String[] {"baby", "bird", "head"}) {
            Files.copy(set5.resolve("HR/" + id + ".png"), data.resolve("gt/" + id + ".png"));
            Files.copy(set5.resolve("LR_bicubic/X4/" + id + "x4.png"), data.resolve("in/" + id + ".png"));
        }
        Path task = data.resolveSibling(data.getFileName() + ".yaml");
        Files.writeString(task, """
                format: eibench/task@1
                id: my-sr
                version: 1
                split: held-out
                zero_shot: task
                kind: restoration
                data: {root: ./%s, layout: paired-folders, input: in, target: gt}
                instructions: ["Make it four times larger."]
                decoder: {type: rgb}
                metrics:
                  - {name: psnr, channel: y, crop: 4}
                """.formatted(data.getFileName()));
        return task;
    }

    private static Cli.Outcome run(Path task, Path out, String... more) {
        String[] args = {"run", "--task", task.toString(), "--model", "identity", "--out", out.toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return Cli.run(all);
    }

    private static JsonNode runJson(Path dir) throws Exception {
        return Json.LINES.readTree(dir.resolve("run.json").toFile());
    }

    @Test
    void runJsonRecordsTheCodeAndTheData() throws Exception {
        Path task = task(tmp.resolve("data"));
        Path out = tmp.resolve("out");
        assertThat(run(task, out).code()).isZero();
        JsonNode run = runJson(out.resolve("identity"));
        JsonNode code = run.path("identity").path("components").path("eibench");
        assertThat(code.path("version").asText()).isEqualTo(Version.get()).isNotEqualTo("dev");
        // The tests run from a checkout, so the build recorded its commit (40 hex digits, -dirty with local changes).
        assertThat(Version.commit()).matches("[0-9a-f]{40}(-dirty)?");
        assertThat(code.path("commit").asText()).isEqualTo(Version.commit());
        assertThat(run.path("environment").path("eibench_commit").asText()).isEqualTo(Version.commit());
        JsonNode data = run.path("data").path("my-sr");
        assertThat(data.path("files").asInt()).isEqualTo(6); // three inputs, three targets
        long bytes = 0;
        try (var files = Files.walk(tmp.resolve("data"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                bytes += Files.size(p);
            }
        }
        assertThat(data.path("bytes").asLong()).isEqualTo(bytes);
        assertThat(data.path("sha256").asText()).hasSize(64);
        assertThat(data.path("stat_sha256").asText()).hasSize(64);
        assertThat(run.path("identity").path("components").path("tasks").get(0).path("data_sha256").asText())
                .isEqualTo(data.path("sha256").asText());

        // The same data elsewhere (another machine, a moved folder) has the same content digest, not the same stat digest.
        Path moved = tmp.resolve("moved");
        CompareCommandTest.copyTree(tmp.resolve("data"), moved);
        Path movedTask = task(tmp.resolve("other"));
        Files.writeString(movedTask, Files.readString(movedTask).replace("./other", "./moved"));
        assertThat(run(movedTask, tmp.resolve("out2")).code()).isZero();
        JsonNode data2 = runJson(tmp.resolve("out2/identity")).path("data").path("my-sr");
        assertThat(data2.path("sha256").asText()).isEqualTo(data.path("sha256").asText());
        assertThat(data2.path("stat_sha256").asText()).isNotEqualTo(data.path("stat_sha256").asText());
    }

    @Test
    void resumingOnOtherDataIsRefusedUnlessForceNew() throws Exception {
        Path task = task(tmp.resolve("data"));
        Path out = tmp.resolve("out");
        assertThat(run(task, out).code()).isZero();
        String sha = runJson(out.resolve("identity")).path("data").path("my-sr").path("sha256").asText();

        // Touched but unchanged: the fast path misses, the content digest is recomputed, equal, and the run resumes.
        Path gt = tmp.resolve("data/gt/bird.png");
        Files.setLastModifiedTime(gt, FileTime.fromMillis(Files.getLastModifiedTime(gt).toMillis() - 60_000));
        Cli.Outcome touched = run(task, out);
        assertThat(touched.code()).as(touched.err()).isZero();
        assertThat(runJson(out.resolve("identity")).path("data").path("my-sr").path("sha256").asText()).isEqualTo(sha);

        // A ground-truth file with other content: refused, naming the task, and nothing is rewritten.
        Files.copy(tmp.resolve("data/gt/head.png"), gt, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String before = Files.readString(out.resolve("identity/samples/my-sr.jsonl"));
        Cli.Outcome refused = run(task, out);
        assertThat(refused.code()).isEqualTo(Main.USAGE);
        assertThat(refused.err()).contains("holds a different run", "task my-sr: data files changed", "--force-new");
        assertThat(Files.readString(out.resolve("identity/samples/my-sr.jsonl"))).isEqualTo(before);
        Cli.Outcome fresh = run(task, out, "--force-new", "--max-failures", "3");
        assertThat(fresh.code()).as(fresh.err()).isZero();
        assertThat(out.resolve("identity-2/run.json")).isRegularFile();
    }

    @Test
    void resumingARunOfOtherCodeIsRefused() throws Exception {
        Path task = task(tmp.resolve("data"));
        Path out = tmp.resolve("out");
        assertThat(run(task, out).code()).isZero();
        // What run.json says when another EIBench made the run: another version (and so another identity).
        Path runJson = out.resolve("identity/run.json");
        String text = Files.readString(runJson);
        String id = runJson(out.resolve("identity")).path("identity").path("sha256").asText();
        Files.writeString(runJson, text.replace("\"version\" : \"" + Version.get() + "\"", "\"version\" : \"0.0.1\"")
                .replace(id, "0".repeat(64)));
        Cli.Outcome o = run(task, out);
        assertThat(o.code()).isEqualTo(Main.USAGE);
        assertThat(o.err()).contains("code: made by EIBench 0.0.1", "this is EIBench " + Version.get());
    }
}
