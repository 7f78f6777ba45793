package org.eibench.metrics.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eibench.metrics.stats.Golden.close;
import static org.eibench.metrics.stats.Golden.doubles;
import static org.eibench.metrics.stats.Golden.ints;
import static org.eibench.metrics.stats.Golden.num;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eibench.metrics.LabelMap;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;
import org.eibench.metrics.stats.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Agreement with mmseg's and detectron2's formulas (seg_golden.py) to 1e-9 relative. */
class SegmentationGoldenTest {

    static final double TOL = 1e-9;

    @SuppressWarnings("unchecked")
    static Stream<Map<String, Object>> cases() {
        Map<String, Object> f = Golden.readJson(Golden.fixture("segmentation/seg_golden.json"));
        return ((List<Map<String, Object>>) f.get("cases")).stream();
    }

    /** Java twin of seg_golden.py perturb(): (+2, -3) shift of gt with void replaced, plus salt. */
    static int[] perturb(int[] gt, int w, int h, int voidFrom, int voidTo, int saltMod, int saltRange) {
        int[] p = new int[gt.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = gt[Math.max(y - 3, 0) * w + Math.min(x + 2, w - 1)];
                v = v == voidFrom ? voidTo : v;
                if ((x * 7 + y * 13) % saltMod == 0) {
                    v = (x + 2 * y) % saltRange;
                }
                p[y * w + x] = v;
            }
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    static List<LabelMap[]> pairs(Map<String, Object> c) {
        List<LabelMap[]> out = new ArrayList<>();
        if (c.containsKey("gt")) {
            int w = (int) num(c.get("width"));
            int h = (int) num(c.get("height"));
            out.add(new LabelMap[] {new LabelMap(w, h, ints(c.get("pred"))), new LabelMap(w, h, ints(c.get("gt")))});
            return out;
        }
        Path data = Golden.dataDir();
        boolean ade = (Boolean) c.get("reduce_zero_label");
        for (Object file : (List<Object>) c.get("files")) {
            int[] size = new int[2];
            int[] gt = Golden.readGray(data.resolve((String) file), size);
            int[] pred;
            if (ade) {
                pred = perturb(gt, size[0], size[1], 0, 1, 19, 152);
                for (int i = 0; i < pred.length; i++) {
                    pred[i] -= 1;
                }
            } else {
                pred = perturb(gt, size[0], size[1], 255, 0, 23, 22);
            }
            out.add(new LabelMap[] {new LabelMap(size[0], size[1], pred), new LabelMap(size[0], size[1], gt)});
        }
        return out;
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void agreesWithMmsegAndDetectron2(Map<String, Object> c) {
        int classes = (int) num(c.get("num_classes"));
        int ignore = (int) num(c.get("ignore_index"));
        boolean reduce = (Boolean) c.get("reduce_zero_label");
        SegmentationMetric mm = new SegmentationMetric(classes, ignore, SegmentationMetric.Absent.UNION, reduce, null);
        SegmentationMetric d2 = new SegmentationMetric(classes, ignore, SegmentationMetric.Absent.GT_ONLY, reduce, null);
        Stats.Accumulator acc = new Stats.Accumulator();
        for (LabelMap[] p : pairs(c)) {
            acc.add(mm.measure(p[0], p[1]));
        }
        Stats total = acc.result();
        assertThat(total.vector("area_intersect")).containsExactly(doubles(c.get("area_intersect")));
        assertThat(total.vector("area_pred")).containsExactly(doubles(c.get("area_pred")));
        assertThat(total.vector("area_label")).containsExactly(doubles(c.get("area_label")));
        check(mm.finish(total), (Map<String, Object>) c.get("mmseg"), classes, c.get("name") + " mmseg");
        check(d2.finish(total), (Map<String, Object>) c.get("detectron2"), classes, c.get("name") + " detectron2");
    }

    private static void check(MetricValues v, Map<String, Object> ref, int classes, String what) {
        for (String k : new String[] {"miou", "aacc", "macc", "fwiou"}) {
            if (ref.containsKey(k)) {
                assertThat(close(num(ref.get(k)), v.value(k), TOL)).as(what + " " + k + ": " + ref.get(k) + " vs " + v.value(k)).isTrue();
            }
        }
        double[] iou = doubles(ref.get("iou"));
        for (int c = 0; c < classes; c++) {
            assertThat(close(iou[c], v.value("iou." + c), TOL)).as(what + " iou." + c + ": " + iou[c] + " vs " + v.value("iou." + c)).isTrue();
        }
    }
}
