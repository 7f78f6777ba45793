package org.eibench.metrics.bench;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Stats;
import org.eibench.metrics.depth.DepthMetric;
import org.eibench.metrics.depth.DepthReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Depth errors of one 640x480 NYU-sized frame (Eigen crop, 0-10 m) under each alignment and precision, on random
 * floats or on NYU-like whole millimetres (smooth, with holes, as PNGs decode them), timed for DepthMetric and for
 * {@link DepthReference} (the code before the streaming pass) in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DepthBenchmark {

    @Param({"none", "median", "lstsq", "lstsq-disparity"})
    public String alignment;

    /** {@code random}: arbitrary floats in 1..9 m; {@code mm}: millimetres as eval_with_pngs.py reads them. */
    @Param({"random", "mm"})
    public String data;

    @Param({"float64", "float32"})
    public String precision;

    private FloatImage pred;
    private FloatImage gt;
    private DepthMetric metric;
    private DepthReference reference;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(1);
        float[] g = new float[640 * 480];
        float[] p = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            if (data.equals("random")) {
                g[i] = r.nextDouble() < 0.05 ? 0f : (float) (1 + 8 * r.nextDouble());
                p[i] = (float) (g[i] * (0.8 + 0.4 * r.nextDouble()) + 0.1);
            } else {
                // a smooth scene in millimetres with sensor noise and 8 % holes; the prediction smooth too, off by up
                // to ~15 %; decoded as BTS does: gt raw / 1000 in float32, prediction float32(raw * 0.001)
                int x = i % 640;
                int y = i / 640;
                double scene = 1.5 + 3 * (1 + Math.sin(0.011 * x) * Math.cos(0.017 * y)) + 0.002 * y;
                int raw = r.nextDouble() < 0.08 ? 0 : (int) (1000 * scene) + r.nextInt(-4, 5);
                int rawP = (int) (1000 * scene * (1 + 0.15 * Math.sin(0.005 * x + 0.003 * y))) + r.nextInt(-10, 11);
                g[i] = raw / 1000f;
                p[i] = (float) (rawP * 0.001);
            }
        }
        pred = new FloatImage(640, 480, 1, p);
        gt = new FloatImage(640, 480, 1, g);
        metric = DepthMetric.fromOptions(Map.of("crop", "eigen", "alignment", alignment, "precision", precision));
        reference = new DepthReference(1e-3, 10, DepthMetric.Crop.EIGEN, alignmentOf(alignment), DepthMetric.Input.DEPTH,
                precision.equals("float32"));
        if (!metric.measure(pred, gt).equals(reference.measure(pred, gt))) {
            throw new IllegalStateException("DepthMetric and DepthReference disagree");
        }
    }

    private static DepthMetric.Alignment alignmentOf(String key) {
        for (DepthMetric.Alignment a : DepthMetric.Alignment.values()) {
            if (a.key().equals(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException(key);
    }

    @Benchmark
    public Stats measure() {
        return metric.measure(pred, gt);
    }

    /** The same frame through the code before the streaming pass. */
    @Benchmark
    public Stats reference() {
        return reference.measure(pred, gt);
    }
}
