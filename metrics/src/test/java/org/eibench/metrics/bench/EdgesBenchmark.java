package org.eibench.metrics.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Stats;
import org.eibench.metrics.edges.BsdsBoundaryMetric;
import org.eibench.metrics.edges.EdgeAnnotations;
import org.eibench.metrics.edges.EdgeF1Metric;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * BSDS boundary evaluation of one 481x321 image (binarise, thin, match to every annotator, per threshold) at 99 and
 * 5 thresholds, and the pixel F1 of a 1024x1024 Canny-like pair. Uses BSDS fixture image 2018 (5 annotators) when
 * the bundled data is found (system property {@code eibench.data}, env {@code EIBENCH_DATA}, else the repository's
 * {@code data/}), otherwise a synthetic image of the same size.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EdgesBenchmark {

    /** A 1024x1024 pair of binary maps that agree on 80% of pixels. */
    @State(Scope.Benchmark)
    public static class Canny {
        final EdgeF1Metric f1 = new EdgeF1Metric();
        FloatImage a;
        FloatImage b;

        @Setup
        public void setup() {
            SplittableRandom r = new SplittableRandom(3);
            float[] x = new float[1024 * 1024];
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextDouble() < 0.1 ? 1f : 0f;
                y[i] = r.nextDouble() < 0.8 ? x[i] : 1f - x[i];
            }
            a = new FloatImage(1024, 1024, 1, x);
            b = new FloatImage(1024, 1024, 1, y);
        }
    }

    /** One BSDS image with its annotators. */
    @State(Scope.Benchmark)
    public static class Bsds {
        @Param({"99", "5"})
        public int nthresh;

        BsdsBoundaryMetric bsds;
        FloatImage prediction;
        EdgeAnnotations truth;

        @Setup
        public void setup() throws IOException {
            bsds = new BsdsBoundaryMetric(nthresh, BsdsBoundaryMetric.DEFAULT_MAX_DIST, true);
            Path bench = findBench();
            if (bench != null) {
                prediction = read(bench.resolve("png/2018.png"));
                List<FloatImage> maps = new ArrayList<>();
                for (int k = 1; Files.exists(bench.resolve("gt_png/2018_bdry" + k + ".png")); k++) {
                    maps.add(read(bench.resolve("gt_png/2018_bdry" + k + ".png")));
                }
                truth = new EdgeAnnotations(maps);
                System.out.println("bsds benchmark input: fixture image 2018, " + maps.size() + " annotators");
            } else {
                synthetic();
                System.out.println("bsds benchmark input: synthetic 481x321 (bundled data not found)");
            }
        }

        static Path findBench() {
            List<String> roots = new ArrayList<>();
            if (System.getProperty("eibench.data") != null) {
                roots.add(System.getProperty("eibench.data"));
            }
            if (System.getenv("EIBENCH_DATA") != null) {
                roots.add(System.getenv("EIBENCH_DATA"));
            }
            roots.add(org.eibench.metrics.stats.Golden.repoRoot().resolve("data").toString());
            for (String root : roots) {
                Path p = Path.of(root, "edges", "bsds_bench");
                if (Files.isDirectory(p.resolve("png"))) {
                    return p;
                }
            }
            return null;
        }

        static FloatImage read(Path png) throws IOException {
            BufferedImage img = ImageIO.read(png.toFile());
            float[] d = new float[img.getWidth() * img.getHeight()];
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    d[y * img.getWidth() + x] = img.getRaster().getSample(x, y, 0) / 255f;
                }
            }
            return new FloatImage(img.getWidth(), img.getHeight(), 1, d);
        }

        /** Soft random segments with a halo, and 5 annotators tracing them with jitter. */
        private void synthetic() {
            int w = 481;
            int h = 321;
            SplittableRandom r = new SplittableRandom(7);
            int[][] seg = new int[60][4];
            for (int[] s : seg) {
                s[0] = r.nextInt(w);
                s[1] = r.nextInt(h);
                s[2] = Math.max(0, Math.min(w - 1, s[0] + r.nextInt(121) - 60));
                s[3] = Math.max(0, Math.min(h - 1, s[1] + r.nextInt(121) - 60));
            }
            float[] p = new float[w * h];
            for (int[] s : seg) {
                float v = (float) r.nextDouble();
                for (int dy = -1; dy <= 1; dy++) {
                    line(p, w, h, s[0], s[1] + dy, s[2], s[3] + dy, dy == 0 ? v : v / 2);
                }
            }
            List<FloatImage> maps = new ArrayList<>();
            for (int a = 0; a < 5; a++) {
                float[] m = new float[w * h];
                for (int[] s : seg) {
                    if (r.nextDouble() < 0.7) {
                        line(m, w, h, s[0] + r.nextInt(5) - 2, s[1] + r.nextInt(5) - 2, s[2], s[3], 1f);
                    }
                }
                maps.add(new FloatImage(w, h, 1, m));
            }
            prediction = new FloatImage(w, h, 1, p);
            truth = new EdgeAnnotations(maps);
        }
    }

    private static void line(float[] m, int w, int h, int x0, int y0, int x1, int y1, float v) {
        int steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
        for (int k = 0; k <= steps; k++) {
            int x = steps == 0 ? x0 : (int) Math.round(x0 + (x1 - x0) * (double) k / steps);
            int y = steps == 0 ? y0 : (int) Math.round(y0 + (y1 - y0) * (double) k / steps);
            if (x >= 0 && x < w && y >= 0 && y < h) {
                m[y * w + x] = Math.max(m[y * w + x], v);
            }
        }
    }

    /**
     * Whole-fixture timing in thread CPU time, which a loaded machine disturbs less than wall-clock time: all
     * images of the BSDS fixture at {@code args[0]} thresholds (default 99), {@code args[1]} rounds (default 5).
     */
    public static void main(String[] args) throws IOException {
        int nthresh = args.length > 0 ? Integer.parseInt(args[0]) : BsdsBoundaryMetric.DEFAULT_NTHRESH;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path bench = Bsds.findBench();
        if (bench == null) {
            System.out.println("BSDS fixture not found (set EIBENCH_DATA or -Deibench.data)");
            return;
        }
        List<String> ids = new ArrayList<>();
        try (var files = Files.list(bench.resolve("png"))) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted()
                    .forEach(n -> ids.add(n.substring(0, n.length() - 4)));
        }
        List<FloatImage> predictions = new ArrayList<>();
        List<EdgeAnnotations> truths = new ArrayList<>();
        for (String id : ids) {
            predictions.add(Bsds.read(bench.resolve("png/" + id + ".png")));
            List<FloatImage> maps = new ArrayList<>();
            for (int k = 1; Files.exists(bench.resolve("gt_png/" + id + "_bdry" + k + ".png")); k++) {
                maps.add(Bsds.read(bench.resolve("gt_png/" + id + "_bdry" + k + ".png")));
            }
            truths.add(new EdgeAnnotations(maps));
        }
        BsdsBoundaryMetric metric = new BsdsBoundaryMetric(nthresh, BsdsBoundaryMetric.DEFAULT_MAX_DIST, true);
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rounds; round++) {
            long cpu0 = mx.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            Stats.Accumulator acc = new Stats.Accumulator();
            for (int i = 0; i < ids.size(); i++) {
                acc.add(metric.measure(predictions.get(i), truths.get(i)));
            }
            long wall1 = System.nanoTime();
            long cpu1 = mx.getCurrentThreadCpuTime();
            System.out.printf("round %d: %d images, nthresh %d: cpu %.3f s, wall %.3f s, %s%n", round + 1, ids.size(),
                    nthresh, (cpu1 - cpu0) / 1e9, (wall1 - wall0) / 1e9, metric.finish(acc.result()).asMap());
        }
    }

    @Benchmark
    public Stats bsdsOneImage(Bsds s) {
        return s.bsds.measure(s.prediction, s.truth);
    }

    @Benchmark
    public Stats edgeF1Canny1024(Canny s) {
        return s.f1.measure(s.a, s.b);
    }
}
