package org.eibench.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The report's tables as Tablesaw tables, one row per observation and plain numbers (no formatting) so that the CSV
 * and JSON forms are exact; {@link TableFormats} formats them for people.
 */
final class ReportTables {

    private ReportTables() {
    }

    /** Headline metrics are the summary's keys without a dot; dotted keys ({@code iou.cat}) are per-class details. */
    static boolean headline(String metricKey) {
        return !metricKey.contains(".");
    }

    /** The task's first headline metric: what best/worst and per-instruction views rank by. */
    static RunSummary.MetricResult primary(RunSummary.TaskResult t) {
        return t.metrics().stream().filter(m -> headline(m.key())).findFirst().orElse(null);
    }

    static Table results(List<RunData> runs) {
        StringColumn model = StringColumn.create("model");
        StringColumn task = StringColumn.create("task");
        StringColumn split = StringColumn.create("split");
        StringColumn zs = StringColumn.create("zero_shot");
        StringColumn metric = StringColumn.create("metric");
        StringColumn better = StringColumn.create("better");
        DoubleColumn value = DoubleColumn.create("value");
        DoubleColumn lo = DoubleColumn.create("ci95_lo");
        DoubleColumn hi = DoubleColumn.create("ci95_hi");
        IntColumn n = IntColumn.create("n");
        IntColumn failed = IntColumn.create("failed");
        IntColumn planned = IntColumn.create("planned");
        IntColumn missing = IntColumn.create("missing");
        DoubleColumn coverage = DoubleColumn.create("coverage");
        for (RunData r : runs) {
            for (RunSummary.TaskResult t : r.summary().tasks().values()) {
                List<RunSummary.MetricResult> ms = t.metrics().stream().filter(m -> headline(m.key())).toList();
                if (ms.isEmpty()) {
                    // A task whose samples all failed still gets a row: hiding it would flatter the model.
                    ms = List.of(new RunSummary.MetricResult("-", null, null, null, true));
                }
                for (RunSummary.MetricResult m : ms) {
                    model.append(r.label());
                    task.append(t.id());
                    split.append(t.split());
                    zs.append(t.zeroShot());
                    metric.append(m.key());
                    better.append(m.key().equals("-") ? "" : m.higherIsBetter() ? "higher" : "lower");
                    append(value, m.value());
                    append(lo, m.lo());
                    append(hi, m.hi());
                    n.append(t.n());
                    failed.append(t.failed());
                    planned.append(t.planned());
                    missing.append(t.missing());
                    coverage.append(t.coverage());
                }
            }
        }
        return Table.create("results", model, task, split, zs, metric, better, value, lo, hi, n, failed, planned, missing, coverage);
    }

    /**
     * Seen vs held-out and instruction- vs task-level: for each model, grouping and metric, the mean over the tasks of
     * that group (a plain mean of task values; tasks with different datasets are not pooled by sample).
     */
    static Table splits(List<RunData> runs) {
        StringColumn model = StringColumn.create("model");
        StringColumn axis = StringColumn.create("axis");
        StringColumn group = StringColumn.create("group");
        StringColumn metric = StringColumn.create("metric");
        IntColumn tasks = IntColumn.create("tasks");
        IntColumn samples = IntColumn.create("samples");
        IntColumn failed = IntColumn.create("failed");
        IntColumn planned = IntColumn.create("planned");
        DoubleColumn coverage = DoubleColumn.create("coverage");
        DoubleColumn mean = DoubleColumn.create("mean_over_tasks");
        for (RunData r : runs) {
            for (String ax : List.of("split", "zero_shot")) {
                Map<String, Map<String, List<Double>>> byGroup = new LinkedHashMap<>();
                Map<String, int[]> counts = new LinkedHashMap<>();
                Map<String, Map<String, int[]>> sampleCounts = new LinkedHashMap<>();
                for (RunSummary.TaskResult t : r.summary().tasks().values()) {
                    String g = ax.equals("split") ? t.split() : t.zeroShot();
                    g = g == null || g.isEmpty() ? "unknown" : g;
                    for (RunSummary.MetricResult m : t.metrics()) {
                        if (headline(m.key()) && m.value() != null) {
                            byGroup.computeIfAbsent(g, k -> new LinkedHashMap<>())
                                    .computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m.value());
                            int[] c = sampleCounts.computeIfAbsent(g, k -> new LinkedHashMap<>())
                                    .computeIfAbsent(m.key(), k -> new int[3]);
                            c[0] += t.n();
                            c[1] += t.failed();
                            c[2] += t.planned();
                        }
                    }
                    counts.computeIfAbsent(g, k -> new int[1])[0]++;
                }
                for (var ge : byGroup.entrySet()) {
                    for (var me : ge.getValue().entrySet()) {
                        model.append(r.label());
                        axis.append(ax);
                        group.append(ge.getKey());
                        metric.append(me.getKey());
                        tasks.append(me.getValue().size());
                        int[] c = sampleCounts.get(ge.getKey()).get(me.getKey());
                        samples.append(c[0]);
                        failed.append(c[1]);
                        planned.append(c[2]);
                        coverage.append(c[2] == 0 ? 1.0 : c[0] / (double) c[2]);
                        mean.append(me.getValue().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
                    }
                }
            }
        }
        return Table.create("splits", model, axis, group, metric, tasks, samples, failed, planned, coverage, mean);
    }

    static Table perClassIou(List<RunData> runs) {
        StringColumn model = StringColumn.create("model");
        StringColumn task = StringColumn.create("task");
        StringColumn cls = StringColumn.create("class");
        DoubleColumn iou = DoubleColumn.create("iou");
        DoubleColumn lo = DoubleColumn.create("ci95_lo");
        DoubleColumn hi = DoubleColumn.create("ci95_hi");
        DoubleColumn coverage = DoubleColumn.create("coverage");
        for (RunData r : runs) {
            for (RunSummary.TaskResult t : r.summary().tasks().values()) {
                for (RunSummary.MetricResult m : t.metrics()) {
                    int at = m.key().indexOf("iou.");
                    if (at >= 0 && (at == 0 || m.key().charAt(at - 1) == '.')) {
                        model.append(r.label());
                        task.append(t.id());
                        cls.append(m.key().substring(at + 4));
                        append(iou, m.value());
                        append(lo, m.lo());
                        append(hi, m.hi());
                        coverage.append(t.coverage());
                    }
                }
            }
        }
        return Table.create("per_class_iou", model, task, cls, iou, lo, hi, coverage);
    }

    /**
     * Robustness to the wording: samples grouped by the instruction they were given, per model and task, with the
     * mean and spread of the task's primary metric over those samples (per-sample values, so for pooled metrics such
     * as mIoU this is the mean of per-image values, not the pooled value).
     */
    static Table perInstruction(List<RunData> runs) {
        StringColumn model = StringColumn.create("model");
        StringColumn task = StringColumn.create("task");
        StringColumn no = StringColumn.create("instruction_no");
        StringColumn text = StringColumn.create("instruction");
        StringColumn metric = StringColumn.create("metric");
        IntColumn n = IntColumn.create("n");
        IntColumn failed = IntColumn.create("failed");
        DoubleColumn coverage = DoubleColumn.create("coverage");
        DoubleColumn mean = DoubleColumn.create("mean");
        DoubleColumn sd = DoubleColumn.create("sd");
        DoubleColumn min = DoubleColumn.create("min");
        DoubleColumn max = DoubleColumn.create("max");
        DoubleColumn lo = DoubleColumn.create("ci95_lo");
        DoubleColumn hi = DoubleColumn.create("ci95_hi");
        for (RunData r : runs) {
            for (RunSummary.TaskResult t : r.summary().tasks().values()) {
                RunSummary.MetricResult p = primary(t);
                if (p == null) {
                    continue;
                }
                Map<String, List<RunData.SampleLine>> groups = byInstruction(r.samples().getOrDefault(t.id(), List.of()));
                int i = 0;
                for (var g : groups.entrySet()) {
                    i++;
                    List<Double> vals = new ArrayList<>();
                    int f = 0;
                    for (RunData.SampleLine s : g.getValue()) {
                        if (s.ok()) {
                            vals.add(s.values().get(p.key()));
                        } else {
                            f++;
                        }
                    }
                    SampleStats.Summary st = SampleStats.describe(vals);
                    model.append(r.label());
                    task.append(t.id());
                    no.append("I" + i);
                    text.append(g.getKey());
                    metric.append(p.key());
                    n.append(st.n());
                    failed.append(f);
                    // Of the samples that finished with this wording (a planned sample never run has no wording yet).
                    coverage.append(st.n() + f == 0 ? 1.0 : st.n() / (double) (st.n() + f));
                    mean.append(st.mean());
                    sd.append(st.sd());
                    min.append(st.min());
                    max.append(st.max());
                    append(lo, st.lo());
                    append(hi, st.hi());
                }
            }
        }
        return Table.create("per_instruction", model, task, no, text, metric, n, failed, coverage, mean, sd, min, max, lo, hi);
    }

    static Map<String, List<RunData.SampleLine>> byInstruction(List<RunData.SampleLine> samples) {
        Map<String, List<RunData.SampleLine>> groups = new LinkedHashMap<>();
        for (RunData.SampleLine s : samples) {
            groups.computeIfAbsent(s.instruction() == null ? "(none recorded)" : s.instruction(), k -> new ArrayList<>()).add(s);
        }
        return groups;
    }

    /** A candidate run compared with the baseline (the first run) by the comparison engine. */
    record Comparison(String baseline, String candidate, PairedComparison result) {
    }

    /** Every later run against the first, by the engine; none without an engine or with fewer than two runs. */
    static List<Comparison> comparisons(List<RunData> runs, PairedComparison.Engine engine) throws java.io.IOException {
        List<Comparison> out = new ArrayList<>();
        if (runs.size() < 2 || engine == null) {
            return out;
        }
        RunData base = runs.get(0);
        for (RunData cand : runs.subList(1, runs.size())) {
            out.add(new Comparison(base.label(), cand.label(), engine.compare(base.dir(), cand.dir())));
        }
        return out;
    }

    /** The engine's rows, one per candidate, task and compared quantity (coverage, then headline metrics). */
    static Table comparison(List<Comparison> comparisons) {
        StringColumn baseline = StringColumn.create("baseline");
        StringColumn candidate = StringColumn.create("candidate");
        StringColumn task = StringColumn.create("task");
        StringColumn metric = StringColumn.create("metric");
        StringColumn better = StringColumn.create("better");
        DoubleColumn bv = DoubleColumn.create("baseline_value");
        DoubleColumn cv = DoubleColumn.create("candidate_value");
        DoubleColumn diff = DoubleColumn.create("diff");
        DoubleColumn lo = DoubleColumn.create("ci95_lo");
        DoubleColumn hi = DoubleColumn.create("ci95_hi");
        DoubleColumn p = DoubleColumn.create("p_holm");
        IntColumn n = IntColumn.create("n");
        StringColumn verdict = StringColumn.create("verdict");
        StringColumn text = StringColumn.create("verdict_text");
        for (Comparison c : comparisons) {
            for (PairedComparison.Row r : c.result().rows()) {
                baseline.append(c.baseline());
                candidate.append(c.candidate());
                task.append(r.task());
                metric.append(r.metric());
                better.append(r.higherIsBetter() ? "higher" : "lower");
                append(bv, r.base());
                append(cv, r.candidate());
                append(diff, r.diff());
                append(lo, r.lo());
                append(hi, r.hi());
                append(p, r.pHolm());
                n.append(r.n());
                verdict.append(r.verdict());
                text.append(r.verdictText());
            }
        }
        return Table.create("comparison", baseline, candidate, task, metric, better, bv, cv, diff, lo, hi, p, n, verdict, text);
    }

    static void append(DoubleColumn c, double v) {
        if (Double.isNaN(v)) {
            c.appendMissing();
        } else {
            c.append(v);
        }
    }

    static void append(DoubleColumn c, Double v) {
        if (v == null) {
            c.appendMissing();
        } else {
            c.append(v);
        }
    }

    static Set<String> taskIds(List<RunData> runs) {
        Set<String> ids = new LinkedHashSet<>();
        runs.forEach(r -> ids.addAll(r.summary().tasks().keySet()));
        return ids;
    }
}
