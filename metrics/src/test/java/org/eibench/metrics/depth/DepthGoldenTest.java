package org.eibench.metrics.depth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eibench.metrics.stats.Golden.close;
import static org.eibench.metrics.stats.Golden.num;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;
import org.eibench.metrics.stats.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Agreement with the BTS / Monodepth2 / Marigold formulas (depth_golden.py) to 1e-6 relative. */
class DepthGoldenTest {

    static final double TOL = 1e-6;

    @SuppressWarnings("unchecked")
    static Stream<Map<String, Object>> cases() {
        Map<String, Object> f = Golden.readJson(Golden.fixture("depth/depth_golden.json"));
        return ((List<Map<String, Object>>) f.get("cases")).stream();
    }

    /** Java twin of depth_golden.py synth_pred (float64, cast to float32 by the caller). */
    static double synth(double g, int x, int y) {
        return g > 0 ? g * (1.1 + 0.1 * Math.sin(x / 40.0)) + 0.05 * Math.cos(y / 30.0) : 1.5 + 0.5 * Math.sin((x + y) / 50.0);
    }

    static float[] floatsWithNaN(Object list) {
        List<?> l = (List<?>) list;
        float[] f = new float[l.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = l.get(i) == null ? Float.NaN : (float) num(l.get(i));
        }
        return f;
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void agreesWithReference(Map<String, Object> c) {
        DepthMetric m = DepthMetric.fromOptions(Map.of("min_depth", c.get("min_depth"), "max_depth", c.get("max_depth"),
                "crop", c.get("crop"), "alignment", c.get("alignment"), "input", c.get("input")));
        List<FloatImage[]> pairs = new ArrayList<>();
        boolean disparity = "disparity".equals(c.get("input"));
        if (c.containsKey("gt")) {
            int w = (int) num(c.get("width"));
            int h = (int) num(c.get("height"));
            pairs.add(new FloatImage[] {new FloatImage(w, h, 1, floatsWithNaN(c.get("pred"))), new FloatImage(w, h, 1, floatsWithNaN(c.get("gt")))});
        } else {
            Path data = Golden.dataDir();
            for (Object file : (List<Object>) c.get("files")) {
                int[] size = new int[2];
                int[] mm = Golden.readGray(data.resolve((String) file), size);
                float[] gt = new float[mm.length];
                float[] pred = new float[mm.length];
                for (int i = 0; i < mm.length; i++) {
                    gt[i] = (float) mm[i] / 1000f; // as numpy: float32(mm) / float32(1000)
                    double p = synth(gt[i], i % size[0], i / size[0]);
                    pred[i] = (float) (disparity ? 0.7 / p + 0.02 : p);
                }
                pairs.add(new FloatImage[] {new FloatImage(size[0], size[1], 1, pred), new FloatImage(size[0], size[1], 1, gt)});
            }
        }
        Stats.Accumulator acc = new Stats.Accumulator();
        for (FloatImage[] p : pairs) {
            acc.add(m.measure(p[0], p[1]));
        }
        MetricValues v = m.finish(acc.result());
        Map<String, Object> expected = (Map<String, Object>) c.get("expected");
        for (String k : DepthMetric.METRICS) {
            double e = num(expected.get(k));
            double a = v.value(m.key(k));
            assertThat(close(e, a, TOL)).as(c.get("name") + " " + k + ": expected " + e + ", got " + a).isTrue();
        }
    }
}
