package org.eibench.metrics.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.eibench.metrics.LabelMap;
import org.eibench.metrics.Stats;
import org.eibench.metrics.segmentation.ConfusionMatrix;
import org.eibench.metrics.segmentation.SegmentationMetric;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Confusion counting on a 2048 x 2048 (4 MP) label-map pair, single thread. The maps are made exactly as
 * {@code bench/metrics-dense.sh} makes them for numpy's {@code np.bincount(C*gt[mask]+pred[mask])}:
 * {@code blocky}: piecewise-constant 64x48 blocks of C classes, an ignore band (255) every 97th row, and 1/8 of the
 * pixels of the prediction moved to another class; {@code random}: independent uniform labels (the worst case for
 * the kernel, no run of equal counters), same ignore band.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ConfusionMatrixBenchmark {

    static final int SIDE = 2048;

    @Param({"150"})
    public int classes;

    @Param({"blocky", "random"})
    public String pattern;

    private LabelMap gt;
    private LabelMap pred;
    private SegmentationMetric metric;

    @Setup
    public void setup() {
        int[][] maps = makeMaps(pattern, classes);
        gt = new LabelMap(SIDE, SIDE, maps[0]);
        pred = new LabelMap(SIDE, SIDE, maps[1]);
        metric = new SegmentationMetric(classes, 255, null);
    }

    /** The same generator as bench/metrics-dense.sh (numpy side). */
    static int[][] makeMaps(String pattern, int c) {
        int[] g = new int[SIDE * SIDE];
        int[] p = new int[SIDE * SIDE];
        SplittableRandom r = new SplittableRandom(7);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int i = y * SIDE + x;
                int v = pattern.equals("blocky") ? ((x / 64) * 7 + (y / 48) * 13) % c : r.nextInt(c);
                int q = pattern.equals("blocky") ? (((x * 31 + y * 17) & 7) == 0 ? (v + 1) % c : v) : r.nextInt(c);
                g[i] = y % 97 == 0 ? 255 : v;
                p[i] = q;
            }
        }
        return new int[][] {g, p};
    }

    /** The kernel alone: what numpy's bincount line computes. */
    @Benchmark
    public ConfusionMatrix kernel() {
        return ConfusionMatrix.count(gt.labels(), pred.labels(), classes, 256);
    }

    /** The whole per-sample measure: kernel + reduction to mmseg's statistics. */
    @Benchmark
    public Stats measure() {
        return metric.measure(pred, gt);
    }
}
