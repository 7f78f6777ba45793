package org.eibench.metrics.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Metric;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the committed golden fixture (skimage / BasicSR / ssim.m / pytorch_msssim formulas, see
 * metrics/src/test/python/image_golden.py) reproduced by the Java metrics built through {@link ImageMetrics}.
 */
class ImageGoldenTest {

    /**
     * Relative tolerances against the float64 references: loose enough for float32 pixels, tight enough to catch a
     * wrong window, constant or padding; MS-SSIM multiplies five scales' powers, so rounding grows. Observed errors
     * are far smaller (printed after the run).
     */
    private static final double REL_TOL = 1e-6;
    private static final double REL_TOL_MS_SSIM = 1e-4;

    private static final GoldenFixture FIXTURE = GoldenFixture.load(GoldenFixture.COMMITTED);
    private static final Map<String, FloatImage> IMAGES = new HashMap<>();
    private static final Map<String, Double> WORST = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, Double> ERRORS = new java.util.concurrent.ConcurrentHashMap<>();

    static Stream<Arguments> cases() {
        return FIXTURE.cases().stream().map(c -> Arguments.of(c.get("id"), c));
    }

    private static synchronized FloatImage image(String name) {
        return IMAGES.computeIfAbsent(name, FIXTURE::image);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesReference(String id, Map<String, Object> c) {
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) c.get("options");
        Metric<FloatImage, FloatImage> metric = ImageMetrics.create(spec);
        FloatImage p = image((String) c.get("prediction"));
        FloatImage t = image((String) c.get("target"));
        double expected = ((Number) c.get("value")).doubleValue();
        double actual = metric.finish(metric.measure(p, t)).value(metric.name());
        double tol = metric.name().equals("ms_ssim") ? REL_TOL_MS_SSIM : REL_TOL;
        double err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-3);
        WORST.merge(metric.name(), err, Math::max);
        ERRORS.put(id, err);
        assertThat(err).as("%s: java %.12f vs reference %.12f (%s)", id, actual, expected, c.get("reference"))
                .isLessThanOrEqualTo(tol);
    }

    @Test
    void fixtureCoversEveryMetricAndOption() {
        assertThat(FIXTURE.cases()).extracting(c -> c.get("metric")).contains("psnr", "ssim", "ms_ssim");
        assertThat(FIXTURE.cases().stream().map(c -> (Object) ((Map<?, ?>) c.get("options")).get("downsample")))
                .contains("matlab");
        assertThat(FIXTURE.cases().stream().map(c -> (Object) ((Map<?, ?>) c.get("options")).get("y_round")))
                .contains(Boolean.TRUE);
    }

    @AfterAll
    static void report() {
        // Printed so the achieved agreement can be quoted (docs/metrics-image.md).
        System.out.println("[golden image] worst relative error per metric: " + new java.util.TreeMap<>(WORST));
        ERRORS.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(6)
                .forEach(e -> System.out.printf("[golden image]   %.2e %s%n", e.getValue(), e.getKey()));
    }
}
