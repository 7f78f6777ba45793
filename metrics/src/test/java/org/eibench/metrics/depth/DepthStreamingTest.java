package org.eibench.metrics.depth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Stats;
import org.eibench.metrics.depth.DepthMetric.Alignment;
import org.eibench.metrics.depth.DepthMetric.Crop;
import org.eibench.metrics.depth.DepthMetric.Input;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-pass measure (alignment none) and the array path (other alignments) against {@link DepthReference}, the
 * code before the streaming pass: every returned double the same bits, every exception the same message.
 */
class DepthStreamingTest {

    private static final float[] SPECIAL_GT = {0f, 0.001f, Math.nextUp(0.001f), 1f / 1000f, 0.002f, 10f, Math.nextDown(10f),
            Math.nextUp(10f), 12f, Float.NaN, -1f, Float.POSITIVE_INFINITY, 5f};
    private static final float[] SPECIAL_PRED = {0f, -0f, -3f, 0.001f, Math.nextDown(0.001f), Math.nextUp(0.001f), 10f,
            Math.nextUp(10f), 11f, 0.8f, 1.25f, 1f, 1e-30f, Float.MIN_VALUE, 3e38f};

    /** Ground truth as NYU PNGs decode it: whole millimetres, smooth, with holes (0) and out-of-range values. */
    static FloatImage[] millimetres(SplittableRandom r, int w, int h) {
        float[] gt = new float[w * h];
        float[] pred = new float[w * h];
        double a = r.nextDouble(0.5, 3);
        double fx = r.nextDouble(0.005, 0.03);
        double fy = r.nextDouble(0.005, 0.03);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int raw = (int) (1000 * (a + 4 * (1 + Math.sin(fx * x) * Math.cos(fy * y)))) + r.nextInt(-3, 4);
                if (r.nextDouble() < 0.08) {
                    raw = 0; // hole
                } else if (r.nextDouble() < 0.01) {
                    raw = r.nextBoolean() ? 1 : r.nextInt(10_000, 12_000); // 1 mm (invalid in float32), beyond max
                }
                gt[i] = raw / 1000f;
                int rawP = Math.max(0, (int) (raw * r.nextDouble(0.7, 1.4)) + r.nextInt(-50, 50));
                pred[i] = (float) (rawP * 0.001);
            }
        }
        return new FloatImage[] {new FloatImage(w, h, 1, pred), new FloatImage(w, h, 1, gt)};
    }

    /** Arbitrary floats, with special values sprinkled over both images. */
    static FloatImage[] randomFloats(SplittableRandom r, int w, int h) {
        float[] gt = new float[w * h];
        float[] pred = new float[w * h];
        for (int i = 0; i < gt.length; i++) {
            gt[i] = r.nextDouble() < 0.05 ? SPECIAL_GT[r.nextInt(SPECIAL_GT.length)] : (float) r.nextDouble(-0.5, 11);
            pred[i] = r.nextDouble() < 0.05 ? SPECIAL_PRED[r.nextInt(SPECIAL_PRED.length)]
                    : (float) (gt[i] * r.nextDouble(0.5, 1.8) + r.nextDouble(-0.3, 0.3));
            if (!Float.isFinite(pred[i]) || Float.isNaN(gt[i])) {
                pred[i] = 1f;
            }
        }
        return new FloatImage[] {new FloatImage(w, h, 1, pred), new FloatImage(w, h, 1, gt)};
    }

    /** Same result bits (or the same exception) from the new and the old code. */
    static void assertSame(double min, double max, Crop crop, Alignment alignment, Input input, boolean float32,
            FloatImage pred, FloatImage gt) {
        DepthMetric now = new DepthMetric(min, max, crop, alignment, input, float32);
        DepthReference before = new DepthReference(min, max, crop, alignment, input, float32);
        Stats expected;
        try {
            expected = before.measure(pred, gt);
        } catch (IllegalArgumentException e) {
            assertThatThrownBy(() -> now.measure(pred, gt)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(e.getMessage());
            return;
        }
        Stats actual = now.measure(pred, gt);
        Map<String, double[]> want = expected.asMap();
        Map<String, double[]> got = actual.asMap();
        assertThat(got.keySet()).containsExactlyElementsOf(want.keySet());
        for (String k : want.keySet()) {
            assertThat(got.get(k).length).isEqualTo(want.get(k).length);
            for (int j = 0; j < want.get(k).length; j++) {
                assertThat(Double.doubleToRawLongBits(got.get(k)[j])).as("%s %s %s float32=%s: %s", crop, alignment, k, float32,
                        got.get(k)[j] + " vs " + want.get(k)[j]).isEqualTo(Double.doubleToRawLongBits(want.get(k)[j]));
            }
        }
        assertThat(actual).isEqualTo(expected);
    }

    static void assertSameEverywhere(FloatImage pred, FloatImage gt, Crop crop) {
        for (boolean f32 : new boolean[] {false, true}) {
            for (Alignment a : Alignment.values()) {
                assertSame(1e-3, 10, crop, a, Input.DEPTH, f32, pred, gt);
            }
            assertSame(1e-3, 10, crop, Alignment.LSTSQ_DISPARITY, Input.DISPARITY, f32, pred, gt);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "eigen", "garg"})
    void nyuMillimetresAreBitIdentical(String crop) {
        SplittableRandom r = new SplittableRandom(crop.hashCode());
        for (int k = 0; k < 3; k++) {
            FloatImage[] p = millimetres(r, 640, 480);
            assertSameEverywhere(p[0], p[1], Crop.valueOf(crop.toUpperCase()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "eigen", "garg"})
    void randomFloatsAreBitIdentical(String crop) {
        SplittableRandom r = new SplittableRandom(crop.hashCode() + 1);
        for (int k = 0; k < 3; k++) {
            FloatImage[] p = randomFloats(r, 640, 480);
            assertSameEverywhere(p[0], p[1], Crop.valueOf(crop.toUpperCase()));
        }
        if (!crop.equals("eigen")) {
            for (int k = 0; k < 40; k++) {
                FloatImage[] p = k % 2 == 0 ? randomFloats(r, 1 + r.nextInt(40), 1 + r.nextInt(40))
                        : millimetres(r, 1 + r.nextInt(40), 1 + r.nextInt(40));
                assertSameEverywhere(p[0], p[1], Crop.valueOf(crop.toUpperCase()));
            }
        }
    }

    /** Every pair of special ground truth and prediction, including 1 mm, min and max depth and their neighbours. */
    @Test
    void boundaryValuesAreBitIdentical() {
        int w = SPECIAL_GT.length;
        int h = SPECIAL_PRED.length;
        float[] gt = new float[w * h];
        float[] pred = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                gt[y * w + x] = SPECIAL_GT[x];
                pred[y * w + x] = SPECIAL_PRED[y];
            }
        }
        FloatImage g = new FloatImage(w, h, 1, gt);
        FloatImage p = new FloatImage(w, h, 1, pred);
        assertSameEverywhere(p, g, Crop.NONE);
        assertSameEverywhere(p, g, Crop.GARG);
        for (int x = 0; x < w; x++) {
            float[] one = {SPECIAL_GT[x]};
            for (float v : SPECIAL_PRED) {
                assertSameEverywhere(new FloatImage(1, 1, 1, new float[] {v}), new FloatImage(1, 1, 1, one), Crop.NONE);
            }
        }
    }

    /**
     * Depth bounds at the edges of float32: a min_depth that is 0 as a float (a prediction of -0 stays -0, so the
     * delta ratio is the division's -0 or +Infinity), subnormal depths, a max_depth that is +Infinity as a float.
     */
    @Test
    void extremeDepthBoundsAreBitIdentical() {
        SplittableRandom r = new SplittableRandom(11);
        float[] values = {-0f, 0f, Float.MIN_VALUE, 3 * Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, 1f, 1.25f, 0.8f, 3e38f,
                Float.MAX_VALUE, -2f};
        for (double[] bounds : new double[][] {{1e-300, 10}, {1e-300, 1e300}, {1e-3, 1e300}, {1e-44, 1e39}}) {
            for (int k = 0; k < 20; k++) {
                int w = 1 + r.nextInt(30);
                float[] gt = new float[w * 3];
                float[] pred = new float[w * 3];
                for (int i = 0; i < gt.length; i++) {
                    gt[i] = r.nextBoolean() ? values[r.nextInt(values.length)] : (float) r.nextDouble(0, 20);
                    pred[i] = r.nextBoolean() ? values[r.nextInt(values.length)] : (float) r.nextDouble(-1, 20);
                }
                for (boolean f32 : new boolean[] {false, true}) {
                    for (Alignment a : Alignment.values()) {
                        assertSame(bounds[0], bounds[1], Crop.NONE, a, Input.DEPTH, f32, new FloatImage(w, 3, 1, pred),
                                new FloatImage(w, 3, 1, gt));
                    }
                }
            }
        }
    }

    /** The first non-finite prediction on a valid pixel is named; on an invalid pixel it is ignored. */
    @Test
    void nonFinitePredictionsFailAsBefore() {
        SplittableRandom r = new SplittableRandom(5);
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            for (int k = 0; k < 6; k++) {
                FloatImage[] p = millimetres(r, 640, 480);
                float[] pred = p[0].data();
                float[] gt = p[1].data();
                // on invalid pixels (holes, and outside the crop) only: scored as if absent
                for (int i = 0; i < gt.length; i++) {
                    int x = i % 640;
                    if (gt[i] == 0 || x < 41 || (k % 2 == 0 && r.nextDouble() < 0.001 && gt[i] > 0.01 && gt[i] < 9.9)) {
                        pred[i] = bad;
                    }
                }
                pred[r.nextInt(pred.length)] = k >= 3 ? Float.NaN : bad; // a second kind, perhaps before the first
                for (Crop c : Crop.values()) {
                    assertSameEverywhere(p[0], p[1], c);
                }
            }
        }
        FloatImage gt = new FloatImage(3, 1, 1, new float[] {0f, 2f, 3f});
        FloatImage pred = new FloatImage(3, 1, 1, new float[] {Float.NaN, 2f, Float.NEGATIVE_INFINITY});
        assertThatThrownBy(() -> DepthMetric.nyu().measure(pred, gt.channel(0)))
                .hasMessageContaining("eigen crop");
        assertThatThrownBy(() -> new DepthMetric(1e-3, 10, Crop.NONE, Alignment.NONE, Input.DEPTH, true).measure(pred, gt))
                .hasMessage("prediction is -Infinity at pixel (2, 0), a valid ground-truth pixel");
    }

    @Test
    void noValidPixelSkipsInFloat64AndFailsInFloat32() {
        float[] zeros = new float[640 * 480];
        float[] holes = new float[640 * 480];
        java.util.Arrays.fill(holes, 12f);
        for (int i = 0; i < 640; i++) {
            holes[i] = 5f; // valid only outside the Eigen and Garg crops
        }
        for (float[] g : new float[][] {zeros, holes}) {
            FloatImage gt = new FloatImage(640, 480, 1, g);
            FloatImage pred = new FloatImage(640, 480, 1, new float[640 * 480]);
            assertSameEverywhere(pred, gt, Crop.EIGEN);
            assertSameEverywhere(pred, gt, Crop.GARG);
            assertSameEverywhere(pred, gt, Crop.NONE);
        }
        FloatImage empty = new FloatImage(640, 480, 1, zeros);
        assertThat(new DepthMetric(1e-3, 10, Crop.EIGEN, Alignment.NONE, Input.DEPTH, false).measure(empty, empty).scalar("skipped"))
                .isEqualTo(1.0);
        assertThatThrownBy(() -> new DepthMetric(1e-3, 10, Crop.EIGEN, Alignment.NONE, Input.DEPTH, true).measure(empty, empty))
                .hasMessageContaining("no valid ground-truth pixel");
    }

    /** The division-free float32 delta test against the float32 division, on random and near-boundary pairs. */
    @Test
    void float32DeltaThresholdsNeedNoDivision() {
        float[] cs = {1.25f, 1.5625f, 1.953125f};
        double[] ms = {DepthMetric.DELTA1_32, DepthMetric.DELTA2_32, DepthMetric.DELTA3_32};
        for (int j = 0; j < 3; j++) {
            // the midpoint rounds to c (a tie to even), anything below it to the float below c
            assertThat((float) ms[j]).isEqualTo(cs[j]);
            assertThat((float) Math.nextDown(ms[j])).isEqualTo(Math.nextDown(cs[j]));
            assertThat(ms[j]).isEqualTo(((double) cs[j] + Math.nextDown(cs[j])) / 2);
        }
        SplittableRandom r = new SplittableRandom(17);
        for (int k = 0; k < 4_000_000; k++) {
            float b;
            float a;
            switch (k % 4) {
                case 0 -> { // any positive finite floats
                    b = Float.intBitsToFloat(r.nextInt(1, 0x7F800000));
                    a = Float.intBitsToFloat(r.nextInt(1, 0x7F800000));
                }
                case 1 -> { // depths
                    b = (float) r.nextDouble(1e-3, 10);
                    a = (float) (b * r.nextDouble(1, 2.2));
                }
                default -> { // a within a few ulps of m b, for any b (subnormal and huge included)
                    b = k % 4 == 2 ? Float.intBitsToFloat(r.nextInt(1, 0x7F800000)) : (float) r.nextDouble(1e-3, 10);
                    float near = (float) (ms[k % 3] * b);
                    int bits = Float.floatToRawIntBits(near) + r.nextInt(-3, 4);
                    a = Float.intBitsToFloat(Math.max(1, Math.min(0x7F7FFFFF, bits)));
                }
            }
            float big = Math.max(a, b);
            float small = Math.min(a, b);
            float ratio = Math.max(a / b, b / a);
            for (int j = 0; j < 3; j++) {
                boolean division = ratio < cs[j];
                boolean product = (double) big < ms[j] * (double) small;
                if (division != product) {
                    throw new AssertionError(a + " / " + b + " against " + cs[j] + ": division " + division);
                }
            }
        }
    }
}
