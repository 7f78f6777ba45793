package org.eibench.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eibench.tasks.spec.SpecException;
import org.eibench.tasks.spec.SpecProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task file with several mistakes reports all of them, each with line, column and field. */
class ValidationTest {

    @TempDir
    Path dir;

    static final String FIVE_MISTAKES = """
            format: eibench/task@1
            id: my-task
            version: 1
            split: unseen
            zero_shot: instruction
            kind: depth
            colour: red
            data:
              root: .
              layout: paired-folders
              input: in
              target: gt
              depth_scale: lots
            instructions:
              - {text: "Shade by distance.", style: poetic}
            decoder: {type: gray-depth, range: 10}
            metrics:
              - {name: psnr}
            """;

    /** The first three lines of a task file. */
    static final String VALID_HEADER = "format: eibench/task@1\nid: x\nversion: 1\n";
    /** A restoration task up to its metrics (lines 1 to 8). */
    static final String RESTORATION = VALID_HEADER + """
                split: seen
                zero_shot: task
                kind: restoration
                data: {root: ., layout: paired-folders, input: a, target: b}
                decoder: {type: rgb}
                """;

    static List<SpecProblem> problems(String yaml, Path base, TaskContext ctx) {
        SpecException e = catchThrowableOfType(SpecException.class,
                () -> TaskFiles.parse(yaml.getBytes(StandardCharsets.UTF_8), "t.yaml", base, ctx));
        assertThat(e).as("expected problems").isNotNull();
        return e.problems();
    }

    @Test
    void fiveMistakesAreAllReportedWithLineAndField() {
        List<SpecProblem> p = problems(FIVE_MISTAKES, dir, TaskContext.of(dir));
        assertThat(p).extracting(SpecProblem::field)
                .contains("split", "colour", "data.depth_scale", "instructions[0].style", "metrics[0].name");
        assertThat(p).filteredOn(x -> x.field().equals("split")).singleElement()
                .satisfies(x -> assertThat(x.line()).isEqualTo(4));
        assertThat(p).filteredOn(x -> x.field().equals("colour")).singleElement()
                .satisfies(x -> assertThat(x.line()).isEqualTo(7));
        assertThat(p).filteredOn(x -> x.field().equals("data.depth_scale")).singleElement()
                .satisfies(x -> assertThat(x.line()).isEqualTo(13));
        assertThat(p).filteredOn(x -> x.field().equals("instructions[0].style")).singleElement()
                .satisfies(x -> assertThat(x.line()).isEqualTo(15));
        assertThat(p).filteredOn(x -> x.field().equals("metrics[0].name")).singleElement()
                .satisfies(x -> {
                    assertThat(x.line()).isEqualTo(18);
                    assertThat(x.message()).contains("does not fit a depth task");
                });
        assertThat(p).allSatisfy(x -> assertThat(x.column()).isPositive());
        assertThat(p.get(0).toString()).startsWith("t.yaml:");
    }

    @Test
    void missingDataAndUnsetRootsAreProblems() {
        String yaml = """
                format: eibench/task@1
                id: x
                version: 1
                split: seen
                zero_shot: task
                kind: restoration
                data: {root: "${EIBENCH_ROOT_MYSET}/images", layout: paired-folders, input: a, target: b}
                decoder: {type: rgb}
                metrics: [{name: psnr}]
                """;
        TaskContext none = new TaskContext(dir, Map.of(), k -> null, Plugins.classPath());
        assertThat(problems(yaml, dir, none)).singleElement().satisfies(x -> {
            assertThat(x.field()).isEqualTo("data.root");
            assertThat(x.message()).contains("${EIBENCH_ROOT_MYSET} has no value").contains("--data-root myset=DIR");
        });
        TaskContext given = new TaskContext(dir, Map.of("myset", dir.resolve("nowhere")), k -> null, Plugins.classPath());
        assertThat(problems(yaml, dir, given)).singleElement().satisfies(x -> assertThat(x.message()).contains("does not exist"));
    }

    @Test
    void decoderAndMetricOptionsAreChecked() {
        String yaml = """
                format: eibench/task@1
                id: x
                version: 1
                split: seen
                zero_shot: task
                kind: segmentation
                data: {root: ., layout: paired-folders, input: a, target: b, target_format: depth-png}
                instruction_mode: all
                decoder: {type: palette, palette: cityscapes, colour: 3}
                metrics: [{name: miou, num_classes: 21, ignor_index: 255}]
                """;
        List<SpecProblem> p = problems(yaml, dir, TaskContext.of(dir));
        assertThat(p).extracting(SpecProblem::field).contains("data.target_format", "instruction_mode", "decoder.palette",
                "decoder.colour", "metrics[0].ignor_index");
    }

    @Test
    void aMetricsOwnOptionProblemNamesTheKeyWithItsLineAndColumn() {
        String yaml = RESTORATION + """
                instructions: ["Restore."]
                metrics:
                  - {name: psnr}
                  - {name: ssim, crop: 2.5,
                     channel: y, win_size: lots}
                """;
        List<SpecProblem> p = problems(yaml, dir, TaskContext.of(dir));
        assertThat(p).filteredOn(x -> x.field().equals("metrics[1].crop")).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(12);
            assertThat(x.column()).isEqualTo(24);
            assertThat(x.message()).isEqualTo("must be a whole number, not '2.5'");
        });
        assertThat(p).filteredOn(x -> x.field().equals("metrics[1].win_size")).singleElement()
                .satisfies(x -> assertThat(x.line()).isEqualTo(13));
    }

    /** A value a metric rejects as a whole is reported on the metric's entry, never as a field ending in a dot. */
    @Test
    void aMetricRejectingItsOptionsAsAWholeIsNamedByItsEntry() {
        String yaml = RESTORATION + """
                metrics:
                  - {name: ssim, win_size: 4}
                """;
        List<SpecProblem> p = problems(yaml, dir, TaskContext.of(dir));
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.field()).isEqualTo("metrics[0]");
            assertThat(x.line()).isEqualTo(10);
            assertThat(x.message()).contains("win_size 4");
        });
        assertThat(p.get(0).toString()).doesNotContain("metrics[0].'");
    }

    @Test
    void aYamlSyntaxErrorSaysWhatWasExpectedAndWhere() {
        String yaml = VALID_HEADER + """
                data:
                  root: .
                 layout: paired-folders
                """;
        List<SpecProblem> p = problems(yaml, dir, TaskContext.of(dir));
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(6);
            assertThat(x.column()).isEqualTo(2);
            assertThat(x.message()).startsWith("not valid YAML: expected <block end>, but found")
                    .contains("while parsing a block mapping that starts at line 1, column 1");
        });
    }
}
