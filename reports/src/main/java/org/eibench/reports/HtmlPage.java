package org.eibench.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tech.tablesaw.api.Table;

/**
 * What index.html shows, as plain values: every number formatted, every choice (best value, coverage note, tie) made
 * here, so the templates in src/main/jte only lay it out. Text stays unescaped; the templates escape it.
 */
final class HtmlPage {

    private HtmlPage() {
    }

    /** The whole page; {@code comparison} is null and {@code classes} empty when there is nothing to show. */
    record Page(String css, String subtitle, List<Nav> nav, List<SummaryCard> summary, Results results, List<SplitRow> splits,
                Comparison comparison, PaperView paper, Charts charts, List<ClassTable> classes, TableView instructions,
                List<TaskGallery> gallery, List<String> tables, String footer) {
    }

    record Nav(String id, String label) {
    }

    record SummaryCard(String model, int tasks, int seen, int held, int n, int planned, int failed, String coverage,
                       String privilege, String id) {
    }

    /** {@code unranked}: the runs left out of "best", with why; null when every run is ranked. */
    record Results(String unranked, List<String> models, List<ResultRow> rows) {
    }

    /** One task and metric; {@code task} is set on a task's first row only, which spans {@code span} rows. */
    record ResultRow(RunSummary.TaskResult task, int span, String metric, String arrow, List<ResultCell> cells) {
    }

    sealed interface ResultCell permits NotRun, NoValue, ValueCell {
    }

    record NotRun() implements ResultCell {
    }

    /** No value: none of the planned samples scored ({@code noneScored}), or the metric is absent. */
    record NoValue(boolean noneScored, int planned, int failed) implements ResultCell {
    }

    /** {@code resized}: "resized by the decoder: k of n" when the decoder resampled outputs, else null. */
    record ValueCell(String value, boolean best, String ci, int n, int failed, String coverage, String resized)
            implements ResultCell {
    }

    /** One metric and group; {@code metric} is blank on all but the metric's first row. */
    record SplitRow(boolean first, String metric, String badge, String label, List<SplitCell> cells) {
    }

    /** A model's mean over the group's tasks; {@code coverage} is null at 100%. Null cells: the model has none. */
    record SplitCell(String value, int tasks, String coverage) {
    }

    record Comparison(String base, String provenance, List<ComparisonRow> rows) {
    }

    sealed interface ComparisonRow permits Refused, Difference {
    }

    record Refused(String candidate, String reason) implements ComparisonRow {
    }

    /** {@code candidate} is blank on all but the candidate's first row; {@code ci} is null without an interval. */
    record Difference(boolean first, String candidate, String task, String metric, String base, String value, String diff,
                      String ci, String p, int n, String badge, String verdict) implements ComparisonRow {
    }

    /** {@code withoutRows}: why some runs have no row ({@link PaperTable#withoutRows}), "" when all have one. */
    record PaperView(String source, String legend, String notes, String withoutRows, List<PaperLine> lines) {
    }

    sealed interface PaperLine permits PaperGroup, PaperRow {
    }

    record PaperGroup(String heading, int span) implements PaperLine {
    }

    record PaperRow(boolean reference, String method, List<PaperCell> cells, String note) implements PaperLine {
    }

    /** A mark ({@code mark} its status, {@code meaning} its tooltip), a value over part of a task, or a plain value. */
    record PaperCell(String text, String mark, String meaning, boolean partial) {
    }

    /** {@code notCharted}: runs left out of the charts (they read the ground truth); {@code hinted}: charted runs given hints. */
    record Charts(String notCharted, String hinted, List<ChartGroup> groups) {
    }

    record ChartGroup(String heading, List<Chart> charts) {
    }

    /** {@code file}: the chart's path without extension (a PNG and an SVG share it). */
    record Chart(String file, String title, String caption, int width, int height) {
    }

    record ClassTable(String task, int classes, List<String> models, List<ClassRow> rows) {
    }

    /** Per model: the IoU bar's width in pixels and the value, or null where the model has no such class. */
    record ClassRow(String name, List<ClassCell> cells) {
    }

    record ClassCell(int bar, String value) {
    }

    /** A generic table; an empty one reads "Nothing to show". */
    record TableView(List<Header> headers, List<List<TableCell>> rows, boolean scroll) {
    }

    record Header(String label, boolean numeric) {
    }

    /** {@code css}: the cell's class or null; {@code badge}: the badge class when the text is a group's badge. */
    record TableCell(String text, String css, String badge) {
    }

    record TaskGallery(String task, RunSummary.TaskResult result, List<RunGallery> runs) {
    }

    /** {@code common}: the instruction every shown sample shares, shown once; null when they differ. */
    record RunGallery(String run, String metric, String common, List<CardGroup> groups, List<String> failures) {
    }

    record CardGroup(String label, List<CardView> cards) {
    }

    /** {@code instruction} is null when the gallery shows it once for all cards. */
    record CardView(String id, String value, String instruction, List<HtmlReport.Thumb> thumbs) {
    }

    static Page of(HtmlReport.Inputs in, String css) {
        int runs = in.runs().size();
        String subtitle = TableFormats.count(runs, "run") + " · " + TableFormats.count(ReportTables.taskIds(in.runs()).size(), "task")
                + " · models: " + String.join(", ", in.runs().stream().map(RunData::label).toList());
        List<ClassTable> classes = classes(in.perClass());
        Comparison comparison = in.comparisons().isEmpty() ? null : comparison(in);
        List<Nav> nav = new ArrayList<>(List.of(new Nav("summary", "Summary"), new Nav("results", "Results"),
                new Nav("splits", "Seen vs held-out")));
        if (comparison != null) {
            nav.add(new Nav("comparison", "Comparison"));
        }
        nav.addAll(List.of(new Nav("paper", "Paper table"), new Nav("charts", "Charts")));
        if (!classes.isEmpty()) {
            nav.add(new Nav("classes", "Per-class IoU"));
        }
        nav.addAll(List.of(new Nav("instructions", "Instructions"), new Nav("gallery", "Gallery"), new Nav("files", "Files")));
        TableView instructions = table(in.perInstruction(), List.of("model", "task", "instruction_no", "instruction", "metric",
                "n", "failed", "mean", "sd", "min", "max"), true);
        String footer = String.join(", ", in.runs().stream().map(r -> r.dir().toString()).toList());
        return new Page(css + pickerCss(in.runs().size()), subtitle, nav, summary(in.runs()), results(in.runs()), splits(in), comparison, paper(in.paper(), PaperTable.withoutRows(in.runs())),
                charts(in), classes, instructions, gallery(in), in.tableNames(), footer);
    }

    /**
     * The Results table's model picker without script: unticking model i's box hides every cell of class m{i}. One
     * rule per model, as CSS cannot count.
     */
    static String pickerCss(int models) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < models; i++) {
            sb.append("#results:has(#show-m").append(i).append(":not(:checked)) .m").append(i).append("{display:none}\n");
        }
        return sb.toString();
    }

    private static List<SummaryCard> summary(List<RunData> runs) {
        List<SummaryCard> cards = new ArrayList<>();
        for (RunData r : runs) {
            int n = 0;
            int failed = 0;
            int planned = 0;
            int seen = 0;
            int held = 0;
            for (RunSummary.TaskResult t : r.summary().tasks().values()) {
                n += t.n();
                failed += t.failed();
                planned += t.planned();
                if ("held-out".equals(t.split())) {
                    held++;
                } else if ("seen".equals(t.split())) {
                    seen++;
                }
            }
            String id = r.summary().identity();
            cards.add(new SummaryCard(r.label(), r.summary().tasks().size(), seen, held, n, planned, failed,
                    n < planned ? RunSummary.percent(n / (double) planned) : null,
                    r.privileged() ? r.summary().privilegeLabel() : null, id == null ? "" : id.substring(0, Math.min(12, id.length()))));
        }
        return cards;
    }

    private static Results results(List<RunData> runs) {
        List<RunData> rankedRuns = runs.stream().filter(r -> !r.privileged()).toList();
        List<String> unranked = runs.stream().filter(RunData::privileged)
                .map(r -> r.label() + " (" + r.summary().privilegeLabel() + ")").toList();
        Map<String, RunSummary.TaskResult> first = new LinkedHashMap<>();
        Map<String, List<String>> metrics = new LinkedHashMap<>();
        for (RunData r : runs) {
            for (RunSummary.TaskResult t : r.summary().tasks().values()) {
                first.putIfAbsent(t.id(), t);
                List<String> ks = metrics.computeIfAbsent(t.id(), k -> new ArrayList<>());
                t.metrics().stream().map(RunSummary.MetricResult::key).filter(ReportTables::headline)
                        .filter(k -> !ks.contains(k)).forEach(ks::add);
            }
        }
        List<ResultRow> rows = new ArrayList<>();
        for (var e : metrics.entrySet()) {
            List<String> keys = e.getValue().isEmpty() ? List.of("-") : e.getValue();
            for (int k = 0; k < keys.size(); k++) {
                String key = keys.get(k);
                Boolean higher = null;
                Double best = null;
                int ranked = 0;
                for (RunData r : runs) {
                    RunSummary.MetricResult m = metric(r, e.getKey(), key);
                    if (m != null && m.value() != null && Double.isFinite(m.value())) {
                        higher = m.higherIsBetter();
                        if (rankedRuns.contains(r)) {
                            ranked++;
                            best = best == null ? m.value() : m.higherIsBetter() ? Math.max(best, m.value()) : Math.min(best, m.value());
                        }
                    }
                }
                if (ranked < 2) {
                    best = null; // nothing to compare with
                }
                List<ResultCell> cells = new ArrayList<>();
                for (RunData r : runs) {
                    RunSummary.TaskResult t = r.summary().tasks().get(e.getKey());
                    RunSummary.MetricResult m = metric(r, e.getKey(), key);
                    if (t == null) {
                        cells.add(new NotRun());
                    } else if (m == null || m.value() == null) {
                        cells.add(new NoValue(t.n() == 0 && t.planned() > 0, t.planned(), t.failed()));
                    } else {
                        boolean isBest = best != null && rankedRuns.contains(r) && m.value().equals(best);
                        String ci = m.lo() != null && m.hi() != null
                                ? "[" + TableFormats.format(m.lo()) + ", " + TableFormats.format(m.hi()) + "]" : null;
                        int resized = r.resized(e.getKey());
                        cells.add(new ValueCell(TableFormats.format(m.value()), isBest, ci, t.n(), t.failed(),
                                t.partial() ? t.coverageText() : null, resized == 0 ? null : "resized: " + resized + " of " + t.n()));
                    }
                }
                rows.add(new ResultRow(k == 0 ? first.get(e.getKey()) : null, keys.size(), key, arrow(higher), cells));
            }
        }
        return new Results(unranked.isEmpty() ? null : String.join(", ", unranked),
                runs.stream().map(RunData::label).toList(), rows);
    }

    private static String arrow(Boolean higherIsBetter) {
        return higherIsBetter == null ? "" : higherIsBetter ? " ↑" : " ↓";
    }

    private static RunSummary.MetricResult metric(RunData r, String task, String key) {
        RunSummary.TaskResult t = r.summary().tasks().get(task);
        return t == null ? null : t.metrics().stream().filter(m -> m.key().equals(key)).findFirst().orElse(null);
    }

    /** A matrix (metric and group by model) reads better than the long table; secondary metrics stay in splits.csv. */
    private static List<SplitRow> splits(HtmlReport.Inputs in) {
        Table t = in.splits();
        Set<String> keep = ReportCharts.chartMetrics(in.runs());
        Map<String, Map<String, SplitCell>> cells = new LinkedHashMap<>(); // "metric|axis|group" -> model -> cell
        for (int r = 0; r < t.rowCount(); r++) {
            String metric = t.stringColumn("metric").get(r);
            if (!keep.contains(metric)) {
                continue;
            }
            String key = metric + "|" + t.stringColumn("axis").get(r) + "|" + t.stringColumn("group").get(r);
            double cov = t.doubleColumn("coverage").get(r);
            String coverage = cov < 1 ? "coverage " + RunSummary.percent(cov) + " (" + t.intColumn("samples").get(r) + " of "
                    + t.intColumn("planned").get(r) + ")" : null;
            cells.computeIfAbsent(key, x -> new LinkedHashMap<>()).put(t.stringColumn("model").get(r),
                    new SplitCell(TableFormats.format(t.doubleColumn("mean_over_tasks").get(r)), t.intColumn("tasks").get(r), coverage));
        }
        List<String> keys = new ArrayList<>(cells.keySet());
        List<String> metricOrder = new ArrayList<>(keep);
        List<String> groupOrder = List.of("seen", "held-out", "instruction", "task");
        keys.sort(Comparator.<String>comparingInt(k -> metricOrder.indexOf(k.split("\\|")[0]))
                .thenComparingInt(k -> k.split("\\|")[1].equals("split") ? 0 : 1)
                .thenComparingInt(k -> groupOrder.indexOf(k.split("\\|")[2])));
        List<SplitRow> rows = new ArrayList<>();
        String last = null;
        for (String k : keys) {
            String[] p = k.split("\\|");
            boolean first = !p[0].equals(last);
            last = p[0];
            List<SplitCell> row = new ArrayList<>();
            for (RunData r : in.runs()) {
                row.add(cells.get(k).get(r.label()));
            }
            rows.add(new SplitRow(first, first ? p[0] : "", badgeClass(p[2]), p[1].equals("split") ? p[2] : p[2] + "-level", row));
        }
        return rows;
    }

    private static Comparison comparison(HtmlReport.Inputs in) {
        Set<String> keep = new LinkedHashSet<>(ReportCharts.chartMetrics(in.runs()));
        keep.add("coverage");
        List<ComparisonRow> rows = new ArrayList<>();
        for (ReportTables.Comparison c : in.comparisons()) {
            if (c.result().refusal() != null) {
                rows.add(new Refused(c.candidate(), c.result().refusal()));
                continue;
            }
            boolean first = true;
            for (PairedComparison.Row d : c.result().rows()) {
                if (!keep.contains(d.metric())) {
                    continue;
                }
                String badge = switch (d.verdict()) {
                    case "improved" -> "good";
                    case "regression" -> "badge-bad";
                    default -> "neutral";
                };
                boolean cov = d.metric().equals("coverage");
                String p = Double.isNaN(d.pHolm()) ? "–" : d.pHolm() < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", d.pHolm());
                rows.add(new Difference(first, first ? c.candidate() : "", d.task(), d.metric() + arrow(d.higherIsBetter()),
                        cov ? pct(d.base()) : fmt(d.base()), cov ? pct(d.candidate()) : fmt(d.candidate()), signed(d.diff()),
                        Double.isNaN(d.lo()) ? null : "[" + signed(d.lo()) + ", " + signed(d.hi()) + "]", p, d.n(), badge,
                        d.verdictText()));
                first = false;
            }
        }
        return new Comparison(in.runs().get(0).label(), Reports.comparisonProvenance(in.comparisons()), rows);
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? TableFormats.format(v) : "–";
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? RunSummary.percent(v) : "–";
    }

    private static String signed(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        return (v > 0 ? "+" : v < 0 ? "−" : "") + TableFormats.format(Math.abs(v));
    }

    private static PaperView paper(List<PaperTable.Row> rows, String withoutRows) {
        List<PaperLine> lines = new ArrayList<>();
        PaperTable.Group group = null;
        for (PaperTable.Row row : rows) {
            if (row.group() != group) {
                // A heading row per group, as the paper separates task-specific models, generalists and its own model.
                group = row.group();
                lines.add(new PaperGroup(group.heading, PaperTable.COLUMNS.size() + 2));
            }
            List<PaperCell> cells = new ArrayList<>();
            for (PaperTable.Cell c : row.cells()) {
                if (c instanceof PaperTable.Mark m) {
                    cells.add(new PaperCell(m.text, m.status, m.meaning, false));
                } else {
                    cells.add(new PaperCell(PaperTable.text(c, false), null, null, c instanceof PaperTable.Value v && v.partial()));
                }
            }
            lines.add(new PaperRow(row.group() != PaperTable.Group.RUN, row.method(), cells, row.note()));
        }
        return new PaperView(PaperTable.SOURCE, PaperTable.LEGEND, PaperTable.PROTOCOL_NOTES, withoutRows, lines);
    }

    private static Charts charts(HtmlReport.Inputs in) {
        List<String> left = in.runs().stream().filter(RunData::readsReference).map(RunData::label).toList();
        List<String> hinted = in.runs().stream().filter(r -> !r.readsReference() && r.privileged())
                .map(r -> r.label() + " (" + r.summary().privilegeLabel() + ")").toList();
        String[][] sections = {{"tasks", "By task"}, {"splits", "Seen vs held-out"}, {"comparison", "Comparison"},
                {"distributions", "Per-sample distributions"}, {"instructions", "Per-instruction spread"}};
        List<ChartGroup> groups = new ArrayList<>();
        for (String[] s : sections) {
            List<Chart> cs = in.charts().stream().filter(c -> c.section().equals(s[0]))
                    .map(c -> new Chart("charts/" + ReportCharts.safe(c.file()), c.title(), c.caption(), ReportCharts.width(c),
                            ReportCharts.HEIGHT)).toList();
            if (!cs.isEmpty()) {
                groups.add(new ChartGroup(s[1], cs));
            }
        }
        return new Charts(!left.isEmpty() && left.size() < in.runs().size() ? String.join(", ", left) : null,
                hinted.isEmpty() ? null : String.join(", ", hinted), groups);
    }

    private static List<ClassTable> classes(Table t) {
        Map<String, Map<String, Map<String, Double>>> byTask = new LinkedHashMap<>(); // task -> class -> model -> iou
        for (int r = 0; r < t.rowCount(); r++) {
            byTask.computeIfAbsent(t.stringColumn("task").get(r), k -> new LinkedHashMap<>())
                    .computeIfAbsent(t.stringColumn("class").get(r), k -> new LinkedHashMap<>())
                    .put(t.stringColumn("model").get(r), t.doubleColumn("iou").isMissing(r) ? null : t.doubleColumn("iou").get(r));
        }
        List<ClassTable> tables = new ArrayList<>();
        for (var e : byTask.entrySet()) {
            List<String> models = new ArrayList<>();
            e.getValue().values().forEach(m -> m.keySet().stream().filter(x -> !models.contains(x)).forEach(models::add));
            List<ClassRow> rows = new ArrayList<>();
            for (var c : e.getValue().entrySet()) {
                List<ClassCell> cells = new ArrayList<>();
                for (String m : models) {
                    Double v = c.getValue().get(m);
                    cells.add(v == null ? null : new ClassCell((int) Math.round(Math.max(0, Math.min(1, v)) * 60), TableFormats.format(v)));
                }
                rows.add(new ClassRow(c.getKey(), cells));
            }
            tables.add(new ClassTable(e.getKey(), e.getValue().size(), models, rows));
        }
        return tables;
    }

    /** A generic table of the given columns, numbers formatted. */
    static TableView table(Table t, List<String> columns, boolean scroll) {
        List<Header> headers = columns.stream().map(c -> new Header(c.replace('_', ' '), TableFormats.numeric(t.column(c)))).toList();
        List<List<TableCell>> rows = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            List<TableCell> row = new ArrayList<>();
            for (String c : columns) {
                boolean num = TableFormats.numeric(t.column(c));
                String v = TableFormats.cell(t.column(c), r);
                row.add(new TableCell(v, num ? "num" : c.equals("instruction") ? "instr-cell" : null,
                        c.equals("group") ? badgeClass(v) : null));
            }
            rows.add(row);
        }
        return new TableView(headers, rows, scroll);
    }

    static String badgeClass(String group) {
        return switch (group) {
            case "seen" -> "seen";
            case "held-out" -> "held";
            default -> "zs";
        };
    }

    private static List<TaskGallery> gallery(HtmlReport.Inputs in) {
        Map<String, RunSummary.TaskResult> first = new LinkedHashMap<>();
        in.runs().forEach(r -> r.summary().tasks().values().forEach(t -> first.putIfAbsent(t.id(), t)));
        List<TaskGallery> out = new ArrayList<>();
        for (var e : in.galleries().entrySet()) {
            List<RunGallery> runs = new ArrayList<>();
            for (HtmlReport.Gallery g : e.getValue()) {
                String common = HtmlReport.commonInstruction(g);
                List<CardGroup> groups = new ArrayList<>();
                Double tie = HtmlReport.tie(g);
                if (tie != null) {
                    // Every sample scores the same (the oracle's capped 100 dB): best and worst would be arbitrary.
                    groups.add(cards((g.all() ? "all samples" : "some samples") + ", each " + g.metric() + " "
                            + TableFormats.format(tie) + " (a tie: no best or worst)", g, g.best(), common));
                } else if (g.all()) {
                    groups.add(cards("all samples, best first", g, g.best(), common));
                } else {
                    groups.add(cards("best", g, g.best(), common));
                    groups.add(cards("worst", g, g.worst(), common));
                }
                groups.removeIf(c -> c.cards().isEmpty());
                runs.add(new RunGallery(g.run(), g.metric() + arrow(g.higherIsBetter()), common, groups, g.failures()));
            }
            out.add(new TaskGallery(e.getKey(), first.get(e.getKey()), runs));
        }
        return out;
    }

    private static CardGroup cards(String label, HtmlReport.Gallery g, List<HtmlReport.Card> cards, String common) {
        return new CardGroup(label, cards.stream().map(c -> new CardView(c.id(), g.metric() + " " + TableFormats.format(c.value()),
                common == null ? c.instruction() : null, c.thumbs())).toList());
    }
}
