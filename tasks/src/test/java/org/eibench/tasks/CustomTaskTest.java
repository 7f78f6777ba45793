package org.eibench.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eibench.imaging.ImageFiles;
import org.eibench.metrics.FloatImage;
import org.eibench.metrics.LabelMap;
import org.eibench.metrics.Metric;
import org.eibench.metrics.Stats;
import org.eibench.tasks.data.SampleRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What docs/tasks.md's walkthrough promises: a YAML file next to a folder of pairs is a held-out task; the same for
 * label PNGs (segmentation) and uint16 depth PNGs. The oracle's output decodes back to the ground truth exactly.
 */
class CustomTaskTest {

    @TempDir
    Path dir;

    static FloatImage ramp(int w, int h, int c, int seed) {
        float[] d = new float[w * h * c];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i * 7 + seed * 31) % 256;
        }
        return new FloatImage(w, h, c, d);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static double score(Task task, Sample s) {
        Object pred = task.decode(task.decoder().outputBitDepth() == 8 ? s.reference().quantized8() : s.reference(), s);
        Metric m = task.metrics().get(0).metric();
        Stats st = m.measure(pred, s.target());
        return m.finish(st).values().get(0).value();
    }

    @Test
    void pairedFoldersBecomeAHeldOutRestorationTask() throws Exception {
        Files.createDirectories(dir.resolve("mytask/noisy"));
        Files.createDirectories(dir.resolve("mytask/clean"));
        for (String id : List.of("a", "b", "c")) {
            ImageFiles.writePng8(ramp(32, 24, 3, id.charAt(0)), dir.resolve("mytask/noisy/" + id + ".png"));
            ImageFiles.writePng8(ramp(32, 24, 3, id.charAt(0) + 1), dir.resolve("mytask/clean/" + id + ".png"));
        }
        Path yaml = dir.resolve("my-task.yaml");
        Files.writeString(yaml, """
                format: eibench/task@1
                id: my-denoise
                version: 1
                split: held-out
                zero_shot: task
                kind: restoration
                data:
                  root: mytask
                  layout: paired-folders
                  input: noisy
                  target: clean
                instructions:
                  - "Remove the speckles."
                decoder: {type: rgb}
                metrics:
                  - {name: psnr}
                """);
        Task t = TaskFiles.load(yaml, dir);
        assertThat(t.spec().split().key()).isEqualTo("held-out");
        List<SampleRef> refs = t.samples();
        assertThat(refs).extracting(SampleRef::id).containsExactly("a", "b", "c");
        Sample s = t.load(refs.get(0));
        assertThat(s.instruction()).isEqualTo("Remove the speckles.");
        assertThat(s.instructionIndex()).isZero();
        assertThat(score(t, s)).isEqualTo(100.0);
    }

    @Test
    void labelPngsBecomeASegmentationTask() throws Exception {
        Files.createDirectories(dir.resolve("seg/images"));
        Files.createDirectories(dir.resolve("seg/labels"));
        for (String id : List.of("x", "y")) {
            ImageFiles.writePng8(ramp(20, 10, 3, 1), dir.resolve("seg/images/" + id + ".png"));
            float[] l = new float[200];
            for (int i = 0; i < l.length; i++) {
                l[i] = i % 17 == 0 ? 255 : i % 3;
            }
            ImageFiles.writePng8(new FloatImage(20, 10, 1, l), dir.resolve("seg/labels/" + id + ".png"));
        }
        Path yaml = dir.resolve("seg.yaml");
        Files.writeString(yaml, """
                format: eibench/task@1
                id: my-seg
                version: 1
                split: held-out
                zero_shot: task
                kind: segmentation
                data: {root: seg, layout: paired-folders, input: images, target: labels}
                instructions: ["Paint each class in its colour."]
                decoder: {type: palette, palette: voc}
                metrics:
                  - {name: miou, num_classes: 3, ignore_index: 255}
                """);
        Task t = TaskFiles.load(yaml, dir);
        Sample s = t.load(t.samples().get(0));
        assertThat(s.target()).isInstanceOf(LabelMap.class);
        assertThat(score(t, s)).isEqualTo(1.0);
    }

    @Test
    void uint16DepthPngsBecomeADepthTask() throws Exception {
        Files.createDirectories(dir.resolve("depth/rgb"));
        Files.createDirectories(dir.resolve("depth/gt"));
        float[] mm = new float[40 * 30];
        for (int i = 0; i < mm.length; i++) {
            mm[i] = i % 11 == 0 ? 0 : 500 + 7 * i; // 0 = no measurement
        }
        ImageFiles.writePng8(ramp(40, 30, 3, 2), dir.resolve("depth/rgb/f1.png"));
        Files.write(dir.resolve("depth/gt/f1.png"), ImageFiles.encodePng16(new FloatImage(40, 30, 1, mm)));
        Path yaml = dir.resolve("depth.yaml");
        Files.writeString(yaml, """
                format: eibench/task@1
                id: my-depth
                version: 1
                split: held-out
                zero_shot: task
                kind: depth
                data: {root: depth, layout: paired-folders, input: rgb, target: gt, depth_scale: 0.001}
                instructions: ["Shade by distance."]
                decoder: {type: depth-png, scale: 0.001}
                metrics:
                  - {name: depth, min_depth: 0.001, max_depth: 10}
                """);
        Task t = TaskFiles.load(yaml, dir);
        Sample s = t.load(t.samples().get(0));
        FloatImage gt = (FloatImage) s.target();
        assertThat(gt.data()[1]).isCloseTo(0.507f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(gt.data()[0]).isZero();
        FloatImage pred = (FloatImage) t.decode(s.reference(), s);
        assertThat(pred.data()).containsExactly(gt.data());
        assertThat(score(t, s)).isZero(); // abs_rel of the oracle
    }
}
