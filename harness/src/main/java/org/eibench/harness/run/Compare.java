package org.eibench.harness.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.Stats;
import org.eibench.metrics.stats.Bootstrap;
import org.eibench.reports.PairedComparison;
import org.eibench.tasks.Task;
import org.eibench.tasks.TaskCatalog;
import org.eibench.tasks.spec.SpecException;

/**
 * The paired comparison of two runs, the one engine behind {@code eibench compare} (the CI gate) and the report's
 * comparison section. Per shared task:
 * <ul>
 *   <li>coverage (scored / planned, from summary.json): any drop beyond the tolerance is a regression, since a
 *       checkpoint that fails more samples has regressed whatever its mean over the rest says;</li>
 *   <li>each headline metric (keys without a dot; per-class values are details): NEW - BASE on the samples ok in
 *       both, with a paired bootstrap interval and p-value (the same resampled samples in both runs, each
 *       re-finished, so pooled metrics such as mIoU are compared honestly).</li>
 * </ul>
 * A metric regresses when it is worse by more than the tolerance and its p-value, Holm-corrected over the family of
 * every metric tested in this comparison, is at most {@link #ALPHA}. A difference that is not a number is never
 * "same": a value that became undefined in NEW is a regression, any other is reported as undefined.
 */
public final class Compare {

    /** Family-wise error rate of the gate. */
    public static final double ALPHA = 0.05;
    /** The key of the coverage rows. */
    public static final String COVERAGE = "coverage";

    public enum Verdict { SAME, IMPROVED, WITHIN_TOLERANCE, NOT_SIGNIFICANT, REGRESSION, NO_DATA, UNDEFINED }

    /**
     * One compared quantity.
     *
     * @param n     samples ok in both runs (metric rows), or NEW's planned samples (coverage rows)
     * @param p     two-sided paired bootstrap p-value (NaN for coverage rows and rows without a test)
     * @param pHolm p after Holm's correction over the comparison's family (NaN outside the family)
     * @param note  why a row is special (spec changed, task missing from NEW, value undefined), or ""
     */
    public record Row(String task, String metric, boolean higherIsBetter, double base, double next, double diff,
                      double lo, double hi, double p, double pHolm, int n, double tolerance, Verdict verdict, String note) {

        public boolean regression() {
            return verdict == Verdict.REGRESSION;
        }

        /** The verdict as people read it (compare's table, JUnit messages, the report). */
        public String verdictText() {
            String t = switch (verdict) {
                case SAME -> "same";
                case IMPROVED -> "improved";
                case WITHIN_TOLERANCE -> "worse, within tolerance " + plain(tolerance);
                case NOT_SIGNIFICANT -> "no significant change";
                case REGRESSION -> "REGRESSION" + (tolerance > 0 ? " (beyond tolerance " + plain(tolerance) + ")" : "");
                case NO_DATA -> "no samples ok in both runs";
                case UNDEFINED -> "undefined difference";
            };
            return note.isEmpty() ? t : t + " (" + note + ")";
        }

        private Row withVerdict(double holm, Verdict v) {
            return new Row(task, metric, higherIsBetter, base, next, diff, lo, hi, p, holm, n, tolerance, v, note);
        }
    }

    /**
     * A whole comparison.
     *
     * @param family      the number of metric tests the Holm correction spans (rows with a finite p-value)
     * @param shared      tasks in both runs, compared
     * @param onlyInBase  tasks BASE has and NEW lacks (each a coverage regression row)
     * @param onlyInNext  tasks only NEW has (nothing to compare)
     * @param specChanged shared tasks whose spec digest differs between the runs
     */
    public record Result(List<Row> rows, int family, List<String> shared, List<String> onlyInBase, List<String> onlyInNext,
                         List<String> specChanged, int resamples, long seed) {

        public long regressions() {
            return rows.stream().filter(Row::regression).count();
        }
    }

    /** Two runs that cannot be compared: the reason, for a usage error. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final Bootstrap bootstrap;
    private final Map<String, Double> tolerances;

    /** @param tolerances by "metric" or "task/metric" (the more specific wins; "coverage" for coverage); absent: 0 */
    public Compare(Bootstrap bootstrap, Map<String, Double> tolerances) {
        this.bootstrap = bootstrap;
        this.tolerances = Map.copyOf(tolerances);
    }

    /** The gate's engine: {@link Bootstrap#standard()} (the summaries' intervals use the same resamples and seed). */
    public static Compare standard(Map<String, Double> tolerances) {
        return new Compare(Bootstrap.standard(), tolerances);
    }

    /**
     * Compares run directory {@code next} with {@code base}: tasks re-loaded from the catalog (NEW's sources), sample
     * lines from both. Refused when a run is not a finished run directory or when the runs share no task.
     */
    public Result compare(Path base, Path next, TaskCatalog catalog) throws IOException, Refused {
        JsonNode baseRun = runJson(base, "BASE");
        JsonNode nextRun = runJson(next, "NEW");
        Map<String, Coverage> baseCoverage = coverage(base, "BASE");
        Map<String, Coverage> nextCoverage = coverage(next, "NEW");
        Map<String, String> baseSpecs = specs(baseRun);
        Map<String, String> nextSpecs = specs(nextRun);
        List<String> shared = new ArrayList<>();
        List<String> onlyInBase = new ArrayList<>();
        for (String id : baseSpecs.keySet()) {
            (nextSpecs.containsKey(id) ? shared : onlyInBase).add(id);
        }
        List<String> onlyInNext = nextSpecs.keySet().stream().filter(id -> !baseSpecs.containsKey(id)).toList();
        if (shared.isEmpty()) {
            throw new Refused("BASE and NEW share no task (BASE: " + String.join(", ", baseSpecs.keySet()) + "; NEW: "
                    + String.join(", ", nextSpecs.keySet()) + "): nothing to compare");
        }
        List<String> changed = shared.stream().filter(id -> !baseSpecs.get(id).equals(nextSpecs.get(id))).toList();
        List<Task> tasks;
        try {
            tasks = RunFiles.tasks(nextRun, catalog).stream().filter(t -> shared.contains(t.id())).toList();
        } catch (SpecException e) {
            throw new Refused(e.getMessage());
        }
        RunDirectory b = new RunDirectory(base);
        RunDirectory n = new RunDirectory(next);
        List<Row> rows = new ArrayList<>();
        for (Task task : tasks) {
            String note = changed.contains(task.id()) ? "spec changed between the runs"
                    : task.spec().specHash().equals(nextSpecs.get(task.id())) ? ""
                    : "finished with the current spec, which differs from the runs'";
            rows.add(coverageRow(task.id(), baseCoverage.get(task.id()), nextCoverage.get(task.id()), note));
            rows.addAll(metricRows(task, b.readSamples(task.id()), n.readSamples(task.id()), note));
        }
        for (String id : onlyInBase) {
            Coverage c = baseCoverage.get(id);
            rows.add(coverageRow(id, c, new Coverage(c == null ? 0 : c.planned(), 0), "not in NEW"));
        }
        return holm(rows, shared, onlyInBase, onlyInNext, changed);
    }

    /**
     * This engine for the reports ({@code eibench report}, the report of {@code eibench run}): the same rows, resamples,
     * seed and correction as {@code eibench compare} without tolerances, except the coverage rows of tasks the
     * candidate did not run (listed instead); runs it refuses are reported as not compared.
     * The catalog is asked for only when there is something to compare (a one-run report needs no data folder).
     */
    public static PairedComparison.Engine forReports(java.util.function.Supplier<TaskCatalog> catalog) {
        Compare engine = standard(Map.of());
        return (base, candidate) -> {
            try {
                TaskCatalog c;
                try {
                    c = catalog.get();
                } catch (RuntimeException e) {
                    throw new Refused(e.getMessage());
                }
                Result r = engine.compare(base, candidate, c);
                List<PairedComparison.Row> rows = new ArrayList<>();
                for (Row x : r.rows()) {
                    if (r.onlyInBase().contains(x.task())) {
                        // A report compares models that ran different tasks; the gate's "coverage fell to 0" for a
                        // task the candidate never ran is listed, not shown as a row.
                        continue;
                    }
                    rows.add(new PairedComparison.Row(x.task(), x.metric(), x.higherIsBetter(), x.base(), x.next(), x.diff(),
                            x.lo(), x.hi(), x.pHolm(), x.n(), x.verdict().name().toLowerCase(Locale.ROOT), x.verdictText()));
                }
                return new PairedComparison(rows, r.family(), r.resamples(), r.seed(), null, r.onlyInBase());
            } catch (Refused e) {
                return new PairedComparison(List.of(), 0, engine.bootstrap.resamples(), engine.bootstrap.seed(), e.getMessage(),
                        List.of());
            }
        };
    }

    /** A task's planned and scored samples, as summary.json counts them. */
    public record Coverage(int planned, int scored) {
        /** scored / planned; 1 for a task with nothing planned (nothing was left out). */
        public double value() {
            return planned == 0 ? 1.0 : scored / (double) planned;
        }
    }

    static Map<String, Coverage> coverage(Path run, String which) throws Refused, IOException {
        Path f = run.resolve(RunDirectory.SUMMARY_JSON);
        if (!Files.isRegularFile(f)) {
            throw new Refused(which + " " + run + " has no summary.json (an unfinished run? resume it first)");
        }
        Map<String, Coverage> out = new LinkedHashMap<>();
        Json.LINES.readTree(f.toFile()).path("tasks").fields().forEachRemaining(e ->
                out.put(e.getKey(), new Coverage(e.getValue().path("planned").asInt(), e.getValue().path("n").asInt())));
        return out;
    }

    private static JsonNode runJson(Path dir, String which) throws Refused {
        try {
            return RunFiles.runJson(dir);
        } catch (IOException e) {
            throw new Refused(which + ": " + e.getMessage());
        }
    }

    /** Task id -> stored spec digest, in run.json order. */
    private static Map<String, String> specs(JsonNode run) {
        Map<String, String> m = new LinkedHashMap<>();
        run.path("tasks").forEach(t -> m.put(t.path("id").asText(), t.path("spec_sha256").asText()));
        return m;
    }

    Row coverageRow(String task, Coverage base, Coverage next, String note) {
        double a = base == null ? Double.NaN : base.value();
        double c = next == null ? Double.NaN : next.value();
        double diff = c - a;
        double tol = tolerance(task, COVERAGE);
        Verdict v;
        if (!Double.isFinite(diff)) {
            v = Double.isFinite(a) ? Verdict.REGRESSION : Verdict.UNDEFINED;
        } else if (diff < 0) {
            // A count, not an estimate: no interval, any drop beyond the tolerance counts.
            v = -diff <= tol ? Verdict.WITHIN_TOLERANCE : Verdict.REGRESSION;
        } else {
            v = diff > 0 ? Verdict.IMPROVED : Verdict.SAME;
        }
        return new Row(task, COVERAGE, true, a, c, diff, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                next == null ? 0 : next.planned(), tol, v, note);
    }

    /** Metric rows of one task, before the family-wide correction (verdicts are set by {@link #holm}). */
    List<Row> metricRows(Task task, Map<String, SampleRecord> baseSamples, Map<String, SampleRecord> nextSamples, String note) {
        Map<String, SampleRecord> a = new TreeMap<>(baseSamples);
        List<Row> rows = new ArrayList<>();
        for (Task.KeyedMetric km : task.metrics()) {
            List<Stats> sa = new ArrayList<>();
            List<Stats> sb = new ArrayList<>();
            for (Map.Entry<String, SampleRecord> e : a.entrySet()) {
                SampleRecord ra = e.getValue();
                SampleRecord rb = nextSamples.get(e.getKey());
                if (ra.ok() && rb != null && rb.ok() && ra.metrics().containsKey(km.key()) && rb.metrics().containsKey(km.key())) {
                    sa.add(ra.metrics().get(km.key()).stats());
                    sb.add(rb.metrics().get(km.key()).stats());
                }
            }
            if (sa.isEmpty()) {
                rows.add(new Row(task.id(), km.key(), true, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, 0, tolerance(task.id(), km.key()), Verdict.NO_DATA, note));
                continue;
            }
            Map<String, MetricValue> va;
            Map<String, MetricValue> vb;
            Map<String, Bootstrap.PairedTest> tests;
            try {
                va = finish(km, sa);
                vb = finish(km, sb);
                tests = bootstrap.pairedTest(km.metric(), sa, sb);
            } catch (IllegalArgumentException e) {
                // Statistics the current metric cannot add or finish (a spec change that altered them).
                rows.add(new Row(task.id(), km.key(), true, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, sa.size(), tolerance(task.id(), km.key()), Verdict.UNDEFINED,
                        join(note, "statistics do not fit the current metric: " + e.getMessage())));
                continue;
            }
            for (Map.Entry<String, MetricValue> e : vb.entrySet()) {
                String key = km.valueKey(e.getKey());
                MetricValue ma = va.get(e.getKey());
                if (ma == null || key.contains(".")) {
                    continue; // per-class details are in the summaries, not compared
                }
                MetricValue mb = e.getValue();
                Bootstrap.PairedTest t = tests.getOrDefault(e.getKey(), new Bootstrap.PairedTest(Double.NaN, Double.NaN, Double.NaN));
                rows.add(new Row(task.id(), key, mb.higherIsBetter(), ma.value(), mb.value(), mb.value() - ma.value(),
                        t.lo(), t.hi(), t.p(), Double.NaN, sa.size(), tolerance(task.id(), key), null, note));
            }
        }
        return rows;
    }

    /**
     * Holm's step-down correction over the metric rows with a finite p-value (the family), then each metric row's
     * verdict. Adjusted p_(i) = max over j <= i of min(1, (m - j + 1) p_(j)) with p sorted ascending; a test is
     * significant when its adjusted p is at most {@link #ALPHA}. This bounds the chance that any of the m tests
     * flags a change that is not there by ALPHA, whatever the dependence between them.
     */
    Result holm(List<Row> rows, List<String> shared, List<String> onlyInBase, List<String> onlyInNext, List<String> changed) {
        List<Integer> family = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.verdict() == null && Double.isFinite(r.p()) && Double.isFinite(r.diff())) {
                family.add(i);
            }
        }
        family.sort(Comparator.comparingDouble(i -> rows.get(i).p()));
        int m = family.size();
        double[] adjusted = new double[rows.size()];
        java.util.Arrays.fill(adjusted, Double.NaN);
        double running = 0;
        for (int j = 0; j < m; j++) {
            running = Math.max(running, Math.min(1.0, (m - j) * rows.get(family.get(j)).p()));
            adjusted[family.get(j)] = running;
        }
        List<Row> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            out.add(r.verdict() != null ? r : r.withVerdict(adjusted[i], verdict(r, adjusted[i])));
        }
        return new Result(List.copyOf(out), m, List.copyOf(shared), List.copyOf(onlyInBase), List.copyOf(onlyInNext),
                List.copyOf(changed), bootstrap.resamples(), bootstrap.seed());
    }

    static Verdict verdict(Row r, double pHolm) {
        if (!Double.isFinite(r.diff())) {
            // NaN or an infinite difference is never "same": a value NEW lost is a regression, anything else undefined.
            return Double.isFinite(r.base()) && !Double.isFinite(r.next()) ? Verdict.REGRESSION : Verdict.UNDEFINED;
        }
        if (r.diff() == 0 && r.lo() == 0 && r.hi() == 0) {
            return Verdict.SAME;
        }
        double better = r.higherIsBetter() ? r.diff() : -r.diff();
        boolean significant = pHolm <= ALPHA;
        if (better < 0) {
            if (-better <= r.tolerance()) {
                return Verdict.WITHIN_TOLERANCE;
            }
            return significant ? Verdict.REGRESSION : Verdict.NOT_SIGNIFICANT;
        }
        if (better > 0 && significant) {
            return Verdict.IMPROVED;
        }
        return Verdict.NOT_SIGNIFICANT;
    }

    double tolerance(String task, String metric) {
        Double t = tolerances.get(task + "/" + metric);
        if (t == null) {
            t = tolerances.get(metric);
        }
        return t == null ? 0 : t;
    }

    private static Map<String, MetricValue> finish(Task.KeyedMetric km, List<Stats> perSample) {
        Stats.Accumulator acc = Stats.Accumulator.of(km.metric());
        perSample.forEach(acc::add);
        Map<String, MetricValue> m = new LinkedHashMap<>();
        for (MetricValue v : km.metric().finish(acc.result()).values()) {
            m.put(v.key(), v);
        }
        return m;
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "; " + b;
    }

    /** A tolerance as the user wrote it (0.05, not 0.050000). */
    static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Five significant digits, "n/a" for non-numbers. */
    public static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.5g", v) : "n/a";
    }
}
