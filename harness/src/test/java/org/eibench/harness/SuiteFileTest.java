package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eibench.tasks.SuiteSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suite files as docs/tasks.md describes them ("Reference: suite files"). */
class SuiteFileTest {

    @TempDir
    Path dir;

    /** The example of docs/tasks.md, with its task file beside it, validates and runs as written. */
    @Test
    void theDocumentedExampleValidatesAndRuns() throws Exception {
        String doc = Files.readString(Path.of(System.getProperty("eibench.repo.root", "..")).resolve("docs/tasks.md"));
        int section = doc.indexOf("## Reference: suite files");
        int start = doc.indexOf("```yaml\n", section) + "```yaml\n".length();
        String example = doc.substring(start, doc.indexOf("```", start));
        Path suites = Files.createDirectories(dir.resolve("ci"));
        Path suite = suites.resolve("ci.suite.yaml");
        Files.writeString(suite, example);
        // The suite's relative task file, relative to the suite's folder, not to where eibench runs.
        writeInvertTask(suites.resolve("my-tasks"));

        TasksCommandTest.Result validate = TasksCommandTest.eibench("tasks", "validate", "--data", Cli.data().toString(),
                suite.toString());
        assertThat(validate.code()).as(validate.err()).isZero();

        Path out = dir.resolve("out");
        TasksCommandTest.Result run = TasksCommandTest.eibench("run", "--data", Cli.data().toString(), "--suite",
                suite.toString(), "--model", "identity", "--limit", "2", "--out", out.toString(), "--no-cache");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(out.resolve("identity/samples/invert-colours.jsonl")).isRegularFile();
        assertThat(out.resolve("identity/samples/sr-set5-x4.jsonl")).isRegularFile();
    }

    @Test
    void theDefaultOutputFolderIsNamedAfterTheSuite() {
        assertThat(RunCommand.suiteFolderName(new SuiteSpec("quick", List.of("x"), List.of(), Map.of()))).isEqualTo("quick");
        assertThat(RunCommand.suiteFolderName(new SuiteSpec("/a/b/nightly.suite.yaml", List.of("x"), List.of(), Map.of())))
                .isEqualTo("nightly");
        assertThat(RunCommand.suiteFolderName(new SuiteSpec("my ci", List.of("x"), List.of(), Map.of()))).isEqualTo("my_ci");
    }

    private static void writeInvertTask(Path folder) throws Exception {
        Path root = folder.resolve("data");
        Files.createDirectories(root.resolve("input"));
        Files.createDirectories(root.resolve("target"));
        for (String id : List.of("baby", "bird")) {
            Path image = SharedData.dir().resolve("sr/Set5/HR/" + id + ".png");
            Files.copy(image, root.resolve("input/" + id + ".png"));
            Files.copy(image, root.resolve("target/" + id + ".png"));
        }
        Files.writeString(folder.resolve("invert-colours.yaml"), """
                format: eibench/task@1
                id: invert-colours
                version: 1
                split: held-out
                zero_shot: task
                kind: restoration
                data: {root: %s, layout: paired-folders, input: input, target: target}
                instructions: ["Swap every colour for its opposite."]
                decoder: {type: rgb}
                metrics: [{name: psnr}]
                """.formatted(root.toAbsolutePath()));
    }
}
