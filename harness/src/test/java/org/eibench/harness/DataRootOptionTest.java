package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eibench.harness.TasksCommandTest.eibench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eibench.imaging.ImageFiles;
import org.eibench.metrics.FloatImage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that resolves a task honours {@code --data-root NAME=DIR} for a task file whose root is
 * {@code ${EIBENCH_ROOT_NAME}}, and without it fails with the variable named (exit 2).
 */
class DataRootOptionTest {

    private static final String NAME = "eibtestroot";

    @TempDir
    Path dir;
    private Path yaml;
    private Path run;

    @BeforeEach
    void aTaskWhoseDataIsALocalRoot() throws Exception {
        Path root = dir.resolve("local-copy");
        Files.createDirectories(root.resolve("input"));
        Files.createDirectories(root.resolve("target"));
        for (String id : List.of("001", "002")) {
            float[] px = new float[16 * 12 * 3];
            for (int i = 0; i < px.length; i++) {
                px[i] = (i * 7 + id.hashCode()) % 256;
            }
            ImageFiles.writePng8(new FloatImage(16, 12, 3, px), root.resolve("target/" + id + ".png"));
            ImageFiles.writePng8(new FloatImage(16, 12, 3, px), root.resolve("input/" + id + ".png"));
        }
        yaml = dir.resolve("local-task.yaml");
        Files.writeString(yaml, """
                format: eibench/task@1
                id: local-task
                version: 1
                split: held-out
                zero_shot: task
                kind: restoration
                data: {root: "${EIBENCH_ROOT_EIBTESTROOT}", layout: paired-folders, input: input, target: target}
                instructions: ["Leave the picture as it is."]
                decoder: {type: rgb}
                metrics:
                  - {name: psnr}
                """);
        run = dir.resolve("runs");
        TasksCommandTest.Result r = eibench(with("run", "--task", yaml.toString(), "--model", "oracle", "--out", run.toString()));
        assertThat(r.code()).as(r.err()).isZero();
    }

    private String[] with(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("--data", dir.toString(), "--data-root", NAME + "=" + dir.resolve("local-copy")));
        return a.toArray(String[]::new);
    }

    private String[] without(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("--data", dir.toString()));
        return a.toArray(String[]::new);
    }

    private void honoured(String... args) {
        TasksCommandTest.Result ok = eibench(with(args));
        assertThat(ok.code()).as(String.join(" ", args) + "\n" + ok.out() + ok.err()).isZero();
        TasksCommandTest.Result missing = eibench(without(args));
        assertThat(missing.code()).as(String.join(" ", args) + " without --data-root").isEqualTo(Main.USAGE);
        assertThat(missing.out() + missing.err()).contains("${EIBENCH_ROOT_EIBTESTROOT} has no value")
                .contains("--data-root " + NAME + "=DIR");
    }

    @Test
    void score() {
        honoured("score", "--task", yaml.toString(), "--predictions", run.resolve("oracle/predictions/local-task").toString(),
                "--out", dir.resolve("scored").toString());
    }

    @Test
    void rescore() {
        honoured("rescore", run.resolve("oracle").toString());
    }

    @Test
    void merge() {
        TasksCommandTest.Result ok = eibench(with("merge", run.resolve("oracle").toString(), "--out", dir.resolve("merged").toString()));
        assertThat(ok.code()).as(ok.err()).isZero();
        TasksCommandTest.Result missing = eibench(without("merge", run.resolve("oracle").toString(), "--out", dir.resolve("merged2").toString()));
        assertThat(missing.code()).isEqualTo(Main.USAGE);
        assertThat(missing.out() + missing.err()).contains("${EIBENCH_ROOT_EIBTESTROOT} has no value");
    }

    @Test
    void compare() {
        honoured("compare", run.resolve("oracle").toString(), run.resolve("oracle").toString());
    }

    @Test
    void tasksList() {
        // a built-in paper task is listed as unavailable until its root is given
        TasksCommandTest.Result without = eibench("tasks", "list", "--data", dir.toString());
        assertThat(without.code()).isZero();
        assertThat(line(without.out(), "depth-nyuv2")).contains("unavailable").contains("--data-root nyuv2=DIR");
        TasksCommandTest.Result with = eibench("tasks", "list", "--data", dir.toString(), "--data-root", "nyuv2=" + dir);
        assertThat(with.code()).isZero();
        assertThat(line(with.out(), "depth-nyuv2")).doesNotContain("unavailable").doesNotContain("--data-root");
    }

    /** The listing line of a task and the line after it (where an unavailable task's reason goes). */
    private static String line(String listing, String id) {
        List<String> lines = listing.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(id + " ")) {
                return lines.get(i) + (i + 1 < lines.size() && lines.get(i + 1).startsWith(" ") ? "\n" + lines.get(i + 1) : "");
            }
        }
        throw new AssertionError(id + " not listed:\n" + listing);
    }

    @Test
    void tasksShowAndValidate() {
        honoured("tasks", "show", yaml.toString());
        honoured("tasks", "validate", yaml.toString());
    }
}
