package org.eibench.metrics.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.GenerationTarget;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.distribution.GoldenRandom;
import org.eibench.metrics.stats.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Masked PSNR/SSIM/L1 against metrics/src/test/python/generation_golden.py (skimage's SSIM map, numpy). */
class MaskedFidelityGoldenTest {

    @SuppressWarnings("unchecked")
    static Stream<Map<String, Object>> cases() {
        Map<String, Object> doc = Golden.readJson(Golden.fixture("generation/masked_golden.json"));
        return ((List<Map<String, Object>>) doc.get("cases")).stream();
    }

    /** generation_golden.py mask(w, h, kind). */
    static FloatImage mask(int w, int h, String kind) {
        float[] m = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean on = switch (kind) {
                    case "full" -> true;
                    case "shapes" -> (y >= h / 4 && y < h / 2 && x >= w / 3 && x < (2 * w) / 3) || Math.abs((x - y) - w / 4) <= 2;
                    case "border" -> !(y >= h / 4 && y < h / 4 + h / 2 && x >= w / 4 && x < w / 4 + w / 2);
                    default -> false;
                };
                m[y * w + x] = on ? 1 : 0;
            }
        }
        return new FloatImage(w, h, 1, m);
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesSkimageAndNumpy(Map<String, Object> c) {
        int w = (int) Golden.num(c.get("width"));
        int h = (int) Golden.num(c.get("height"));
        FloatImage[] pt = GoldenRandom.images(w, h, (int) Golden.num(c.get("channels")), (long) Golden.num(c.get("seed")),
                (int) Golden.num(c.get("noise")));
        MaskedFidelityMetric m = new MaskedFidelityMetric();
        MetricValues v = m.finish(m.measure(pt[0], new GenerationTarget(pt[1], mask(w, h, (String) c.get("mask")))));
        for (String region : List.of("hole", "preserve")) {
            Map<String, Object> expected = (Map<String, Object>) c.get(region);
            for (String k : List.of("psnr", "ssim", "l1")) {
                double e = Golden.num(expected.get(k));
                double a = v.value(region + "_" + k);
                assertThat(Golden.close(e, a, 1e-10)).as(c.get("name") + " " + region + "_" + k + ": " + e + " vs " + a).isTrue();
            }
        }
    }

    @Test
    void theOracleIsAtTheCeilingAndTheRegionsSplitTheImage() {
        FloatImage[] pt = GoldenRandom.images(40, 30, 3, 3, 20);
        MaskedFidelityMetric m = new MaskedFidelityMetric();
        GenerationTarget t = new GenerationTarget(pt[1], mask(40, 30, "shapes"));
        MetricValues v = m.finish(m.measure(pt[1], t).plus(m.measure(pt[1], t)));
        assertThat(v.value("hole_psnr")).isEqualTo(100);
        assertThat(v.value("preserve_psnr")).isEqualTo(100);
        assertThat(v.value("hole_ssim")).isEqualTo(1.0);
        assertThat(v.value("hole_l1")).isZero();
        assertThat(v.notes()).containsEntry("hole_capped_images", 2L);
        double hole = (double) v.notes().get("hole_mean_area_fraction");
        double keep = (double) v.notes().get("preserve_mean_area_fraction");
        assertThat(hole + keep).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void theSsimMapAveragesToTheMetricsSsim() {
        FloatImage[] pt = GoldenRandom.images(33, 27, 3, 4, 30);
        double[][] map = SsimMap.of(pt[0], pt[1], 255);
        double mean = 0;
        for (double[] ch : map) {
            for (double v : ch) {
                mean += v / (ch.length * map.length);
            }
        }
        assertThat(mean).isCloseTo(SsimKernel.meanSsim(pt[0], pt[1], 255), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void withoutAMaskItSaysWhichTasksFit() {
        FloatImage[] pt = GoldenRandom.images(20, 20, 1, 3, 20);
        assertThatThrownBy(() -> new MaskedFidelityMetric().measure(pt[0], GenerationTarget.of(pt[1])))
                .hasMessageContaining("inpaint or outpaint");
    }
}
