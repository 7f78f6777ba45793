package org.eibench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eibench.metrics.stats.Bootstrap;
import org.junit.jupiter.api.Test;

/** The verdict rules and Holm's correction of the comparison engine, on rows made by hand. */
class CompareTest {

    private static final Compare ENGINE = new Compare(Bootstrap.standard(), Map.of("psnr", 0.1));

    private static Compare.Row row(String metric, double base, double next, double lo, double hi, double p) {
        return new Compare.Row("t", metric, true, base, next, next - base, lo, hi, p, Double.NaN, 10, metric.equals("psnr") ? 0.1 : 0,
                null, "");
    }

    private static List<Compare.Row> verdicts(List<Compare.Row> rows) {
        return ENGINE.holm(rows, List.of("t"), List.of(), List.of(), List.of()).rows();
    }

    @Test
    void aNaNDifferenceIsNeverSame() {
        List<Compare.Row> out = verdicts(List.of(
                row("ssim", 0.8, Double.NaN, Double.NaN, Double.NaN, Double.NaN),
                row("miou", Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN),
                row("ods", Double.NaN, 0.5, Double.NaN, Double.NaN, Double.NaN)));
        // NEW lost a value BASE had: a regression; otherwise undefined, and never "same".
        assertThat(out).extracting(Compare.Row::verdict).containsExactly(Compare.Verdict.REGRESSION, Compare.Verdict.UNDEFINED,
                Compare.Verdict.UNDEFINED);
        assertThat(out).noneMatch(r -> r.verdict() == Compare.Verdict.SAME);
    }

    @Test
    void onlyAnExactlyZeroDifferenceInEveryResampleIsSame() {
        assertThat(verdicts(List.of(row("ssim", 0.5, 0.5, 0, 0, 1))).get(0).verdict()).isEqualTo(Compare.Verdict.SAME);
        // Equal finished values with a spread of paired differences: no significant change, not "same".
        assertThat(verdicts(List.of(row("ssim", 0.5, 0.5, -0.01, 0.01, 1))).get(0).verdict())
                .isEqualTo(Compare.Verdict.NOT_SIGNIFICANT);
    }

    /**
     * Holm on p = 0.010, 0.020, 0.030, 0.500 (m = 4): adjusted 4 x 0.010 = 0.040, max(0.040, 3 x 0.020) = 0.060,
     * max(0.060, 2 x 0.030) = 0.060, max(0.060, 1 x 0.500) = 0.500. Only the first stays significant at 0.05, where
     * uncorrected tests would have flagged three.
     */
    @Test
    void holmAdjustsOverTheFamilyInStepDownOrder() {
        List<Compare.Row> rows = new ArrayList<>();
        rows.add(row("a", 1, 0.5, -0.6, -0.4, 0.030));
        rows.add(row("b", 1, 0.5, -0.6, -0.4, 0.010));
        rows.add(row("c", 1, 0.5, -0.6, -0.4, 0.500));
        rows.add(row("d", 1, 0.5, -0.6, -0.4, 0.020));
        Compare.Result r = ENGINE.holm(rows, List.of("t"), List.of(), List.of(), List.of());
        assertThat(r.family()).isEqualTo(4);
        assertThat(r.rows()).extracting(Compare.Row::pHolm).containsExactly(0.06, 0.04, 0.5, 0.06);
        assertThat(r.rows()).extracting(Compare.Row::verdict).containsExactly(Compare.Verdict.NOT_SIGNIFICANT,
                Compare.Verdict.REGRESSION, Compare.Verdict.NOT_SIGNIFICANT, Compare.Verdict.NOT_SIGNIFICANT);
        // Rows without a p-value (coverage, undefined differences) are outside the family.
        rows.add(row("e", 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        assertThat(ENGINE.holm(rows, List.of("t"), List.of(), List.of(), List.of()).family()).isEqualTo(4);
    }

    @Test
    void toleranceAndDirection() {
        // 0.05 dB worse with tolerance 0.1: accepted, however significant.
        assertThat(verdicts(List.of(row("psnr", 30, 29.95, -0.06, -0.04, 0))).get(0).verdict())
                .isEqualTo(Compare.Verdict.WITHIN_TOLERANCE);
        assertThat(verdicts(List.of(row("psnr", 30, 29.5, -0.6, -0.4, 0))).get(0).verdict()).isEqualTo(Compare.Verdict.REGRESSION);
        assertThat(verdicts(List.of(row("psnr", 30, 30.5, 0.4, 0.6, 0))).get(0).verdict()).isEqualTo(Compare.Verdict.IMPROVED);
        Compare.Row lower = new Compare.Row("t", "rmse", false, 0.5, 0.6, 0.1, 0.05, 0.15, 0, Double.NaN, 10, 0, null, "");
        assertThat(verdicts(List.of(lower)).get(0).verdict()).isEqualTo(Compare.Verdict.REGRESSION);
    }

    @Test
    void coverageFallsAreRegressionsWithoutAnInterval() {
        Compare c = new Compare(Bootstrap.standard(), Map.of("t/coverage", 0.1));
        assertThat(ENGINE.coverageRow("t", new Compare.Coverage(12, 12), new Compare.Coverage(12, 0), "").verdict())
                .isEqualTo(Compare.Verdict.REGRESSION);
        assertThat(ENGINE.coverageRow("t", new Compare.Coverage(12, 12), new Compare.Coverage(12, 11), "").verdict())
                .isEqualTo(Compare.Verdict.REGRESSION);
        assertThat(c.coverageRow("t", new Compare.Coverage(12, 12), new Compare.Coverage(12, 11), "").verdict())
                .isEqualTo(Compare.Verdict.WITHIN_TOLERANCE);
        assertThat(ENGINE.coverageRow("t", new Compare.Coverage(12, 11), new Compare.Coverage(12, 12), "").verdict())
                .isEqualTo(Compare.Verdict.IMPROVED);
        assertThat(ENGINE.coverageRow("t", new Compare.Coverage(12, 12), new Compare.Coverage(12, 12), "").verdict())
                .isEqualTo(Compare.Verdict.SAME);
        // A shard with nothing planned lost nothing.
        assertThat(new Compare.Coverage(0, 0).value()).isEqualTo(1.0);
    }
}
