package org.eibench.metrics.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.GenerationTarget;
import org.eibench.metrics.Stats;
import org.junit.jupiter.api.Test;

/** Properties of {@link ClipScoreMetric} with a made-up encoder: bounds, merging, order, torchmetrics' clamp of the mean. */
class ClipScoreMetricTest {

    private static final FloatImage IMAGE = FloatImage.zeros(4, 3, 3);

    /** An encoder that returns the pair of embeddings written in the text: "name" looked up in a table. */
    private static ClipScoreMetric metric(Map<String, float[][]> table) {
        return new ClipScoreMetric((image, text) -> table.get(text), "cs_test", Map.of("evaluator", "test"));
    }

    private static GenerationTarget target(String text) {
        return GenerationTarget.of(IMAGE).withText(text);
    }

    private static double value(ClipScoreMetric m, Stats s) {
        return m.finish(s).value("cs_test");
    }

    @Test
    void oneSampleIsHundredTimesTheCosineClampedAtZero() {
        ClipScoreMetric m = metric(Map.of(
                "same", new float[][] {{1, 2, 3}, {2, 4, 6}},
                "orthogonal", new float[][] {{1, 0}, {0, 5}},
                "opposite", new float[][] {{1, 1}, {-1, -1}},
                "sixty", new float[][] {{1, 0}, {0.5f, (float) Math.sqrt(0.75)}}));
        assertThat(value(m, m.measure(IMAGE, target("same")))).isCloseTo(100, within(1e-12));
        assertThat(value(m, m.measure(IMAGE, target("orthogonal")))).isEqualTo(0);
        assertThat(value(m, m.measure(IMAGE, target("opposite")))).isEqualTo(0);
        assertThat(value(m, m.measure(IMAGE, target("sixty")))).isCloseTo(50, within(1e-6));
    }

    /** torchmetrics' compute: max(sum / n, 0), so a negative sample pulls the mean down. */
    @Test
    void theMeanIsClampedNotEachSample() {
        ClipScoreMetric m = metric(Map.of(
                "plus", new float[][] {{1, 0}, {0.5f, (float) Math.sqrt(0.75)}},
                "minus", new float[][] {{1, 0}, {-0.3f, (float) Math.sqrt(1 - 0.09)}}));
        Stats s = m.measure(IMAGE, target("plus")).plus(m.measure(IMAGE, target("minus")));
        assertThat(value(m, s)).isCloseTo((50 - 30) / 2.0, within(1e-5));
        assertThat(m.finish(s).notes()).containsEntry("samples", 2L);
    }

    @Test
    void boundsMergeAndOrderOnRandomEmbeddings() {
        Random r = new Random(16);
        Map<String, float[][]> table = new java.util.HashMap<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int d = 8;
            float[][] e = new float[2][d];
            for (int j = 0; j < d; j++) {
                e[0][j] = (float) r.nextGaussian();
                e[1][j] = (float) (r.nextGaussian() + (i % 3 == 0 ? e[0][j] : 0));
            }
            table.put("t" + i, e);
            texts.add("t" + i);
        }
        ClipScoreMetric m = metric(table);
        List<Stats> per = new ArrayList<>();
        double direct = 0;
        for (String t : texts) {
            Stats s = m.measure(IMAGE, target(t));
            double one = value(m, s);
            assertThat(one).isBetween(0.0, 100.0);
            float[][] e = table.get(t);
            direct += 100 * ClipScoreMetric.cosine(e[0], e[1]);
            per.add(s);
        }
        double whole = value(m, sum(per));
        assertThat(whole).isBetween(0.0, 100.0).isCloseTo(Math.max(direct / texts.size(), 0), within(1e-9));
        // shards merged = the whole run
        Stats shards = sum(per.subList(0, 77)).plus(sum(per.subList(77, 150))).plus(sum(per.subList(150, 200)));
        assertThat(value(m, shards)).isCloseTo(whole, within(1e-9));
        List<Stats> shuffled = new ArrayList<>(per);
        Collections.shuffle(shuffled, new Random(3));
        assertThat(value(m, sum(shuffled))).isCloseTo(whole, within(1e-9));
    }

    private static Stats sum(List<Stats> s) {
        Stats.Accumulator a = new Stats.Accumulator();
        s.forEach(a::add);
        return a.result();
    }

    @Test
    void badInputIsNamed() {
        ClipScoreMetric m = metric(Map.of("zero", new float[][] {{0, 0}, {1, 1}}, "short", new float[][] {{1, 2, 3}, {1, 2}},
                "nan", new float[][] {{Float.NaN, 1}, {1, 1}}));
        assertThatThrownBy(() -> m.measure(IMAGE, GenerationTarget.of(IMAGE))).hasMessageContaining("neither a caption nor an instruction");
        assertThatThrownBy(() -> m.measure(IMAGE, target("zero"))).hasMessageContaining("zero image embedding");
        assertThatThrownBy(() -> m.measure(IMAGE, target("short"))).hasMessageContaining("3 values and a text embedding of 2");
        assertThatThrownBy(() -> m.measure(IMAGE, target("nan"))).hasMessageContaining("non-finite");
        assertThat(m.finish(Stats.EMPTY).value("cs_test")).isNaN();
    }
}
