package org.eibench.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eibench.imaging.CannyEdges;
import org.eibench.metrics.FloatImage;
import org.eibench.metrics.GenerationTarget;
import org.eibench.tasks.data.SampleRef;
import org.eibench.tasks.spec.SpecException;
import org.eibench.tasks.spec.TaskKind;
import org.junit.jupiter.api.Test;

/**
 * The generation twins: what the model is given, what the ground truth carries, that the oracle decodes to the
 * target, the gallery pictures, and the spec-time rules of the generation metrics.
 */
class GenerationTasksTest {

    static TaskCatalog catalog() {
        return new TaskCatalog(TestData.dir());
    }

    static Sample first(Task t) throws Exception {
        return t.load(t.samples().get(0));
    }

    @Test
    void cannyToImageGivesTheConditionAndKeepsThePhotoAsTarget() throws Exception {
        Task t = catalog().task("canny-to-image-kodak");
        assertThat(t.spec().kind()).isEqualTo(TaskKind.GENERATION);
        assertThat(t.spec().split().key()).isEqualTo("held-out");
        assertThat(t.spec().zeroShot().key()).isEqualTo("task");
        Sample s = first(t);
        GenerationTarget g = (GenerationTarget) s.target();
        assertThat(g.mask()).isNull();
        FloatImage edges = CannyEdges.of(g.image(), 100, 200);
        assertThat(s.input().channels()).isEqualTo(3);
        for (int i = 0; i < edges.pixels(); i++) {
            assertThat(s.input().data()[3 * i]).isEqualTo(edges.data()[i]);
            assertThat(s.input().data()[3 * i + 2]).isEqualTo(edges.data()[i]);
        }
        assertThat(s.reference()).isEqualTo(g.image());
        assertThat(t.decode(s.reference(), s)).isEqualTo(g.image());
        Map<String, FloatImage> views = t.views(s, t.decode(s.reference(), s));
        assertThat(views).containsKeys("input", "canny");
        // the oracle's edges are the condition's: all green
        FloatImage canny = views.get("canny");
        for (int i = 0; i < canny.pixels(); i++) {
            assertThat(canny.data()[3 * i]).isZero();
        }
    }

    @Test
    void inpaintingMasksAreSeededLamaMasksFilledFlat() throws Exception {
        Task t = catalog().task("inpaint-kodak");
        List<SampleRef> refs = t.samples();
        double minArea = 1;
        double maxArea = 0;
        for (SampleRef r : refs) {
            Sample s = t.load(r);
            GenerationTarget g = (GenerationTarget) s.target();
            float[] m = g.mask().data();
            double area = 0;
            for (int i = 0; i < m.length; i++) {
                area += m[i];
                for (int c = 0; c < 3; c++) {
                    float expected = m[i] > 0.5f ? 128f : g.image().data()[3 * i + c];
                    assertThat(s.input().data()[3 * i + c]).isEqualTo(expected);
                }
            }
            area /= m.length;
            minArea = Math.min(minArea, area);
            maxArea = Math.max(maxArea, area);
            // the same sample loads to the same mask, whatever came before
            assertThat(((GenerationTarget) t.load(r).target()).mask()).isEqualTo(g.mask());
        }
        assertThat(minArea).isGreaterThan(0);
        assertThat(maxArea).isLessThanOrEqualTo(0.5);
        GenerationTarget a = (GenerationTarget) t.load(refs.get(0)).target();
        GenerationTarget b = (GenerationTarget) t.load(refs.get(1)).target();
        assertThat(a.mask()).isNotEqualTo(b.mask());
        assertThat(t.views(t.load(refs.get(0)), a.image())).containsOnlyKeys("input");
    }

    @Test
    void outpaintingKeepsTheCentre() throws Exception {
        Task t = catalog().task("outpaint-kodak");
        Sample s = first(t);
        GenerationTarget g = (GenerationTarget) s.target();
        int w = g.image().width();
        int h = g.image().height();
        assertThat(g.mask().get(w / 2, h / 2, 0)).isZero();
        assertThat(g.mask().get(0, 0, 0)).isEqualTo(1);
        int kept = 0;
        for (float v : g.mask().data()) {
            kept += v == 0 ? 1 : 0;
        }
        assertThat(kept).isEqualTo(Math.round(0.5 * w) * Math.round(0.5 * h));
        assertThat(s.input().get(0, 0, 0)).isEqualTo(128f);
        assertThat(s.input().get(w / 2, h / 2, 1)).isEqualTo(g.image().get(w / 2, h / 2, 1));
    }

    @Test
    void evaluatorMetricsAreLeftOutWithAReasonWhenNoNetworkIsGiven() throws Exception {
        Task t = catalog().task("inpaint-kodak");
        assertThat(t.metrics()).extracting(Task.KeyedMetric::key).containsExactly("masked_fidelity", "psnr", "ssim");
        assertThat(t.inactiveMetrics()).containsExactly(
                "feature_distance needs a feature network: --evaluator features=PATH.onnx",
                "lpips needs a pair network: --evaluator lpips=PATH.onnx");
    }

    static Task parse(String yaml) throws SpecException {
        return TaskFiles.parse(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml", Path.of("."), TestData.dir());
    }

    static final String BASE = """
            format: eibench/task@1
            id: gen-test
            version: 1
            split: held-out
            zero_shot: task
            kind: generation
            data:
              root: ${EIBENCH_DATA}/denoise/Kodak24_01-08
              layout: single-folder
              images: .
              degrade: %s
            instructions: ["Do it."]
            decoder: {type: rgb}
            metrics:
              - %s
            """;

    @Test
    void maskedFidelityNeedsAMaskingDegradation() {
        assertThatThrownBy(() -> parse(BASE.formatted("{type: canny}", "{name: masked_fidelity}")))
                .isInstanceOf(SpecException.class).hasMessageContaining("masked_fidelity needs an input made with a mask")
                .hasMessageContaining("not canny");
    }

    @Test
    void generationMetricsFitOnlyGenerationTasks() {
        String restoration = BASE.formatted("{type: canny}", "{name: canny_f1}").replace("kind: generation", "kind: restoration");
        assertThatThrownBy(() -> parse(restoration)).hasMessageContaining("metric 'canny_f1' does not fit a restoration task");
    }

    @Test
    void badDegradationOptionsNameTheField() {
        assertThatThrownBy(() -> parse(BASE.formatted("{type: inpaint-mask, protocol: huge}", "{name: psnr}")))
                .hasMessageContaining("data.degrade.protocol").hasMessageContaining("thick, medium, thin");
        assertThatThrownBy(() -> parse(BASE.formatted("{type: outpaint-crop, keep: 1.5}", "{name: psnr}")))
                .hasMessageContaining("data.degrade.keep");
        assertThatThrownBy(() -> parse(BASE.formatted("{type: inpaint-mask, fill: [1, 2]}", "{name: psnr}")))
                .hasMessageContaining("data.degrade.fill");
        assertThatThrownBy(() -> parse(BASE.formatted("{type: canny, low: 300, high: 200}", "{name: psnr}")))
                .hasMessageContaining("data.degrade.low");
    }

    @Test
    void psnrOnAGenerationTaskScoresTheWholeImage() throws Exception {
        Task t = parse(BASE.formatted("{type: outpaint-crop}", "{name: psnr}"));
        Sample s = first(t);
        GenerationTarget g = (GenerationTarget) s.target();
        var m = t.metrics().get(0).metric();
        assertThat(m.targetType()).isEqualTo(GenerationTarget.class);
        @SuppressWarnings("unchecked")
        var psnr = (org.eibench.metrics.Metric<FloatImage, GenerationTarget>) m;
        assertThat(psnr.finish(psnr.measure(g.image(), g)).value("psnr")).isEqualTo(100.0);
    }
}
