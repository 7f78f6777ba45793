package org.eibench.metrics.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Metric;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded property tests (plain JUnit parameterised tests): symmetry, bounds, identity, and that per-sample statistics
 * merged over any split of a dataset finish to the same values as over the whole.
 */
class ImageMetricPropertiesTest {

    /** Statistics added as the runner adds them (summary, shards, merge, bootstrap): with Stats.Accumulator. */
    private static Stats add(Stats a, Stats b) {
        return new Stats.Accumulator().add(a).add(b).result();
    }


    private static final int SEEDS = 8;

    /** Every metric configuration under test, with a random shape per seed that it accepts. */
    static Stream<Arguments> configs() {
        List<Map<String, Object>> specs = List.of(
                Map.of("name", "psnr"),
                Map.of("name", "psnr", "channel", "y", "crop", 2),
                Map.of("name", "psnr", "channel", "y", "y_round", true, "cap", 60),
                Map.of("name", "ssim"),
                Map.of("name", "ssim", "channel", "y", "crop", 3),
                Map.of("name", "ssim", "downsample", "matlab"),
                Map.of("name", "ms_ssim"),
                Map.of("name", "ms_ssim", "channel", "y", "y_round", true));
        List<Arguments> out = new ArrayList<>();
        for (Map<String, Object> spec : specs) {
            for (int seed = 0; seed < SEEDS; seed++) {
                out.add(Arguments.of(spec, seed));
            }
        }
        return out.stream();
    }

    private static FloatImage[] pair(Map<String, Object> spec, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 7919 + spec.hashCode());
        boolean ms = spec.get("name").equals("ms_ssim");
        boolean ds = "matlab".equals(spec.get("downsample"));
        int w = ms ? 170 + rnd.nextInt(30) : ds ? 20 + rnd.nextInt(380) : 16 + rnd.nextInt(60);
        int h = ms ? 165 + rnd.nextInt(30) : ds ? 20 + rnd.nextInt(380) : 16 + rnd.nextInt(60);
        int c = rnd.nextBoolean() ? 3 : 1;
        FloatImage a = TestImages.smooth(rnd, w, h, c);
        FloatImage b = TestImages.noisy(rnd, a, 2 + 40 * rnd.nextDouble());
        return new FloatImage[] {a, b};
    }

    private static double value(Metric<FloatImage, FloatImage> m, FloatImage p, FloatImage t) {
        return m.finish(m.measure(p, t)).value(m.name());
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("configs")
    void symmetric(Map<String, Object> spec, int seed) {
        Metric<FloatImage, FloatImage> m = ImageMetrics.create(spec);
        FloatImage[] ab = pair(spec, seed);
        assertThat(value(m, ab[0], ab[1])).isCloseTo(value(m, ab[1], ab[0]), within(1e-12));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("configs")
    void boundedAndPerfectOnIdenticalImages(Map<String, Object> spec, int seed) {
        Metric<FloatImage, FloatImage> m = ImageMetrics.create(spec);
        FloatImage[] ab = pair(spec, seed);
        double v = value(m, ab[0], ab[1]);
        double same = value(m, ab[0], ab[0]);
        if (m.name().equals("psnr")) {
            double cap = ((Number) m.options().get("cap")).doubleValue();
            assertThat(v).isLessThanOrEqualTo(cap).isGreaterThan(0);
            assertThat(same).isEqualTo(cap);
            MetricValues fin = m.finish(m.measure(ab[0], ab[0]));
            assertThat(fin.notes()).containsEntry("capped_images", 1L);
        } else {
            assertThat(v).isLessThanOrEqualTo(1.0 + 1e-12).isGreaterThanOrEqualTo(m.name().equals("ms_ssim") ? 0 : -1);
            assertThat(same).isCloseTo(1.0, within(1e-12));
        }
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("configs")
    void mergeOfSplitEqualsWhole(Map<String, Object> spec, int seed) {
        Metric<FloatImage, FloatImage> m = ImageMetrics.create(spec);
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 2 + rnd.nextInt(4);
        List<Stats> samples = IntStream.range(0, n).mapToObj(i -> {
            FloatImage[] ab = pair(spec, seed * 31L + i);
            return m.measure(ab[0], ab[1]);
        }).toList();
        Stats whole = Stats.EMPTY;
        for (Stats s : samples) {
            whole = add(whole, s);
        }
        int cut = 1 + rnd.nextInt(n - 1);
        Stats left = Stats.EMPTY;
        Stats right = Stats.EMPTY;
        for (int i = 0; i < n; i++) {
            if (i < cut) {
                left = add(left, samples.get(i));
            } else {
                right = add(right, samples.get(i));
            }
        }
        Stats merged = add(right, left);
        assertThat(merged.scalar("n")).isEqualTo(n);
        double mean = samples.stream().mapToDouble(s -> m.finish(s).value(m.name())).average().orElseThrow();
        assertThat(m.finish(merged).value(m.name())).isCloseTo(m.finish(whole).value(m.name()), within(1e-12))
                .isCloseTo(mean, within(1e-12));
    }

    /** The image's samples, rounded to 8 bits, in the byte layout (as an 8-bit PNG is read) and as floats. */
    private static FloatImage[] layouts(FloatImage im) {
        float[] q = im.quantized8().data();
        byte[] b = new byte[q.length];
        for (int i = 0; i < q.length; i++) {
            b[i] = (byte) (int) q[i];
        }
        return new FloatImage[] {new FloatImage(im.width(), im.height(), im.channels(), q.clone()),
                FloatImage.ofUnsignedBytes(im.width(), im.height(), im.channels(), b)};
    }

    /** Kernels that read bytes (SSIM's rows, PSNR's sums, the crop) give the very statistics the floats give. */
    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("configs")
    void byteImagesScoreAsTheirFloats(Map<String, Object> spec, int seed) {
        Metric<FloatImage, FloatImage> m = ImageMetrics.create(spec);
        FloatImage[] ab = pair(spec, seed);
        FloatImage[] a = layouts(ab[0]);
        FloatImage[] b = layouts(ab[1]);
        Stats floats = m.measure(a[0], b[0]);
        assertThat(m.measure(a[1], b[1])).isEqualTo(floats);
        assertThat(m.measure(a[1], b[0])).isEqualTo(floats);
        assertThat(m.measure(a[0], b[1])).isEqualTo(floats);
        assertThat(a[1].data()).containsExactly(a[0].data());
    }
}
