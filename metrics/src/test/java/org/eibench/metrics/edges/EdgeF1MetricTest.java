package org.eibench.metrics.edges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Stats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EdgeF1MetricTest {

    /** Statistics added as the runner adds them (summary, shards, merge, bootstrap): with Stats.Accumulator. */
    private static Stats add(Stats a, Stats b) {
        return new Stats.Accumulator().add(a).add(b).result();
    }


    private final EdgeF1Metric f1 = new EdgeF1Metric();

    private static FloatImage map(int w, int h, int... onPixels) {
        float[] d = new float[w * h];
        for (int p : onPixels) {
            d[p] = 1f;
        }
        return new FloatImage(w, h, 1, d);
    }

    @Test
    void handComputedScore() {
        // pred {0, 1, 2}, gt {1, 2, 3}: TP 2, FP 1, FN 1 -> 2*2 / (4 + 1 + 1)
        Stats s = f1.measure(map(4, 2, 0, 1, 2), map(4, 2, 1, 2, 3));
        assertThat(f1.finish(s).value("edge_f1")).isCloseTo(4.0 / 6.0, within(1e-15));
        assertThat(s.scalar("tp")).isEqualTo(2);
        assertThat(s.scalar("fp")).isEqualTo(1);
        assertThat(s.scalar("fn")).isEqualTo(1);
    }

    @Test
    void identicalIsOneAndEmptyIsZeroAsInTorchmetrics() {
        assertThat(f1.finish(f1.measure(map(5, 5, 3, 7, 9), map(5, 5, 3, 7, 9))).value("edge_f1")).isEqualTo(1.0);
        assertThat(f1.finish(f1.measure(map(5, 5), map(5, 5))).value("edge_f1")).isEqualTo(0.0);
        assertThat(f1.finish(Stats.EMPTY).value("edge_f1")).isNaN();
    }

    @Test
    void binarisesAboveThreshold() {
        float[] p = {0.5f, 0.51f, 1f, 0f};
        float[] g = {1f, 1f, 1f, 0f};
        Stats s = f1.measure(new FloatImage(4, 1, 1, p), new FloatImage(4, 1, 1, g));
        assertThat(s.scalar("tp")).isEqualTo(2); // 0.5 is not > 0.5
        assertThat(s.scalar("fn")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void mergeOfSplitEqualsWholeAndBounds(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Stats> per = new ArrayList<>();
        for (int n = 0; n < 7; n++) {
            int w = 5 + r.nextInt(20);
            int h = 5 + r.nextInt(20);
            float[] p = new float[w * h];
            float[] g = new float[w * h];
            for (int i = 0; i < p.length; i++) {
                g[i] = r.nextDouble() < 0.2 ? 1f : 0f;
                p[i] = r.nextDouble() < 0.8 ? g[i] : 1f - g[i];
            }
            per.add(f1.measure(new FloatImage(w, h, 1, p), new FloatImage(w, h, 1, g)));
        }
        Stats whole = per.stream().reduce(Stats.EMPTY, EdgeF1MetricTest::add);
        int cut = 1 + r.nextInt(per.size() - 1);
        Stats a = per.subList(0, cut).stream().reduce(Stats.EMPTY, EdgeF1MetricTest::add);
        Stats b = per.subList(cut, per.size()).stream().reduce(Stats.EMPTY, EdgeF1MetricTest::add);
        assertThat(add(b, a).asMap().keySet()).isEqualTo(whole.asMap().keySet());
        assertThat(f1.finish(add(b, a)).value("edge_f1")).isCloseTo(f1.finish(whole).value("edge_f1"), within(1e-12));
        assertThat(f1.finish(add(b, a)).value("edge_f1_pooled")).isEqualTo(f1.finish(whole).value("edge_f1_pooled"));
        assertThat(f1.finish(whole).value("edge_f1")).isBetween(0.0, 1.0);
        assertThat(f1.finish(whole).value("edge_f1_pooled")).isBetween(0.0, 1.0);
    }

    @Test
    void rejectsMismatch() {
        assertThatThrownBy(() -> f1.measure(map(4, 4), map(4, 5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f1.measure(FloatImage.zeros(4, 4, 3), map(4, 4))).isInstanceOf(IllegalArgumentException.class);
    }
}
