package org.eibench.metrics.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;
import org.eibench.metrics.normals.NormalsMetric;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Angular errors of one 640x480 normal map, pooled (histogram) or per image (exact median by sorting). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NormalsBenchmark {

    @Param({"pixels", "images"})
    public String pooling;

    private FloatImage pred;
    private FloatImage gt;
    private NormalsMetric metric;
    private Stats one;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(2);
        float[] t = new float[640 * 480 * 3];
        float[] p = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) r.nextGaussian();
            p[i] = (float) (t[i] + 0.3 * r.nextGaussian());
        }
        pred = new FloatImage(640, 480, 3, p);
        gt = new FloatImage(640, 480, 3, t);
        metric = NormalsMetric.fromOptions(java.util.Map.of("pooling", pooling));
        one = metric.measure(pred, gt);
    }

    @Benchmark
    public Stats measure() {
        return metric.measure(pred, gt);
    }

    /** Finishing a pooled total: the median scan of the 6197-bin histogram. */
    @Benchmark
    public MetricValues finish() {
        return metric.finish(one);
    }
}
