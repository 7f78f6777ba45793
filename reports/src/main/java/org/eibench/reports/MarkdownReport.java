package org.eibench.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One Markdown table over several runs: a row per task and headline metric, a column per model, each cell the value
 * with its bootstrap 95% interval. Per-class values ({@code iou.*}) are left to the detailed reports.
 */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(List<RunSummary> runs) {
        StringBuilder sb = new StringBuilder("# EIBench results\n\n");
        sb.append("Values are means over samples (pooled for segmentation), with bootstrap 95% intervals in brackets. "
                + "A value over part of a task (samples failed or missing) says so: coverage = scored / planned samples.\n\n");
        for (RunSummary r : runs) {
            if (r.privileged()) {
                sb.append("- ").append(TableFormats.markdownText(r.model())).append(": ").append(r.privilegeLabel())
                        .append(" (not comparable with models that see only the input)\n");
            }
        }
        if (runs.stream().anyMatch(RunSummary::privileged)) {
            sb.append('\n');
        }
        sb.append("| task | split | metric |");
        for (RunSummary r : runs) {
            sb.append(' ').append(TableFormats.markdownText(r.model())).append(" |");
        }
        sb.append("\n|---|---|---|");
        sb.append("---:|".repeat(runs.size()));
        sb.append('\n');
        Map<String, Set<String>> rows = new LinkedHashMap<>();
        Map<String, String> splits = new LinkedHashMap<>();
        for (RunSummary r : runs) {
            for (RunSummary.TaskResult t : r.tasks().values()) {
                splits.putIfAbsent(t.id(), t.split() + (t.zeroShot().isEmpty() ? "" : ", " + t.zeroShot()));
                Set<String> keys = rows.computeIfAbsent(t.id(), k -> new LinkedHashSet<>());
                t.metrics().stream().map(RunSummary.MetricResult::key).filter(k -> !k.contains(".")).forEach(keys::add);
            }
        }
        for (Map.Entry<String, Set<String>> row : rows.entrySet()) {
            for (String key : row.getValue()) {
                sb.append("| ").append(TableFormats.markdownText(row.getKey())).append(" | ").append(splits.get(row.getKey())).append(" | ")
                        .append(key).append(arrow(runs, row.getKey(), key)).append(" |");
                for (RunSummary r : runs) {
                    sb.append(' ').append(cell(r.tasks().get(row.getKey()), key)).append(" |");
                }
                sb.append('\n');
            }
        }
        List<String> failures = new ArrayList<>();
        for (RunSummary r : runs) {
            for (RunSummary.TaskResult t : r.tasks().values()) {
                for (String f : t.failures()) {
                    failures.add("- " + TableFormats.markdownText(r.model()) + " / " + TableFormats.markdownText(t.id()) + " / "
                            + TableFormats.markdownText(f));
                }
            }
        }
        if (!failures.isEmpty()) {
            sb.append("\n## Failed samples\n\n").append(String.join("\n", failures)).append('\n');
        }
        sb.append("\nRuns:\n\n");
        for (RunSummary r : runs) {
            sb.append("- ").append(TableFormats.markdownText(r.model())).append(": `").append(r.dir()).append("` (identity ")
                    .append(r.identity(), 0, Math.min(12, r.identity().length())).append(")\n");
        }
        return sb.toString();
    }

    private static String arrow(List<RunSummary> runs, String task, String key) {
        for (RunSummary r : runs) {
            RunSummary.TaskResult t = r.tasks().get(task);
            if (t != null) {
                for (RunSummary.MetricResult m : t.metrics()) {
                    if (m.key().equals(key)) {
                        return m.higherIsBetter() ? " ↑" : " ↓";
                    }
                }
            }
        }
        return "";
    }

    private static String cell(RunSummary.TaskResult t, String key) {
        if (t == null) {
            return "";
        }
        for (RunSummary.MetricResult m : t.metrics()) {
            if (m.key().equals(key)) {
                String v = format(m.value());
                String ci = m.lo() == null || m.hi() == null ? "" : " [" + format(m.lo()) + ", " + format(m.hi()) + "]";
                String n = " (n=" + t.n() + (t.failed() > 0 ? ", " + t.failed() + " failed" : "")
                        + (t.partial() ? ", **" + t.coverageText() + "**" : "") + ")";
                return v + ci + n;
            }
        }
        return t.n() == 0 && t.planned() > 0 ? "none of " + t.planned() + " scored (" + t.failed() + " failed)" : "";
    }

    static String format(Double v) {
        if (v == null) {
            return "n/a";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : "%.4f", v);
    }
}
