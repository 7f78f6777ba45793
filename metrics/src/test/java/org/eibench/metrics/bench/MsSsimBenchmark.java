package org.eibench.metrics.bench;

import java.util.concurrent.TimeUnit;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Stats;
import org.eibench.metrics.image.MsSsimMetric;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** MS-SSIM of a 1024x1024 RGB pair (bench/metrics-image.sh compares it with a numpy pytorch_msssim re-implementation). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MsSsimBenchmark {

    private FloatImage a;
    private FloatImage b;
    private final MsSsimMetric msSsim = new MsSsimMetric();

    @Setup
    public void setup() {
        a = SsimBenchmark.Images.prediction(1024, 1024, 3);
        b = SsimBenchmark.Images.target(1024, 1024, 3);
    }

    @Benchmark
    public Stats msSsimRgb() {
        return msSsim.measure(a, b);
    }
}
