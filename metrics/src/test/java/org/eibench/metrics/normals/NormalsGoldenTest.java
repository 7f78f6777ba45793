package org.eibench.metrics.normals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eibench.metrics.stats.Golden.close;
import static org.eibench.metrics.stats.Golden.doubles;
import static org.eibench.metrics.stats.Golden.floats;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Agreement with DSINE's normal metrics (normals_golden.py): 1e-6 relative for every key except the pooled median,
 * which must lie within the histogram's guaranteed bound max(0.001 deg, 0.1%) of numpy's median.
 */
class NormalsGoldenTest {

    static final double TOL = 1e-6;

    @SuppressWarnings("unchecked")
    static Stream<Map<String, Object>> cases() {
        Map<String, Object> f = Golden.readJson(Golden.fixture("normals/normals_golden.json"));
        return ((List<Map<String, Object>>) f.get("cases")).stream();
    }

    /** Java twin of normals_golden.py normals_from_depth. */
    static FloatImage normalsFromDepth(int[] mm, int w, int h) {
        double[] z = new double[mm.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) mm[i] / 1000f;
        }
        float[] n = new float[w * h * 3];
        for (int y = 0; y + 1 < h; y++) {
            for (int x = 0; x + 1 < w; x++) {
                int i = y * w + x;
                if (!(z[i] > 0 && z[i + 1] > 0 && z[i + w] > 0)) {
                    continue;
                }
                double[] p = point(x, y, z[i]);
                double[] pa = point(x + 1, y, z[i + 1]);
                double[] pb = point(x, y + 1, z[i + w]);
                double ax = pa[0] - p[0], ay = pa[1] - p[1], az = pa[2] - p[2];
                double bx = pb[0] - p[0], by = pb[1] - p[1], bz = pb[2] - p[2];
                n[3 * i] = (float) (ay * bz - az * by);
                n[3 * i + 1] = (float) (az * bx - ax * bz);
                n[3 * i + 2] = (float) (ax * by - ay * bx);
            }
        }
        return new FloatImage(w, h, 3, n);
    }

    private static double[] point(int x, int y, double z) {
        return new double[] {(x - 319.5) * z / 525.0, (y - 239.5) * z / 525.0, z};
    }

    static List<FloatImage[]> pairs(Map<String, Object> c) {
        List<FloatImage[]> out = new ArrayList<>();
        if (c.containsKey("gt")) {
            int w = (int) num(c.get("width"));
            int h = (int) num(c.get("height"));
            out.add(new FloatImage[] {new FloatImage(w, h, 3, floats(c.get("pred"))), new FloatImage(w, h, 3, floats(c.get("gt")))});
            return out;
        }
        Path data = Golden.dataDir();
        List<FloatImage> maps = new ArrayList<>();
        for (Object f : (List<?>) c.get("files")) {
            int[] size = new int[2];
            int[] mm = Golden.readGray(data.resolve((String) f), size);
            maps.add(normalsFromDepth(mm, size[0], size[1]));
        }
        for (int k = 0; k + 1 < maps.size(); k++) {
            out.add(new FloatImage[] {maps.get(k + 1), maps.get(k)});
        }
        return out;
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void agreesWithDsine(Map<String, Object> c) {
        List<FloatImage[]> pairs = pairs(c);
        for (NormalsMetric.Pooling pooling : NormalsMetric.Pooling.values()) {
            NormalsMetric m = new NormalsMetric(pooling);
            Stats.Accumulator acc = new Stats.Accumulator();
            for (FloatImage[] p : pairs) {
                acc.add(m.measure(p[0], p[1]));
            }
            MetricValues v = m.finish(acc.result());
            Map<String, Object> ref = (Map<String, Object>) c.get(pooling.key());
            for (String k : NormalsMetric.KEYS) {
                double e = num(ref.get(k));
                double a = v.value(k);
                if (pooling == NormalsMetric.Pooling.PIXELS && k.equals("median_angular_error")) {
                    assertThat(Math.abs(a - e)).as(c.get("name") + " pooled median " + a + " vs numpy " + e)
                            .isLessThanOrEqualTo(Math.max(0.001, 0.001 * e));
                } else {
                    assertThat(close(e, a, TOL)).as(c.get("name") + " " + pooling + " " + k + ": expected " + e + ", got " + a).isTrue();
                }
            }
        }
    }

    @Test
    void errorsMatchPixelByPixel() {
        Map<String, Object> c = cases().filter(x -> x.containsKey("errors")).findFirst().orElseThrow();
        FloatImage[] p = pairs(c).get(0);
        double[] expected = doubles(c.get("errors"));
        double[] actual = NormalsMetric.angularErrors(p[0], p[1]);
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(close(expected[i], actual[i], 1e-9)).as("pixel " + i + ": " + expected[i] + " vs " + actual[i]).isTrue();
        }
    }
}
