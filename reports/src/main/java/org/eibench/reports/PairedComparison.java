package org.eibench.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One run compared with a baseline run, as the comparison engine computed it. Reports read files only and cannot
 * finish metric statistics, so they take the rows from the same engine as {@code eibench compare} (the harness's
 * {@code Compare}: paired bootstrap of re-finished statistics, Holm-corrected p-values) and only render them.
 *
 * @param rows      per task: coverage, then each headline metric
 * @param family    the number of metric tests the Holm correction spans
 * @param resamples bootstrap resamples behind every interval and p-value
 * @param seed      the bootstrap's seed
 * @param refusal   why the runs could not be compared (no shared task, ...), or null
 * @param onlyInBase tasks the baseline ran and the candidate did not (the results table shows them as not run)
 */
public record PairedComparison(List<Row> rows, int family, int resamples, long seed, String refusal, List<String> onlyInBase) {

    public PairedComparison {
        rows = List.copyOf(rows);
        onlyInBase = List.copyOf(onlyInBase);
    }

    /**
     * @param diff        candidate - base of the finished values on the samples ok in both runs
     * @param pHolm       Holm-adjusted p-value, or NaN outside the family (coverage rows, undefined differences)
     * @param n           samples ok in both runs; for coverage rows, the candidate's planned samples
     * @param verdict     {@code same}, {@code improved}, {@code within_tolerance}, {@code not_significant},
     *                    {@code regression}, {@code no_data} or {@code undefined}
     * @param verdictText the verdict as people read it, with its note
     */
    public record Row(String task, String metric, boolean higherIsBetter, double base, double candidate, double diff,
                      double lo, double hi, double pHolm, int n, String verdict, String verdictText) {
    }

    /** Computes the comparison of a candidate run directory with a baseline run directory. */
    @FunctionalInterface
    public interface Engine {
        PairedComparison compare(Path baseRun, Path candidateRun) throws IOException;
    }
}
