package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eibench.imaging.ImageFiles;
import org.eibench.metrics.FloatImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `eibench tasks validate | list | show`, and a custom held-out task made of a YAML file and a folder, run end to end. */
class TasksCommandTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    /** A task of pairs under pairs/noisy and pairs/clean; its data line is line 7. */
    static final String PAIRS = """
            format: eibench/task@1
            id: pairs
            version: 1
            split: held-out
            zero_shot: task
            kind: restoration
            data: {root: pairs, layout: paired-folders, input: noisy, target: clean}
            decoder: {type: rgb}
            metrics: [{name: psnr}]
            """;

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
        Files.writeString(f, PAIRS);
        Result r = eibench("tasks", "validate", "--data", dir.toString(), f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(f + ":7:"); // the data line
        assertThat(r.err()).contains("field 'data.input': folder 'noisy' not found");
    }

    /** Five pairs, two of them damaged: plain validate only lists them; --deep opens each and names the two. */
    @Test
    void validateDeepOpensEverySampleAndNamesTheDamagedOnes() throws Exception {
        Path root = dir.resolve("pairs");
        Files.createDirectories(root.resolve("noisy"));
        Files.createDirectories(root.resolve("clean"));
        for (int k = 1; k <= 5; k++) {
            String id = "00" + k;
            float[] px = new float[16 * 12 * 3];
            for (int i = 0; i < px.length; i++) {
                px[i] = (i * 7 + k) % 256;
            }
            ImageFiles.writePng8(new FloatImage(16, 12, 3, px), root.resolve("noisy/" + id + ".png"));
            ImageFiles.writePng8(new FloatImage(16, 12, 3, px), root.resolve("clean/" + id + ".png"));
        }
        byte[] whole = Files.readAllBytes(root.resolve("noisy/002.png"));
        Files.write(root.resolve("noisy/002.png"), java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.write(root.resolve("clean/004.png"), "not an image".getBytes());
        float[] small = new float[10 * 12 * 3];
        ImageFiles.writePng8(new FloatImage(10, 12, 3, small), root.resolve("noisy/005.png"));
        Path f = dir.resolve("pairs.yaml");
        Files.writeString(f, PAIRS);
        Result plain = eibench("tasks", "validate", "--data", dir.toString(), f.toString());
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.out()).contains(f + ": 5 samples: 001, 002, 003, 004, 005").contains(f + ": ok");

        Result r = eibench("tasks", "validate", "--deep", "--data", dir.toString(), f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("  001: ok").contains("  002: 1 problem").contains("  003: ok")
                .contains("  004: 1 problem").contains("  005: 1 problem").doesNotContain(f + ": ok");
        assertThat(r.err()).contains(f + ": sample 002: " + root.resolve("noisy/002.png") + ": truncated PNG")
                .contains(f + ": sample 004: " + root.resolve("clean/004.png"))
                .contains(f + ": sample 005: " + root.resolve("noisy/005.png") + ": 10x12 does not fit its target")
                .contains(f + ": 3 problems");
    }

    @Test
    void validateListsTheFirstSamplesAndEveryOneWithVerbose() {
        Result r = eibench("tasks", "validate", "sr-set5-x4");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("sr-set5-x4: 5 samples: ").contains("sr-set5-x4: ok");
        Result none = eibench("tasks", "validate", "no-such-task");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no-such-task: no such file or built-in task");
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
        Result validate = eibench("tasks", "validate", "--data", dir.toString(), yaml.toString());
        assertThat(validate.code()).isZero();
        assertThat(validate.out()).isEqualTo(yaml + ": 4 samples: 001@i0, 001@i1, 002@i0, 002@i1\n" + yaml + ": ok\n");
        Result show = eibench("tasks", "show", "--data", dir.toString(), yaml.toString());
        assertThat(show.out()).contains("split: held-out").contains("samples: 4").contains("[1] terminological: Colour inversion.")
                .contains("    input_suffix: string () - ").contains("    win_size: integer - ").contains("    cap: number (100.0) - ");
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
    void labelPngsAndUint16DepthPngsRunTheSameWay() throws Exception {
        Files.createDirectories(dir.resolve("seg/images"));
        Files.createDirectories(dir.resolve("seg/labels"));
        Files.createDirectories(dir.resolve("depth/rgb"));
        Files.createDirectories(dir.resolve("depth/gt"));
        float[] rgb = new float[24 * 16 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (i * 7) % 256;
        }
        float[] labels = new float[24 * 16];
        float[] mm = new float[24 * 16];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 29 == 0 ? 255 : (i / 24) % 4;
            mm[i] = i % 13 == 0 ? 0 : 800 + 11 * i;
        }
        for (String id : List.of("a", "b")) {
            ImageFiles.writePng8(new FloatImage(24, 16, 3, rgb), dir.resolve("seg/images/" + id + ".png"));
            ImageFiles.writePng8(new FloatImage(24, 16, 1, labels), dir.resolve("seg/labels/" + id + ".png"));
            ImageFiles.writePng8(new FloatImage(24, 16, 3, rgb), dir.resolve("depth/rgb/" + id + ".png"));
            Files.write(dir.resolve("depth/gt/" + id + ".png"), ImageFiles.encodePng16(new FloatImage(24, 16, 1, mm)));
        }
        String head = "format: eibench/task@1\nversion: 1\nsplit: held-out\nzero_shot: task\n";
        Path seg = dir.resolve("my-seg.yaml");
        Files.writeString(seg, head + """
                id: my-seg
                kind: segmentation
                data: {root: seg, layout: paired-folders, input: images, target: labels}
                instructions: ["Paint each object with its class colour from the PASCAL VOC colour map."]
                decoder: {type: palette, palette: voc}
                metrics: [{name: miou, num_classes: 4, ignore_index: 255}]
                """);
        Path depth = dir.resolve("my-depth.yaml");
        Files.writeString(depth, head + """
                id: my-depth
                kind: depth
                data: {root: depth, layout: paired-folders, input: rgb, target: gt, depth_scale: 0.001}
                instructions: ["Shade the scene by distance: near surfaces bright, far ones dark."]
                decoder: {type: depth-png, scale: 0.001}
                metrics: [{name: depth, min_depth: 0.001, max_depth: 10}]
                """);
        assertThat(eibench("tasks", "validate", "--data", dir.toString(), seg.toString(), depth.toString()).code()).isZero();
        Path out = dir.resolve("out2");
        Result run = eibench("run", "--data", dir.toString(), "--task", seg + "," + depth, "--model", "oracle", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode tasks = new ObjectMapper().readTree(out.resolve("oracle/summary.json").toFile()).path("tasks");
        assertThat(tasks.path("my-seg").path("metrics").path("miou").path("value").asDouble()).isEqualTo(1.0);
        assertThat(tasks.path("my-depth").path("metrics").path("rmse").path("value").asDouble()).isEqualTo(0.0);
        assertThat(tasks.path("my-depth").path("metrics").path("delta1").path("value").asDouble()).isEqualTo(1.0);
        assertThat(tasks.path("my-depth").path("split").asText()).isEqualTo("held-out");
    }

    @Test
    void listShowsBundledAndPaperTasks() {
        Result r = eibench("tasks", "list", "--data", SharedData.dir().toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("denoise-set12-s25").contains("seg-ade20k-sample").contains("edges-bsds-sample")
                .contains("depth-nyuv2").contains("--data-root nyuv2=DIR").contains("Suites: quick, full");
    }

    /** Every column starts where its heading does, whatever the longest id (seg-ade20k-overlay-sample, 25 chars). */
    @Test
    void listColumnsLineUpWithTheirHeadings() {
        Result r = eibench("tasks", "list", "--data", SharedData.dir().toString());
        String[] lines = r.out().split("\n");
        String header = lines[0];
        int rows = 0;
        for (int i = 1; i < lines.length && !lines[i].isBlank(); i++) {
            if (lines[i].contains("unavailable:")) {
                continue;
            }
            rows++;
            for (String heading : new String[] {"SPLIT", "ZERO-SHOT", "KIND", "TITLE"}) {
                int col = header.indexOf(heading);
                assertThat(lines[i].substring(col - 1, col + 1)).as(heading + " in: " + lines[i]).matches(" \\S");
            }
        }
        assertThat(rows).isGreaterThan(20);
    }
}
