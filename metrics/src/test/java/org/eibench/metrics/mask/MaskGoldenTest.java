package org.eibench.metrics.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eibench.metrics.stats.Golden.close;
import static org.eibench.metrics.stats.Golden.floats;
import static org.eibench.metrics.stats.Golden.num;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;
import org.eibench.metrics.stats.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Agreement with PySODMetrics' F-measure and MAE formulas (mask_golden.py) to 1e-9 relative. */
class MaskGoldenTest {

    static final double TOL = 1e-9;

    @SuppressWarnings("unchecked")
    static Stream<Map<String, Object>> cases() {
        Map<String, Object> f = Golden.readJson(Golden.fixture("mask/mask_golden.json"));
        return ((List<Map<String, Object>>) f.get("cases")).stream();
    }

    /** Java twin of mask_golden.py soft_prediction. */
    static float[] soft(int[] gt, int w, int h) {
        double[] v = new double[gt.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double fg = gt[y * w + x] > 128 ? 1 : 0;
                v[y * w + x] = fg * 170 + 60 * Math.sin(x / 9.0) * Math.cos(y / 7.0) + 40;
            }
        }
        float[] out = new float[gt.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = v[y * w + Math.floorMod(x - 5, w)];
                out[y * w + x] = (float) Math.max(0, Math.min(255, Math.floor(s + 0.5)));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void agreesWithPySod(Map<String, Object> c) {
        Map<String, Object> opts = new HashMap<>();
        if (c.get("void") != null) {
            opts.put("void", c.get("void"));
        }
        MaskMetric m = MaskMetric.fromOptions(opts);
        List<FloatImage[]> pairs = new ArrayList<>();
        if (c.containsKey("gt")) {
            int w = (int) num(c.get("width"));
            int h = (int) num(c.get("height"));
            pairs.add(new FloatImage[] {new FloatImage(w, h, 1, floats(c.get("pred"))), new FloatImage(w, h, 1, floats(c.get("gt")))});
        } else {
            Path data = Golden.dataDir();
            for (Object f : (List<?>) c.get("files")) {
                int[] size = new int[2];
                int[] g = Golden.readGray(data.resolve((String) f), size);
                float[] gt = new float[g.length];
                for (int i = 0; i < g.length; i++) {
                    gt[i] = g[i];
                }
                pairs.add(new FloatImage[] {new FloatImage(size[0], size[1], 1, soft(g, size[0], size[1])), new FloatImage(size[0], size[1], 1, gt)});
            }
        }
        Stats.Accumulator acc = new Stats.Accumulator();
        for (FloatImage[] p : pairs) {
            acc.add(m.measure(p[0], p[1]));
        }
        MetricValues v = m.finish(acc.result());
        Map<String, Object> expected = (Map<String, Object>) c.get("expected");
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            double ex = num(e.getValue());
            double a = v.value(e.getKey());
            assertThat(close(ex, a, TOL)).as(c.get("name") + " " + e.getKey() + ": expected " + ex + ", got " + a).isTrue();
        }
    }
}
