package org.eibench.tasks.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eibench.metrics.FloatImage;
import org.eibench.metrics.LabelMap;
import org.eibench.metrics.Metric;
import org.eibench.metrics.Stats;
import org.eibench.tasks.Task;
import org.eibench.tasks.TaskCatalog;
import org.eibench.tasks.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ground truth read in task space: palette indices (not colours), ADE20K's reduce-zero-label (against mmseg's, through
 * the production task), depth, pseudo normals.
 */
class TargetsTest {

    @TempDir
    Path dir;

    @Test
    void palettedPngGivesIndicesNotColours() throws Exception {
        byte[] r = new byte[256], g = new byte[256], b = new byte[256];
        r[1] = (byte) 128; // VOC class 1 (aeroplane) is (128, 0, 0)
        g[2] = (byte) 128;
        r[255] = g[255] = b[255] = (byte) 224; // void
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 256, r, g, b));
        int[] idx = {0, 1, 2, 255, 1, 0};
        img.getRaster().setSamples(0, 0, 3, 2, 0, idx);
        Path f = dir.resolve("2007_000032.png");
        ImageIO.write(img, "png", f.toFile());
        assertThat(Targets.isPaletted(f)).isTrue();
        LabelMap m = Targets.labels(f);
        assertThat(m.labels()).containsExactly(idx);
    }

    @Test
    void bundledVocLabelsAreGrayIndices() throws Exception {
        LabelMap m = Targets.labels(TestData.dir().resolve("segmentation/voc2012/0_label.png"));
        assertThat(java.util.Arrays.stream(m.labels()).allMatch(v -> v == 255 || (v >= 0 && v <= 20))).isTrue();
    }

    /**
     * The production path of ADE20K ground truth (the built-in seg-ade20k-sample task: its layout reads each label PNG
     * and applies reduce-zero-label, then its miou metric counts the labels) against mmseg's LoadAnnotations
     * reduce_zero_label as replicated in Python (metrics/src/test/python/seg_golden.py, case
     * ade20k_3_reduce_zero_label over the same three PNGs): the per-class label areas must be equal, count for count.
     */
    @Test
    void ade20kGroundTruthAreasEqualMmsegsReduceZeroLabel() throws Exception {
        JsonNode golden = null;
        Path fixture = Path.of(System.getProperty("eibench.repo.root", "..")).resolve(
                "metrics/src/test/resources/golden/segmentation/seg_golden.json");
        for (JsonNode c : new ObjectMapper().readTree(fixture.toFile()).path("cases")) {
            if (c.path("name").asText().equals("ade20k_3_reduce_zero_label")) {
                golden = c;
            }
        }
        assertThat(golden).as("ADE20K case in " + fixture).isNotNull();
        Task task = new TaskCatalog(TestData.dir()).task("seg-ade20k-sample");
        List<String> files = new ArrayList<>();
        golden.path("files").forEach(f -> files.add(Path.of(f.asText()).getFileName().toString()));
        Stats.Accumulator acc = new Stats.Accumulator();
        List<String> targets = new ArrayList<>();
        for (SampleRef ref : task.samples()) {
            targets.add(ref.target().getFileName().toString());
            Object gt = task.load(ref).target();
            Task.KeyedMetric miou = task.metrics().get(0);
            acc.add(measure(miou.metric(), gt, gt));
        }
        assertThat(targets).containsExactlyInAnyOrderElementsOf(files);
        double[] expected = new double[golden.path("area_label").size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = golden.path("area_label").get(i).asDouble();
        }
        assertThat(expected).hasSize(150);
        assertThat(acc.result().vector("area_label")).containsExactly(expected);
    }

    @SuppressWarnings("unchecked")
    private static Stats measure(Metric<?, ?> metric, Object prediction, Object target) {
        return ((Metric<Object, Object>) metric).measure(prediction, target);
    }

    @Test
    void bundledDepthIsMetresWithZeroInvalid() throws Exception {
        FloatImage d = Targets.depth(TestData.dir().resolve("depth/redwood_livingroom_00000_depth_mm.png"), 0.001);
        float max = 0;
        int zeros = 0;
        for (float v : d.data()) {
            max = Math.max(max, v);
            zeros += v == 0 ? 1 : 0;
        }
        assertThat(max).isCloseTo(2.702f, org.assertj.core.data.Offset.offset(0.001f)); // manifest: depth_m_max
        assertThat(1 - zeros / (double) d.pixels()).isCloseTo(0.87, org.assertj.core.data.Offset.offset(0.01)); // valid_frac
    }

    @Test
    void depthPngKindIsToldApartByBitDepthAndCounted(@TempDir Path tmp) throws Exception {
        Path mm = tmp.resolve("mm.png");
        Path gray = tmp.resolve("gray.png");
        java.nio.file.Files.write(mm, org.eibench.imaging.ImageFiles.encodePng16(new FloatImage(3, 1, 1, new float[] {0, 1, 9999})));
        java.nio.file.Files.write(gray, org.eibench.imaging.ImageFiles.encodePng8(new FloatImage(3, 1, 1, new float[] {0, 51, 255})));
        Targets t = Targets.of(TargetFormat.DEPTH_PNG);
        // 16-bit millimetres as BTS reads them: float32(mm) / float32(1000)
        assertThat(((FloatImage) t.read(ref(mm))).data()).containsExactly(0f, 1f / 1000f, 9999f / 1000f);
        // 8-bit UVT gray: far-bright over 0..10 m
        assertThat(((FloatImage) t.read(ref(gray))).data()).containsExactly(0f, 2f, 10f);
        assertThat(t.read(ref(gray))).isNotNull();
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> read = (java.util.Map<String, Object>) t.describe().get("depth_png_read");
        assertThat(read).containsEntry("uint16", 1L).containsEntry("gray8_far_bright", 2L);
        assertThat(t.describe()).containsEntry("target_format", "depth-png");
    }

    private static SampleRef ref(Path target) {
        return new SampleRef("s", null, target, null, java.util.Map.of());
    }

    @Test
    void normalsOfAFrontoParallelPlaneFaceTheCamera() {
        float[] z = new float[20 * 10];
        java.util.Arrays.fill(z, 2f);
        FloatImage n = Targets.normalsFromDepth(new FloatImage(20, 10, 1, z), 525, 525, 9.5, 4.5);
        assertThat(n.get(5, 5, 0)).isCloseTo(0f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(n.get(5, 5, 1)).isCloseTo(0f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(n.get(5, 5, 2)).isCloseTo(-1f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(n.get(0, 0, 2)).isZero(); // border: no normal
    }

    @Test
    void normalsOfATiltedPlaneMatchItsNormal() {
        // plane z = 2 + 0.5 X (X in metres): normal ~ (0.5, 0, -1) normalised, facing the camera
        int w = 40, h = 30;
        double fx = 525, cx = 19.5, cy = 14.5;
        float[] z = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = (x - cx) / fx;
                z[y * w + x] = (float) (2 / (1 - 0.5 * u));
            }
        }
        FloatImage n = Targets.normalsFromDepth(new FloatImage(w, h, 1, z), fx, fx, cx, cy);
        double l = Math.sqrt(1.25);
        assertThat((double) n.get(20, 15, 0)).isCloseTo(0.5 / l, org.assertj.core.data.Offset.offset(1e-3));
        assertThat((double) n.get(20, 15, 2)).isCloseTo(-1 / l, org.assertj.core.data.Offset.offset(1e-3));
    }
}
