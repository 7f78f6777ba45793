package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eibench.metrics.FloatImage;
import org.eibench.runtime.image.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `eibench tasks validate | list | show`, and a custom held-out task made of a YAML file and a folder, run end to end. */
class TasksCommandTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result eibench(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.execute(args, new PrintWriter(o, true), new PrintWriter(e, true));
        return new Result(code, o.toString(), e.toString());
    }

    @Test
    void validateReportsFiveMistakesWithLineAndFieldAndExits2() throws Exception {
        Files.createDirectories(dir.resolve("data/in"));
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, """
                format: eibench/task@1
                id: My_Task
                version: 1
                split: seen
                zero_shot: instruction
                kind: depth
                data:
                  root: data
                  layout: paired-folders
                  input: in
                  target: gt
                  depth_scale: lots
                instructions:
                  - {text: "Shade by distance.", style: poetic}
                decoder: {type: gray-depth, range: 10, colour: red}
                metrics:
                  - {name: psnr}
                """);
        Result r = eibench("tasks", "validate", "--data", dir.toString(), f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(f + ":2:5: field 'id': must be kebab-case")
                .contains(f + ":12:16: field 'data.depth_scale'")
                .contains(f + ":14:41: field 'instructions[0].style'")
                .contains(":15:").contains("field 'decoder.colour': unknown key")
                .contains(":17:").contains("field 'metrics[0].name': metric 'psnr' does not fit a depth task")
                .contains("5 problems");
    }

    @Test
    void validateChecksTheDataToo() throws Exception {
        Path f = dir.resolve("nodata.yaml");
        Files.createDirectories(dir.resolve("pairs"));
        Files.writeString(f, """
                format: eibench/task@1
                id: no-data
                version: 1
                split: held-out
                zero_shot: task
                kind: restoration
                data: {root: pairs, layout: paired-folders, input: noisy, target: clean}
                decoder: {type: rgb}
                metrics: [{name: psnr}]
                """);
        Result r = eibench("tasks", "validate", "--data", dir.toString(), f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("folder 'noisy' not found");
    }

    @Test
    void aFolderOfPairsAndAYamlFileRunAsAHeldOutTask() throws Exception {
        // exactly the walkthrough of docs/tasks.md
        Path root = dir.resolve("my-data");
        Files.createDirectories(root.resolve("input"));
        Files.createDirectories(root.resolve("target"));
        for (String id : List.of("001", "002")) {
            float[] px = new float[16 * 12 * 3];
            for (int i = 0; i < px.length; i++) {
                px[i] = (i * 13 + id.hashCode()) % 256;
            }
            ImageFiles.writePng8(new FloatImage(16, 12, 3, px), root.resolve("target/" + id + ".png"));
            for (int i = 0; i < px.length; i++) {
                px[i] = 255 - px[i];
            }
            ImageFiles.writePng8(new FloatImage(16, 12, 3, px), root.resolve("input/" + id + ".png"));
        }
        Path yaml = dir.resolve("invert-colours.yaml");
        Files.writeString(yaml, """
                format: eibench/task@1
                id: invert-colours
                version: 1
                split: held-out
                zero_shot: task
                kind: restoration
                data:
                  root: my-data
                  layout: paired-folders
                  input: input
                  target: target
                instructions:
                  - {text: "Swap every colour for its opposite, as on a photographic negative.", style: explanatory}
                  - {text: "Colour inversion.", style: terminological}
                instruction_mode: each
                decoder: {type: rgb}
                metrics:
                  - {name: psnr}
                  - {name: ssim}
                """);
        assertThat(eibench("tasks", "validate", "--data", dir.toString(), yaml.toString()).code()).isZero();
        Result show = eibench("tasks", "show", "--data", dir.toString(), yaml.toString());
        assertThat(show.out()).contains("split: held-out").contains("samples: 4").contains("[1] terminological: Colour inversion.");
        Path out = dir.resolve("out");
        Result run = eibench("run", "--data", dir.toString(), "--task", yaml.toString(), "--model", "oracle", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("oracle/summary.json").toFile());
        JsonNode t = summary.path("tasks").path("invert-colours");
        assertThat(t.path("split").asText()).isEqualTo("held-out");
        assertThat(t.path("n").asInt()).isEqualTo(4);
        assertThat(t.path("metrics").path("psnr").path("value").asDouble()).isEqualTo(100.0);
        assertThat(Files.readAllLines(out.resolve("oracle/samples/invert-colours.jsonl"))).hasSize(4)
                .anySatisfy(l -> assertThat(l).contains("001@i1").contains("Colour inversion."));
    }

    @Test
    void listShowsBundledAndPaperTasks() {
        Result r = eibench("tasks", "list", "--data", SharedData.dir().toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("denoise-set12-s25").contains("seg-ade20k-sample").contains("edges-bsds-sample")
                .contains("depth-nyuv2").contains("--data-root nyuv2=DIR").contains("Suites: quick, full");
    }
}
