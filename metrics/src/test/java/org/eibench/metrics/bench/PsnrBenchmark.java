package org.eibench.metrics.bench;

import java.util.SplittableRandom;
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

/** PSNR of a 1024x1024 RGB pair. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PsnrBenchmark {

    private FloatImage a;
    private FloatImage b;
    private final PsnrMetric psnr = new PsnrMetric();

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[1024 * 1024 * 3];
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(256);
            y[i] = r.nextInt(256);
        }
        a = new FloatImage(1024, 1024, 3, x);
        b = new FloatImage(1024, 1024, 3, y);
    }

    @Benchmark
    public Stats psnrRgb() {
        return psnr.measure(a, b);
    }
}
