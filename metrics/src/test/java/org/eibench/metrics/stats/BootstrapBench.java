package org.eibench.metrics.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.eibench.metrics.LabelMap;
import org.eibench.metrics.Stats;
import org.eibench.metrics.segmentation.SegmentationMetric;

/**
 * {@code Bootstrap.standard().interval} of a 150-class mIoU over 2000 images (the summary of a 2000-image
 * segmentation run) with the flat resample sums one sample per pass (the old loop) and four per pass (the new one),
 * alternating in one JVM after a warm-up of both; then the resample sums alone (no finish, the 1000 resamples'
 * indices drawn as the bootstrap draws them): one per pass, four per pass, and summed column block by column block
 * over all resamples (blocks of {@code BLOCK} columns of all 2000 rows, 512 KB to 1 MB, stay in L2 while every resample
 * of a group reads them), the alternative that was tried and measured slower. Prints, per variant, the best and median
 * wall time and, for the intervals, process CPU time (both cores; the machine is shared, other processes can only add
 * to either), and the ratios to the old loop. A main, not a unit test: timings do not belong in tests. Run from the
 * repository root:
 *
 * <pre>
 * ./mvnw -B -o -q -pl metrics -am install -DskipTests &amp;&amp; ./mvnw -B -o -q -pl metrics test-compile
 * ./mvnw -B -o -q -pl metrics dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * CLASSPATH=metrics/target/test-classes:metrics/target/classes:$(cat /tmp/cp.txt) \
 *     java [-Dblock=64] org.eibench.metrics.stats.BootstrapBench [rounds=10] [samples=2000] [classes=150]
 * </pre>
 *
 * <p>Measured on the shared 2-core machine (1 MB L2 per core, 32 MB L3): the old loop is not memory-bound there, the
 * 7 MB of rows stay in L3; four samples per pass gave 1.5-1.9x on the sums, blocks of 32-128 columns were slower than
 * four per pass (1 KB pieces of rows in random order), also with 10000 samples (36 MB of rows). Blocks only gained
 * with long rows: 1000 classes (3000 columns, 48 MB), blocks of 256-512 columns with four per pass, about 1.6x over
 * four per pass alone; not done in Bootstrap. Since the counts are whole numbers, Bootstrap sums them as ints, each
 * drawn sample times the times it was drawn ({@code Bootstrap.Counts}, "ints x drawn" here).
 */
final class BootstrapBench {

    private BootstrapBench() {
    }

    /**
     * Per-image statistics of the real metric on 128 x 96 label maps that look like scene parsing: 4 to 20 of the
     * classes (150) per image in 16 x 16 blocks, an ignore band, and one prediction pixel in six moved to another class.
     */
    static List<Stats> images(SegmentationMetric metric, int n, long seed) {
        int classes = metric.options().get("num_classes") instanceof Integer c ? c : 150;
        SplittableRandom r = new SplittableRandom(seed);
        List<Stats> out = new ArrayList<>(n);
        int w = 128;
        int h = 96;
        for (int i = 0; i < n; i++) {
            int[] present = new int[4 + r.nextInt(17)];
            for (int k = 0; k < present.length; k++) {
                present[k] = r.nextInt(classes);
            }
            int[] g = new int[w * h];
            int[] p = new int[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = present[((x / 16) * 7 + (y / 16) * 3 + i) % present.length];
                    g[y * w + x] = y % 31 == 0 ? 255 : v;
                    p[y * w + x] = r.nextInt(6) == 0 ? present[r.nextInt(present.length)] : v;
                }
            }
            out.add(metric.measure(new LabelMap(w, h, p), new LabelMap(w, h, g)));
        }
        return out;
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int classes = args.length > 2 ? Integer.parseInt(args[2]) : 150;
        SegmentationMetric metric = new SegmentationMetric(classes, 255, null);
        List<Stats> samples = images(metric, n, 3);
        Bootstrap old = new Bootstrap(1000, 0, 0.95, true);
        Bootstrap four = Bootstrap.standard();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        Map<String, double[]> a = old.interval(metric, samples);
        Map<String, double[]> b = four.interval(metric, samples);
        for (String k : a.keySet()) {
            if (!Arrays.equals(a.get(k), b.get(k))) {
                throw new AssertionError(k + ": " + Arrays.toString(a.get(k)) + " vs " + Arrays.toString(b.get(k)));
            }
        }
        for (int i = 0; i < 3; i++) {
            old.interval(metric, samples);
            four.interval(metric, samples);
        }
        double[][] wall = new double[2][rounds];
        double[][] cpu = new double[2][rounds];
        for (int i = 0; i < rounds; i++) {
            for (int path = 0; path < 2; path++) {
                Bootstrap boot = (i + path) % 2 == 0 ? old : four;
                int at = boot == old ? 0 : 1;
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                boot.interval(metric, samples);
                wall[at][i] = (System.nanoTime() - t0) / 1e6;
                cpu[at][i] = (os.getProcessCpuTime() - c0) / 1e6;
            }
        }
        for (double[] x : wall) {
            Arrays.sort(x);
        }
        for (double[] x : cpu) {
            Arrays.sort(x);
        }
        // A report line per variant: min and median of the sorted times.
        System.out.printf("interval, %d samples, %d classes, 1000 resamples, %d rounds, %d threads%n", n, classes, rounds,
                java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1);
        System.out.printf("one per pass:  wall min %.1f ms median %.1f ms; cpu min %.1f ms median %.1f ms%n",
                wall[0][0], wall[0][rounds / 2], cpu[0][0], cpu[0][rounds / 2]);
        System.out.printf("four per pass: wall min %.1f ms median %.1f ms; cpu min %.1f ms median %.1f ms%n",
                wall[1][0], wall[1][rounds / 2], cpu[1][0], cpu[1][rounds / 2]);
        System.out.printf("old / new:     wall min %.2f median %.2f; cpu min %.2f median %.2f%n",
                wall[0][0] / wall[1][0], wall[0][rounds / 2] / wall[1][rounds / 2],
                cpu[0][0] / cpu[1][0], cpu[0][rounds / 2] / cpu[1][rounds / 2]);
        mapsVersusColumns(metric, samples, rounds, os);
        sums(metric, samples, rounds);
    }

    /**
     * Intervals with each resample's values through a map (before) and in one column per key (now), alternating,
     * after a warm-up of both: the same doubles, checked, in less time and far fewer objects.
     */
    private static void mapsVersusColumns(SegmentationMetric metric, List<Stats> samples, int rounds,
                                          com.sun.management.OperatingSystemMXBean os) {
        Bootstrap boot = Bootstrap.standard();
        Map<String, double[]> maps = boot.interval(metric, samples, false);
        Map<String, double[]> columns = boot.interval(metric, samples, true);
        maps.forEach((k, v) -> {
            if (!Arrays.equals(v, columns.get(k))) {
                throw new AssertionError("columns and maps differ at " + k);
            }
        });
        double[][] wall = new double[2][rounds];
        double[][] cpu = new double[2][rounds];
        for (int i = 0; i < rounds; i++) {
            for (int path = 0; path < 2; path++) {
                int at = (i + path) % 2;
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                boot.interval(metric, samples, at == 1);
                wall[at][i] = (System.nanoTime() - t0) / 1e6;
                cpu[at][i] = (os.getProcessCpuTime() - c0) / 1e6;
            }
        }
        for (int at = 0; at < 2; at++) {
            Arrays.sort(wall[at]);
            Arrays.sort(cpu[at]);
            System.out.printf("%s wall min %.1f ms median %.1f ms; cpu min %.1f ms median %.1f ms%n",
                    at == 0 ? "maps:          " : "columns:       ", wall[at][0], wall[at][rounds / 2], cpu[at][0],
                    cpu[at][rounds / 2]);
        }
    }

    static final int BLOCK = Integer.getInteger("block", 64);
    static final int GROUP = 64;

    /** The resample sums alone, the three ways, checked equal bit for bit, alternating. */
    private static void sums(SegmentationMetric metric, List<Stats> samples, int rounds) {
        Bootstrap.Flat flat = Bootstrap.Flat.of(metric, samples);
        int n = samples.size();
        SplittableRandom random = new SplittableRandom(0);
        int[][] idx = new int[1000][n];
        for (int[] ix : idx) {
            for (int i = 0; i < n; i++) {
                ix[i] = random.nextInt(n);
            }
        }
        Bootstrap.Counts counts = Bootstrap.Counts.of(flat);
        double[][] a = blockedSums(flat.rows(), idx, false);
        double[][] a4 = blockedSums(flat.rows(), idx, true);
        for (int r = 0; r < idx.length; r++) {
            Stats one = flat.combinedRowByRow(idx[r]);
            Stats four = flat.combined(idx[r]);
            double[] row = new double[a[r].length];
            int at = 0;
            for (String k : one.asMap().keySet()) {
                double[] v = one.vector(k);
                if (!Arrays.equals(v, four.vector(k))) {
                    throw new AssertionError("four per pass differs in " + k);
                }
                if (counts != null && !Arrays.equals(v, counts.combined(idx[r]).vector(k))) {
                    throw new AssertionError("ints times drawn differs in " + k);
                }
                System.arraycopy(v, 0, row, at, v.length);
                at += v.length;
            }
            if (!Arrays.equals(row, a[r]) || !Arrays.equals(row, a4[r])) {
                throw new AssertionError("blocked differs in resample " + r);
            }
        }
        String[] names = counts == null ? new String[] {"one per pass", "four per pass", "blocks, one", "blocks, four"}
                : new String[] {"one per pass", "four per pass", "blocks, one", "blocks, four", "ints x drawn"};
        int variants = names.length;
        double[][] wall = new double[variants][rounds];
        for (int i = -3; i < rounds; i++) {
            for (int v = 0; v < variants; v++) {
                int at = (i + 3 + v) % variants;
                long t0 = System.nanoTime();
                if (at == 0) {
                    java.util.stream.IntStream.range(0, idx.length).parallel().forEach(r -> flat.combinedRowByRow(idx[r]));
                } else if (at == 1) {
                    java.util.stream.IntStream.range(0, idx.length).parallel().forEach(r -> flat.combined(idx[r]));
                } else if (at == 4) {
                    java.util.stream.IntStream.range(0, idx.length).parallel().forEach(r -> counts.combined(idx[r]));
                } else {
                    blockedSums(flat.rows(), idx, at == 3);
                }
                if (i >= 0) {
                    wall[at][i] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        System.out.printf("resample sums alone (1000 x %d samples x %d columns), blocks of %d columns, groups of %d%n", n,
                flat.rows()[0].length, BLOCK, GROUP);
        for (int v = 0; v < variants; v++) {
            Arrays.sort(wall[v]);
            System.out.printf("%-14s wall min %.1f ms median %.1f ms; one per pass / this: min %.2f median %.2f%n", names[v] + ":",
                    wall[v][0], wall[v][rounds / 2], wall[0][0] / wall[v][0], wall[0][rounds / 2] / wall[v][rounds / 2]);
        }
    }

    /**
     * Every resample's sums, column block by column block: a task takes a block and a group of resamples, and each of
     * them runs through its indices in order (one or four samples per pass), so each element gets the same additions in
     * the same order.
     */
    static double[][] blockedSums(double[][] rows, int[][] idx, boolean four) {
        int cols = rows[0].length;
        double[][] out = new double[idx.length][cols];
        int blocks = (cols + BLOCK - 1) / BLOCK;
        int groups = (idx.length + GROUP - 1) / GROUP;
        java.util.stream.IntStream.range(0, blocks * groups).parallel().forEach(t -> {
            int r0 = (t % groups) * GROUP;
            int r1 = Math.min(idx.length, r0 + GROUP);
            int c0 = (t / groups) * BLOCK;
            int c1 = Math.min(cols, c0 + BLOCK);
            double[] s = new double[c1];
            for (int r = r0; r < r1; r++) {
                int[] ix = idx[r];
                System.arraycopy(rows[ix[0]], c0, s, c0, c1 - c0);
                int j = 1;
                for (; four && j + 3 < ix.length; j += 4) {
                    double[] a = rows[ix[j]];
                    double[] b = rows[ix[j + 1]];
                    double[] c = rows[ix[j + 2]];
                    double[] d = rows[ix[j + 3]];
                    for (int e = c0; e < c1; e++) {
                        s[e] = s[e] + a[e] + b[e] + c[e] + d[e];
                    }
                }
                for (; j < ix.length; j++) {
                    double[] x = rows[ix[j]];
                    for (int e = c0; e < c1; e++) {
                        s[e] += x[e];
                    }
                }
                System.arraycopy(s, c0, out[r], c0, c1 - c0);
            }
        });
        return out;
    }
}
