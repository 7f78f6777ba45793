package org.eibench.metrics.bench;

import java.util.concurrent.TimeUnit;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Stats;
import org.eibench.metrics.image.PsnrMetric;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** PSNR of a 1024x1024 RGB pair (bench/metrics-image.sh compares it with cv2.PSNR). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PsnrBenchmark {

    private FloatImage a;
    private FloatImage b;
    private final PsnrMetric psnr = new PsnrMetric();
    private final PsnrMetric psnrY = new PsnrMetric("y", false, 4, 255, 100);

    @Setup
    public void setup() {
        a = SsimBenchmark.Images.prediction(1024, 1024, 3);
        b = SsimBenchmark.Images.target(1024, 1024, 3);
    }

    @Benchmark
    public Stats psnrRgb() {
        return psnr.measure(a, b);
    }

    @Benchmark
    public Stats psnrYCrop4() {
        return psnrY.measure(a, b);
    }
}
