package org.eibench.metrics.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.eibench.metrics.LabelMap;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seeded property tests: kernel vs naive counting, shard merging, bounds, symmetry, and error reporting. */
class SegmentationPropertiesTest {

    /** Statistics added as the runner adds them (summary, shards, merge, bootstrap): with Stats.Accumulator. */
    private static Stats add(Stats a, Stats b) {
        return new Stats.Accumulator().add(a).add(b).result();
    }


    static LabelMap randomMap(SplittableRandom r, int w, int h, int lo, int hi, int ignore, double ignoreShare) {
        int[] l = new int[w * h];
        int v = r.nextInt(lo, hi);
        for (int i = 0; i < l.length; i++) {
            if (r.nextDouble() < 0.2) {
                v = r.nextInt(lo, hi); // runs, as in real label maps
            }
            l[i] = r.nextDouble() < ignoreShare ? ignore : v;
        }
        return new LabelMap(w, h, l);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void kernelMatchesNaiveCounting(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int c = 1 + r.nextInt(12);
        int ignore = r.nextBoolean() ? 255 : -1; // inside and outside the kernel's table
        int w = 1 + r.nextInt(40);
        int h = 1 + r.nextInt(40);
        LabelMap gt = randomMap(r, w, h, 0, c, ignore, 0.1);
        LabelMap pred = randomMap(r, w, h, -2, c + 2, 0, 0); // includes out-of-range ids
        Stats s = new SegmentationMetric(c, ignore, null).measure(pred, gt);
        double[] inter = new double[c];
        double[] area = new double[c];
        double[] label = new double[c];
        for (int i = 0; i < w * h; i++) {
            int g = gt.labels()[i];
            int p = pred.labels()[i];
            if (g == ignore) {
                continue;
            }
            label[g]++;
            if (p >= 0 && p < c) {
                area[p]++;
                inter[g] += p == g ? 1 : 0;
            }
        }
        assertThat(s.vector("area_intersect")).containsExactly(inter);
        assertThat(s.vector("area_pred")).containsExactly(area);
        assertThat(s.vector("area_label")).containsExactly(label);
    }

    /** The same map with its labels as unsigned bytes (every value must be in 0-255). */
    static LabelMap asBytes(LabelMap m) {
        byte[] b = new byte[m.pixels()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) m.label(i);
        }
        return LabelMap.ofUnsignedBytes(m.width(), m.height(), b);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void byteMapsCountAsTheirIntValues(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int c = 1 + r.nextInt(160);
        int ignore = r.nextBoolean() ? 255 : c;           // a table of 256 rows, or of the next power of two above c
        int w = 1 + r.nextInt(40);
        int h = 1 + r.nextInt(40);
        LabelMap gt = randomMap(r, w, h, 0, c, ignore, 0.1);
        LabelMap pred = randomMap(r, w, h, 0, 256, 0, 0); // ids up to 255: many outside [0, c)
        for (boolean reduceZero : new boolean[] {false, true}) {
            if (reduceZero && c < 2) {
                continue;
            }
            SegmentationMetric m = new SegmentationMetric(reduceZero ? c - 1 : c, ignore, SegmentationMetric.Absent.UNION, reduceZero, null);
            Stats ints = m.measure(pred, gt);
            for (LabelMap[] pair : new LabelMap[][] {{asBytes(pred), asBytes(gt)}, {asBytes(pred), gt}, {pred, asBytes(gt)}}) {
                Stats s = m.measure(pair[0], pair[1]);
                assertThat(s.vector("area_intersect")).containsExactly(ints.vector("area_intersect"));
                assertThat(s.vector("area_pred")).containsExactly(ints.vector("area_pred"));
                assertThat(s.vector("area_label")).containsExactly(ints.vector("area_label"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {255, -1})
    void aByteGroundTruthOutsideTheClassesFailsAsItsInts(int ignore) {
        // 200 lies inside a 256-row table (ignore 255) and outside the 16-row one (ignore -1): both checks
        int[] g = {0, 1, 200, 2};
        LabelMap gt = new LabelMap(2, 2, g);
        LabelMap pred = new LabelMap(2, 2, new int[] {0, 1, 2, 3});
        SegmentationMetric m = new SegmentationMetric(10, ignore, null);
        String expected = org.assertj.core.api.Assertions.catchThrowable(() -> m.measure(pred, gt)).getMessage();
        assertThat(expected).contains("ground-truth label 200 at pixel (0, 1)");
        assertThatThrownBy(() -> m.measure(asBytes(pred), asBytes(gt))).hasMessage(expected);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15})
    void mergeOfShardsEqualsWhole(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int c = 2 + r.nextInt(8);
        for (SegmentationMetric.Absent rule : SegmentationMetric.Absent.values()) {
            SegmentationMetric m = new SegmentationMetric(c, 255, rule, false, null);
            List<Stats> samples = new ArrayList<>();
            SplittableRandom data = new SplittableRandom(seed * 31);
            for (int k = 0; k < 9; k++) {
                LabelMap gt = randomMap(data, 17, 13, 0, c, 255, 0.05);
                samples.add(m.measure(randomMap(data, 17, 13, 0, c + 1, 0, 0), gt));
            }
            Stats.Accumulator whole = new Stats.Accumulator();
            samples.forEach(whole::add);
            int cut = 1 + r.nextInt(samples.size() - 1);
            Stats.Accumulator a = new Stats.Accumulator();
            Stats.Accumulator b = new Stats.Accumulator();
            for (int k = 0; k < samples.size(); k++) {
                (k < cut ? a : b).add(samples.get(k));
            }
            // Counts are integers in doubles: the merged sum is exactly the whole.
            assertThat(add(a.result(), b.result())).isEqualTo(whole.result());
            assertThat(m.finish(add(b.result(), a.result())).asMap()).isEqualTo(m.finish(whole.result()).asMap());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24})
    void splittingAnImageIntoRowBandsIsThePooledWhole(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int w = 23;
        int h = 20;
        LabelMap gt = randomMap(r, w, h, 0, 5, 255, 0.1);
        LabelMap pred = randomMap(r, w, h, 0, 6, 0, 0);
        SegmentationMetric m = new SegmentationMetric(5, 255, null);
        int cut = 1 + r.nextInt(h - 1);
        Stats top = m.measure(band(pred, 0, cut), band(gt, 0, cut));
        Stats bottom = m.measure(band(pred, cut, h), band(gt, cut, h));
        assertThat(top.plus(bottom)).isEqualTo(m.measure(pred, gt));
    }

    private static LabelMap band(LabelMap m, int y0, int y1) {
        int[] l = new int[(y1 - y0) * m.width()];
        System.arraycopy(m.labels(), y0 * m.width(), l, 0, l.length);
        return new LabelMap(m.width(), y1 - y0, l);
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33, 34, 35, 36})
    void valuesAreFractionsAndIouIsSymmetric(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int c = 2 + r.nextInt(6);
        LabelMap a = randomMap(r, 19, 11, 0, c, 255, 0);
        LabelMap b = randomMap(r, 19, 11, 0, c, 255, 0);
        SegmentationMetric m = new SegmentationMetric(c, 255, null);
        MetricValues ab = m.finish(m.measure(a, b));
        MetricValues ba = m.finish(m.measure(b, a));
        for (MetricValue v : ab.values()) {
            if (!Double.isNaN(v.value())) {
                assertThat(v.value()).as(v.key()).isBetween(0.0, 1.0);
            }
        }
        for (int k = 0; k < c; k++) {
            assertThat(ab.value("iou." + k)).isEqualTo(ba.value("iou." + k));
        }
        assertThat(ab.value("miou")).isEqualTo(ba.value("miou"));
    }

    @Test
    void absentRulesDifferOnAClassPredictedButNotPresent() {
        // gt: classes 0 and 1; prediction also paints class 2 on one pixel.
        LabelMap gt = new LabelMap(4, 1, new int[] {0, 0, 1, 1});
        LabelMap pred = new LabelMap(4, 1, new int[] {0, 2, 1, 1});
        Stats s = new SegmentationMetric(3, 255, null).measure(pred, gt);
        MetricValues mm = new SegmentationMetric(3, 255, SegmentationMetric.Absent.UNION, false, null).finish(s);
        MetricValues d2 = new SegmentationMetric(3, 255, SegmentationMetric.Absent.GT_ONLY, false, null).finish(s);
        // IoU: class 0 = 1/2, class 1 = 1, class 2 = 0/1 (mmseg counts it) or undefined (detectron2).
        assertThat(mm.value("miou")).isEqualTo(0.5);
        assertThat(d2.value("miou")).isEqualTo(0.75);
        assertThat(mm.value("iou.2")).isEqualTo(0.0);
        assertThat(d2.value("iou.2")).isNaN();
        assertThat(mm.value("fwiou")).isEqualTo(d2.value("fwiou"));
    }

    @Test
    void reduceZeroLabelIgnoresZeroAndShifts() {
        // raw ADE ids: 0 (other) -> ignored, 1 -> class 0, 3 -> class 2, 255 stays ignored
        LabelMap gt = new LabelMap(5, 1, new int[] {0, 1, 3, 255, 1});
        LabelMap pred = new LabelMap(5, 1, new int[] {2, 0, 2, 1, 1});
        SegmentationMetric m = SegmentationMetric.fromOptions(Map.of("num_classes", 3, "reduce_zero_label", true));
        Stats s = m.measure(pred, gt);
        assertThat(s.vector("area_label")).containsExactly(2, 0, 1);
        assertThat(s.vector("area_intersect")).containsExactly(1, 0, 1);
        assertThat(s.vector("area_pred")).containsExactly(1, 1, 1);
    }

    @Test
    void unscorablePairsSayWhy() {
        SegmentationMetric m = new SegmentationMetric(3, 255, null);
        assertThatThrownBy(() -> m.measure(new LabelMap(2, 1, new int[2]), new LabelMap(1, 2, new int[2])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2x1").hasMessageContaining("1x2");
        assertThatThrownBy(() -> m.measure(new LabelMap(3, 1, new int[3]), new LabelMap(3, 1, new int[] {0, 7, 0})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 7 at pixel (1, 0)");
        assertThatThrownBy(() -> m.measure(new LabelMap(3, 1, new int[3]), new LabelMap(3, 1, new int[] {0, 0, -4})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label -4 at pixel (2, 0)");
        assertThatThrownBy(() -> SegmentationMetric.fromOptions(Map.of("num_classes", 3, "absnet", "union")))
                .hasMessageContaining("absnet");
        assertThatThrownBy(() -> SegmentationMetric.fromOptions(Map.of("num_classes", 3, "absent", "sometimes")))
                .hasMessageContaining("gt-only");
    }

    @Test
    void emptyTotalGivesNaNNotAnError() {
        SegmentationMetric m = new SegmentationMetric(2, 255, null);
        assertThat(m.finish(Stats.EMPTY).value("miou")).isNaN();
    }

    /** A sample line keeps the four pooled scores, the very doubles finish reports, and no per-class value. */
    @Test
    void sampleValuesAreFinishsScoresBitForBit() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        for (SegmentationMetric.Absent rule : SegmentationMetric.Absent.values()) {
            SegmentationMetric m = new SegmentationMetric(7, 255, rule, false, null);
            for (int trial = 0; trial < 50; trial++) {
                int[] g = new int[64];
                int[] p = new int[64];
                for (int i = 0; i < 64; i++) {
                    g[i] = rnd.nextInt(10) == 0 ? 255 : rnd.nextInt(1 + trial % 7);
                    p[i] = rnd.nextInt(8);
                }
                Stats s = m.measure(new LabelMap(8, 8, p), new LabelMap(8, 8, g));
                java.util.List<org.eibench.metrics.MetricValue> kept = m.sampleValues(s);
                assertThat(kept).extracting(org.eibench.metrics.MetricValue::key)
                        .containsExactly("miou", "aacc", "macc", "fwiou");
                MetricValues all = m.finish(s);
                for (org.eibench.metrics.MetricValue v : kept) {
                    assertThat(Double.doubleToRawLongBits(v.value()))
                            .isEqualTo(Double.doubleToRawLongBits(all.value(v.key())));
                }
            }
        }
    }
}
