package org.eibench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.eibench.metrics.stats.Bootstrap;
import org.junit.jupiter.api.Test;

/** A metric's own combine declaration is what every accumulation follows. */
class CombineTest {

    /** Mean and worst absolute error: a sum and a count, plus a running maximum. */
    static final class WorstError extends AbstractMetric<FloatImage, FloatImage> {
        WorstError() {
            super("worst_error", FloatImage.class, FloatImage.class);
        }

        @Override
        protected void putOptions(Map<String, Object> options) {
        }

        @Override
        public Stats measure(FloatImage p, FloatImage g) {
            double e = Math.abs(p.data()[0] - g.data()[0]);
            return Stats.builder().put("sum", e).put("n", 1).put("worst", e).build();
        }

        @Override
        public Combine combine(String key) {
            return key.equals("worst") ? Combine.MAX : Combine.SUM;
        }

        @Override
        public MetricValues finish(Stats t) {
            return MetricValues.of(new MetricValue("mean", t.scalar("sum") / t.scalar("n"), false),
                    new MetricValue("worst", t.scalar("worst"), false));
        }
    }

    static Stats sample(WorstError m, float error) {
        return m.measure(new FloatImage(1, 1, 1, new float[] {error}), new FloatImage(1, 1, 1, new float[] {0}));
    }

    @Test
    void theAccumulatorFollowsTheDeclaration() {
        WorstError m = new WorstError();
        Stats.Accumulator acc = Stats.Accumulator.of(m);
        for (float e : new float[] {1, 5, 3}) {
            acc.add(sample(m, e));
        }
        MetricValues v = m.finish(acc.result());
        assertThat(v.value("mean")).isEqualTo(3.0);
        assertThat(v.value("worst")).isEqualTo(5.0);
        assertThat(new Stats.Accumulator().add(sample(m, 1)).add(sample(m, 5)).result().scalar("worst")).isEqualTo(6.0);
    }

    @Test
    void bootstrapResamplesCombineTheSameWay() {
        WorstError m = new WorstError();
        List<Stats> samples = List.of(sample(m, 1), sample(m, 2), sample(m, 9));
        double[] worst = new Bootstrap(200, 0, 0.95).interval(m, samples).get("worst");
        assertThat(worst[1]).isEqualTo(9.0);
        assertThat(worst[0]).isBetween(1.0, 9.0);
    }

    @Test
    void aVectorCannotBeConcatenated() {
        Stats.Accumulator acc = new Stats.Accumulator(k -> Combine.CONCAT);
        assertThatThrownBy(() -> acc.add(Stats.builder().put("x", 1).build())).hasMessageContaining("declared CONCAT");
    }
}
