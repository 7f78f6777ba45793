package org.eibench.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eibench.tasks.spec.SpecException;
import org.eibench.tasks.spec.TaskKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The built-in catalog: bundled twins load and sample; the paper's tasks name their dataset root; suites cover the families. */
class CatalogTest {

    static final List<String> PAPER = List.of("depth-nyuv2", "normals-nyuv2", "seg-ade20k", "derain-rain100l", "dehaze-sots",
            "lowlight-lolv2", "udc-toled", "canny-to-image-multigen", "inpaint-places", "outpaint-places");

    static List<String> bundled() {
        List<String> ids = new ArrayList<>(new TaskCatalog(TestData.dir()).taskIds());
        ids.removeAll(PAPER);
        return ids;
    }

    @ParameterizedTest
    @MethodSource("bundled")
    void bundledTwinLoadsAndItsFirstSampleIsReadable(String id) throws Exception {
        Task t = new TaskCatalog(TestData.dir()).task(id);
        var refs = t.samples();
        assertThat(refs).isNotEmpty();
        Sample s = t.load(refs.get(0));
        assertThat(s.instruction()).isNotBlank();
        assertThat(s.reference()).isNotNull();
        assertThat(t.spec().instructionSet()).extracting(i -> i.style()).contains("terminological");
        assertThat(s.instructionStyle()).isEqualTo("explanatory");
    }

    @ParameterizedTest
    @MethodSource("paper")
    void paperTasksAskForTheirRoot(String id) {
        TaskCatalog catalog = new TaskCatalog(new TaskContext(TestData.dir(), Map.of(), k -> null, Plugins.classPath()));
        try {
            catalog.task(id);
            throw new AssertionError("expected a missing-root problem");
        } catch (SpecException e) {
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("data.root");
                assertThat(p.message()).contains("--data-root");
            });
        }
    }

    static List<String> paper() {
        return PAPER;
    }

    @Test
    void paperTasksLoadWhenTheRootIsGiven() throws Exception {
        TaskCatalog catalog = new TaskCatalog(new TaskContext(TestData.dir(),
                Map.of("nyuv2", TestData.dir(), "rain100l", TestData.dir()), k -> null, Plugins.classPath()));
        Task depth = catalog.task("depth-nyuv2");
        assertThat(depth.spec().kind()).isEqualTo(TaskKind.DEPTH);
        assertThat(depth.spec().split().key()).isEqualTo("seen");
        Task rain = catalog.task("derain-rain100l");
        assertThat(rain.metrics()).extracting(Task.KeyedMetric::key).containsExactly("psnr", "ssim", "psnr_y", "ssim_y");
    }

    @Test
    void ade20kOverlayProtocolMakesOneSamplePerCategory() throws Exception {
        Task t = new TaskCatalog(TestData.dir()).task("seg-ade20k-overlay-sample");
        var refs = t.samples();
        assertThat(refs.size()).isGreaterThan(10);
        var first = refs.get(0);
        assertThat(first.id()).matches("ADE_val_0000000\\d@c\\d+");
        assertThat(first.instruction()).startsWith("Apply a pink color overlay to ");
        Sample s = t.load(first);
        org.eibench.metrics.FloatImage mask = (org.eibench.metrics.FloatImage) t.decode(s.reference().quantized8(), s);
        org.eibench.metrics.FloatImage gt = (org.eibench.metrics.FloatImage) s.target();
        int wrong = 0;
        for (int i = 0; i < gt.pixels(); i++) {
            if (gt.data()[i] != 128 && mask.data()[i] != (gt.data()[i] > 128 ? 255f : 0f)) {
                wrong++;
            }
        }
        // the oracle misses only object pixels that were already pink in the input
        assertThat(wrong).isLessThan(gt.pixels() / 1000 + 1);
    }

    @Test
    void quickSuiteCoversEveryFamily() throws Exception {
        TaskCatalog catalog = new TaskCatalog(TestData.dir());
        SuiteSpec quick = catalog.suite("quick");
        assertThat(quick.tasks()).contains("denoise-set12-s25", "sr-set5-x4", "deblur-set3c", "jpeg-classic5-q10",
                "dehaze-redwood", "lowlight-kodak", "derain-kodak", "seg-voc-sample", "seg-ade20k-sample", "fg-voc-sample",
                "depth-redwood", "normals-redwood", "edges-bsds-sample", "canny-to-image-kodak", "inpaint-kodak",
                "outpaint-kodak");
        List<String> splits = new ArrayList<>();
        for (String id : quick.tasks()) {
            splits.add(catalog.task(id).spec().split().key());
        }
        assertThat(splits).contains("seen", "held-out");
        assertThat(catalog.suite("full").tasks()).containsAll(PAPER).containsAll(quick.tasks());
    }
}
