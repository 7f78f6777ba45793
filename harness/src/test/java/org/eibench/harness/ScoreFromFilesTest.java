package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.eibench.harness.run.Json;
import org.eibench.imaging.ImageFiles;
import org.eibench.metrics.FloatImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code score} does not do any more: read the inputs (nobody looks at them), encode the predictions again (a
 * PNG given is saved as it is), or write per-class values into sample lines (the class counts are there).
 */
class ScoreFromFilesTest {

    @TempDir
    Path tmp;

    private Path segTask() throws IOException {
        Path data = tmp.resolve("seg");
        for (String d : List.of("input", "target", "pred")) {
            Files.createDirectories(data.resolve(d));
        }
        for (int s = 0; s < 3; s++) {
            float[] gt = new float[16 * 12];
            float[] pred = new float[gt.length];
            for (int i = 0; i < gt.length; i++) {
                gt[i] = (i / 7 + s) % 4;
                pred[i] = i % 11 == 0 ? (gt[i] + 1) % 4 : gt[i];
            }
            String name = "0" + s + ".png";
            ImageFiles.writePng8(new FloatImage(16, 12, 1, gt), data.resolve("target").resolve(name));
            ImageFiles.writePng8(new FloatImage(16, 12, 1, pred), data.resolve("pred").resolve(name));
            ImageFiles.writePng8(new FloatImage(16, 12, 3, new float[16 * 12 * 3]), data.resolve("input").resolve(name));
        }
        // An input that cannot be decoded: score never needs it; a model run fails that sample at "load".
        Files.write(data.resolve("input").resolve("01.png"), new byte[] {1, 2, 3});
        Path task = tmp.resolve("seg.yaml");
        Files.writeString(task, """
                format: eibench/task@1
                id: seg-files
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
        return task;
    }

    @Test
    void scoreReadsNeitherInputsNorReencodesAndLinesKeepCountsNotPerClassValues() throws Exception {
        Path task = segTask();
        Path out = tmp.resolve("scored");
        Cli.Outcome o = Cli.run("score", "--task", task.toString(), "--predictions", tmp.resolve("seg/pred").toString(),
                "--out", out.toString());
        assertThat(o.code()).as(o.err()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(out.resolve("samples/seg-files.jsonl"))) {
            lines.add(Json.LINES.readTree(l));
        }
        assertThat(lines).hasSize(3);
        for (JsonNode l : lines) {
            assertThat(l.path("status").asText()).as(l.toString()).isEqualTo("ok");
            JsonNode m = l.path("metrics").path("miou");
            List<String> keys = new ArrayList<>();
            m.path("values").fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("miou", "aacc", "macc", "fwiou");
            // the counts, as whole numbers
            assertThat(m.path("stats").path("area_label").get(0).isIntegralNumber()).isTrue();
            byte[] given = Files.readAllBytes(tmp.resolve("seg/pred").resolve(l.path("id").asText() + ".png"));
            byte[] saved = Files.readAllBytes(out.resolve(l.path("prediction").asText()));
            assertThat(saved).isEqualTo(given);
            assertThat(l.path("prediction_sha256").asText())
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(given)));
        }
        // The summary still has every per-class value (pooled).
        JsonNode metrics = Json.LINES.readTree(out.resolve("summary.json").toFile()).path("tasks").path("seg-files").path("metrics");
        assertThat(metrics.has("iou.3")).isTrue();
        assertThat(metrics.has("acc.0")).isTrue();

        Cli.Outcome model = Cli.run("run", "--task", task.toString(), "--model", "identity", "--no-cache",
                "--out", tmp.resolve("model").toString());
        assertThat(model.code()).as(model.err()).isEqualTo(Main.FAILURES);
        String failed = Files.readAllLines(tmp.resolve("model/identity/samples/seg-files.jsonl")).stream()
                .filter(l -> l.contains("\"01\"")).findFirst().orElseThrow();
        assertThat(failed).contains("\"stage\":\"load\"").contains("01.png");
    }
}
