package org.eibench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.eibench.metrics.stats.ReferenceTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ExactSum against Python's math.fsum on hard inputs (exactsum/fsum-golden.txt, written by
 * metrics/src/test/python/fsum_golden.py, which a test here re-runs: cancellation, 1e16 + 1 - 1e16, many tiny addends and a huge one, half-way ties pushed either way by a lower
 * partial, subnormals, special values), and the property that makes Spark's tree aggregation byte-identical: any
 * order, and any split into parts merged in any tree, gives the same bits.
 */
class ExactSumTest {

    /** One line of the fixture: the inputs and fsum's result as hex, or the exception it raised. */
    record Case(String name, String expected, double[] xs) {
    }

    static List<Case> golden() throws IOException {
        List<Case> out = new ArrayList<>();
        try (InputStream in = ExactSumTest.class.getResourceAsStream("/exactsum/fsum-golden.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                double[] xs = f[2].isEmpty() ? new double[0]
                        : Arrays.stream(f[2].split(" ")).mapToDouble(ExactSumTest::parse).toArray();
                out.add(new Case(f[0], f[1], xs));
            }
        }
        assertThat(out).hasSizeGreaterThan(20);
        return out;
    }

    /** float.hex's output: Java reads the hex form itself; Python writes the special values as words. */
    static double parse(String s) {
        return switch (s) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    @Test
    void theFixtureIsWhatTheScriptWrites(@TempDir Path tmp) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        ReferenceTools.require(Files.isExecutable(python), "no " + python);
        String root = System.getProperty("eibench.repo.root");
        Path repo = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
        Path out = tmp.resolve("fsum-golden.txt");
        Process p = new ProcessBuilder(python.toString(), repo.resolve("metrics/src/test/python/fsum_golden.py").toString())
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        try (InputStream in = ExactSumTest.class.getResourceAsStream("/exactsum/fsum-golden.txt")) {
            assertThat(Files.readString(out)).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void matchesPythonFsumBitForBit() throws IOException {
        for (Case c : golden()) {
            double got = ExactSum.fsum(c.xs());
            switch (c.expected()) {
                // fsum raises ValueError for inf + -inf: the sum is NaN, as plain addition gives.
                case "ValueError" -> assertThat(got).as(c.name()).isNaN();
                // fsum raises OverflowError when a partial sum overflows: the sum is that infinity.
                case "OverflowError" -> assertThat(got).as(c.name()).isEqualTo(Double.POSITIVE_INFINITY);
                default -> assertThat(Double.doubleToRawLongBits(got)).as(c.name() + ": " + got)
                        .isEqualTo(Double.doubleToRawLongBits(parse(c.expected())));
            }
        }
    }

    @Test
    void plainAdditionGetsTheHardCasesWrong() throws IOException {
        // The fixture is hard: left-to-right addition misses fsum on several lines (so the test above can fail).
        int wrong = 0;
        for (Case c : golden()) {
            if (c.expected().startsWith("0x") || c.expected().startsWith("-0x")) {
                double plain = 0;
                for (double x : c.xs()) {
                    plain += x;
                }
                wrong += Double.compare(plain, parse(c.expected())) != 0 ? 1 : 0;
            }
        }
        assertThat(wrong).isGreaterThanOrEqualTo(8);
    }

    @Test
    void anyOrderAndAnySplitGiveTheSameBits() throws IOException {
        Random random = new Random(15);
        for (Case c : golden()) {
            if (Arrays.stream(c.xs()).anyMatch(x -> Math.abs(x) > 1e300 && Double.isFinite(x))) {
                continue; // addends near Double.MAX_VALUE may overflow in some orders: the documented exception
            }
            long expected = Double.doubleToRawLongBits(ExactSum.fsum(c.xs()));
            for (int trial = 0; trial < 30; trial++) {
                double[] xs = shuffled(c.xs(), random);
                assertThat(Double.doubleToRawLongBits(ExactSum.fsum(xs))).as(c.name() + " permuted").isEqualTo(expected);
                assertThat(Double.doubleToRawLongBits(splitAndMerge(xs, random).value(0)))
                        .as(c.name() + " split and merged").isEqualTo(expected);
            }
        }
    }

    @Test
    void mergeIsExactlyTheWhole() {
        // Two halves rounded on their own and then added lose the 1; their partials merged keep it.
        ExactSum a = new ExactSum(2);
        ExactSum b = new ExactSum(2);
        a.add(new double[] {1e16, 0.1});
        a.add(new double[] {1.0, 0.2});
        b.add(new double[] {-1e16, 0.3});
        assertThat(a.value(0) + b.value(0)).isEqualTo(0.0);
        ExactSum whole = new ExactSum(2);
        whole.add(new double[] {1e16, 0.1});
        whole.add(new double[] {1.0, 0.2});
        whole.add(new double[] {-1e16, 0.3});
        ExactSum copy = a.copy();
        a.merge(b);
        assertThat(a.values()).containsExactly(whole.values());
        // python3 -c "import math; print(math.fsum([1e16, 1.0, -1e16]), math.fsum([.1, .2, .3]))" -> 1.0 0.6
        assertThat(a.values()).containsExactly(1.0, 0.6);
        // The copy was not touched by the merge; merging a sum into itself doubles it.
        assertThat(copy.value(0)).isEqualTo(1e16);
        copy.merge(copy);
        // python3 -c "import math; print(math.fsum([1e16, 1e16, 1, 1]))" -> 2e+16 (2e16 + 2 is a tie, to even)
        assertThat(copy.value(0)).isEqualTo(2e16);
    }

    @Test
    void specialValuesMergeAsTheyAdd() {
        ExactSum inf = new ExactSum(1);
        inf.add(0, Double.POSITIVE_INFINITY);
        ExactSum minusInf = new ExactSum(1);
        minusInf.add(0, Double.NEGATIVE_INFINITY);
        ExactSum one = new ExactSum(1);
        one.add(0, 1.0);
        assertThat(one.copy().merge(inf).value(0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(inf.copy().merge(one).value(0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(inf.copy().merge(minusInf).value(0)).isNaN();
        assertThat(inf.copy().merge(inf).value(0)).isEqualTo(Double.POSITIVE_INFINITY);
        ExactSum nan = new ExactSum(1);
        nan.add(0, Double.NaN);
        assertThat(one.copy().merge(nan).value(0)).isNaN();
        assertThat(ExactSum.fsum(-0.0)).isEqualTo(0.0).matches(v -> Double.doubleToRawLongBits(v) == 0L, "+0.0");
    }

    @Test
    void vectorsAddAsTheirColumnsSumWhetherExactOrNot() {
        // Whole vectors take a plain pass while every addition is exact (counts) and the partials after the first
        // rounding; column by column the result must be each column's fsum, whichever way the parts are merged.
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(30);
            double[][] rows = new double[n][4];
            for (double[] r : rows) {
                r[0] = random.nextInt(1000);                                       // counts: exact throughout
                r[1] = trial % 2 == 0 ? random.nextInt(7) : random.nextDouble();   // exact, or rounding at once
                r[2] = random.nextInt(100) == 0 ? Double.POSITIVE_INFINITY : random.nextInt(50);
                r[3] = random.nextInt(200) == 0 ? Double.NaN : Math.scalb(random.nextDouble(), random.nextInt(80) - 40);
            }
            List<ExactSum> parts = new ArrayList<>();
            ExactSum whole = new ExactSum(4);
            for (double[] r : rows) {
                whole.add(r);
                if (parts.isEmpty() || random.nextInt(3) == 0) {
                    parts.add(new ExactSum(4));
                }
                parts.get(parts.size() - 1).add(r);
            }
            while (parts.size() > 1) {
                ExactSum a = parts.remove(random.nextInt(parts.size()));
                parts.add(a.merge(parts.remove(random.nextInt(parts.size()))));
            }
            for (int c = 0; c < 4; c++) {
                double[] column = new double[n];
                for (int i = 0; i < n; i++) {
                    column[i] = rows[i][c];
                }
                long expected = Double.doubleToRawLongBits(ExactSum.fsum(column));
                assertThat(Double.doubleToRawLongBits(whole.value(c))).as("trial %d column %d", trial, c).isEqualTo(expected);
                assertThat(Double.doubleToRawLongBits(parts.get(0).value(c))).as("trial %d column %d merged", trial, c)
                        .isEqualTo(expected);
            }
        }
    }

    private static double[] shuffled(double[] xs, Random random) {
        double[] out = xs.clone();
        for (int i = out.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    /** The addends cut into 1..8 parts at random points, each summed alone, then merged in a random tree. */
    private static ExactSum splitAndMerge(double[] xs, Random random) {
        List<ExactSum> parts = new ArrayList<>();
        int at = 0;
        int pieces = 1 + random.nextInt(8);
        for (int p = 0; p < pieces; p++) {
            int end = p == pieces - 1 ? xs.length : at + random.nextInt(xs.length - at + 1);
            ExactSum s = new ExactSum(1);
            for (int i = at; i < end; i++) {
                s.add(0, xs[i]);
            }
            parts.add(s);
            at = end;
        }
        while (parts.size() > 1) {
            ExactSum a = parts.remove(random.nextInt(parts.size()));
            ExactSum b = parts.remove(random.nextInt(parts.size()));
            a.merge(b);
            parts.add(a);
        }
        return parts.get(0);
    }
}
