package org.eibench.metrics.bench;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Stats;
import org.eibench.metrics.depth.DepthMetric;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Depth errors of one 640x480 NYU-sized frame (Eigen crop, 0-10 m) under each alignment. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DepthBenchmark {

    @Param({"none", "median", "lstsq", "lstsq-disparity"})
    public String alignment;

    private FloatImage pred;
    private FloatImage gt;
    private DepthMetric metric;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(1);
        float[] g = new float[640 * 480];
        float[] p = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = r.nextDouble() < 0.05 ? 0f : (float) (1 + 8 * r.nextDouble());
            p[i] = (float) (g[i] * (0.8 + 0.4 * r.nextDouble()) + 0.1);
        }
        pred = new FloatImage(640, 480, 1, p);
        gt = new FloatImage(640, 480, 1, g);
        metric = DepthMetric.fromOptions(Map.of("crop", "eigen", "alignment", alignment));
    }

    @Benchmark
    public Stats measure() {
        return metric.measure(pred, gt);
    }
}
