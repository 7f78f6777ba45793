package org.eibench.metrics.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaskPropertiesTest {

    /** Statistics added as the runner adds them (summary, shards, merge, bootstrap): with Stats.Accumulator. */
    private static Stats add(Stats a, Stats b) {
        return new Stats.Accumulator().add(a).add(b).result();
    }


    static FloatImage binary(SplittableRandom r, int w, int h, double p, boolean withVoid) {
        float[] d = new float[w * h];
        for (int i = 0; i < d.length; i++) {
            d[i] = withVoid && r.nextDouble() < 0.05 ? 128f : r.nextDouble() < p ? 255f : 0f;
        }
        return new FloatImage(w, h, 1, d);
    }

    static FloatImage soft(SplittableRandom r, int w, int h) {
        float[] d = new float[w * h];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextInt(256);
        }
        return new FloatImage(w, h, 1, d);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void mergeOfShardsEqualsWholeAndBounds(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        MaskMetric m = MaskMetric.fromOptions(Map.of("void", 128));
        List<Stats> samples = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            int w = 5 + r.nextInt(10);
            int h = 5 + r.nextInt(10);
            samples.add(m.measure(soft(r, w, h), binary(r, w, h, 0.3, true)));
        }
        Stats.Accumulator whole = new Stats.Accumulator();
        samples.forEach(whole::add);
        Stats.Accumulator a = new Stats.Accumulator();
        Stats.Accumulator b = new Stats.Accumulator();
        for (int k = 0; k < samples.size(); k++) {
            (k % 2 == 0 ? a : b).add(samples.get(k));
        }
        MetricValues w = m.finish(whole.result());
        MetricValues s = m.finish(add(a.result(), b.result()));
        for (MetricValue v : w.values()) {
            assertThat(s.value(v.key())).isCloseTo(v.value(), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(v.value()).as(v.key()).isBetween(0.0, 1.0);
        }
        assertThat(w.value("max_fbeta")).isGreaterThanOrEqualTo(w.value("mean_fbeta"));
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void iouAndMaeOfBinaryMasksAreSymmetric(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FloatImage a = binary(r, 17, 9, 0.4, false);
        FloatImage b = binary(r, 17, 9, 0.5, false);
        MaskMetric m = MaskMetric.standard();
        MetricValues ab = m.finish(m.measure(a, b));
        MetricValues ba = m.finish(m.measure(b, a));
        assertThat(ab.value("iou")).isEqualTo(ba.value("iou"));
        assertThat(ab.value("mae")).isEqualTo(ba.value("mae"));
        assertThat(m.finish(m.measure(a, a)).value("iou")).isEqualTo(1.0);
        assertThat(m.finish(m.measure(a, a)).value("mae")).isEqualTo(0.0);
    }

    @Test
    void probabilityScaleEqualsEightBitScale() {
        SplittableRandom r = new SplittableRandom(7);
        FloatImage gt = binary(r, 8, 8, 0.5, false);
        float[] p8 = new float[64];
        float[] p1 = new float[64];
        for (int i = 0; i < 64; i++) {
            p8[i] = r.nextInt(256);
            p1[i] = p8[i] / 255f;
        }
        MaskMetric eight = MaskMetric.fromOptions(Map.of("normalize", false));
        MaskMetric unit = MaskMetric.fromOptions(Map.of("normalize", false, "scale", 1));
        MetricValues a = eight.finish(eight.measure(new FloatImage(8, 8, 1, p8), gt));
        MetricValues b = unit.finish(unit.measure(new FloatImage(8, 8, 1, p1), gt));
        assertThat(b.value("mae")).isCloseTo(a.value("mae"), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(b.value("iou")).isEqualTo(a.value("iou"));
    }

    @Test
    void voidPixelsTakePartInNothing() {
        float[] gt = {255, 0, 128, 128};
        float[] pred = {255, 0, 255, 0};
        float[] gt2 = {255, 0};
        float[] pred2 = {255, 0};
        MaskMetric m = MaskMetric.fromOptions(Map.of("void", 128));
        Stats s4 = m.measure(new FloatImage(4, 1, 1, pred), new FloatImage(4, 1, 1, gt));
        Stats s2 = m.measure(new FloatImage(2, 1, 1, pred2), new FloatImage(2, 1, 1, gt2));
        assertThat(s4).isEqualTo(s2);
        assertThatThrownBy(() -> m.measure(new FloatImage(4, 1, 1, new float[] {Float.NaN, 0, 0, 0}), new FloatImage(4, 1, 1, gt)))
                .hasMessageContaining("pixel (0, 0)");
        assertThatThrownBy(() -> MaskMetric.fromOptions(Map.of("beta", 0.3))).hasMessageContaining("beta2");
    }
}
