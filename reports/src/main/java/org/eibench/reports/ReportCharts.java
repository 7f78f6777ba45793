package org.eibench.reports;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.Table;

/**
 * Chart data derived from the runs (kept as plain records so tests can check it against summary.json) and its
 * rendering to PNG and SVG with XChart, headless.
 */
final class ReportCharts {

    enum Kind { BAR, BOX }

    /**
     * @param values bar heights per category (null: no bar), or for BOX the raw per-sample values of the series
     * @param errors whisker half-lengths per category (BAR only; 0 for none)
     */
    record Series(String name, List<Double> values, List<Double> errors) {
    }

    /** @param section where the HTML shows it: tasks, splits, comparison, distributions, instructions */
    record ChartData(String file, String section, Kind kind, String title, String caption, String yLabel,
                     List<String> categories, List<Series> series) {
    }

    static final int WIDTH = 720;
    static final int HEIGHT = 360;

    /**
     * Tableau 10 plus two darker tones (Tableau 20's dark olive and navy): twelve qualitative colours that stay apart
     * for twelve models. A model keeps its colour in every chart: colours go by its place in the report's run order.
     */
    static final List<Color> PALETTE = List.of(new Color(0x4e79a7), new Color(0xf28e2b), new Color(0xe15759),
            new Color(0x76b7b2), new Color(0x59a14f), new Color(0xedc948), new Color(0xb07aa1), new Color(0xff9da7),
            new Color(0x9c755f), new Color(0xbab0ac), new Color(0x4b5d16), new Color(0x1f3a68));

    static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private ReportCharts() {
    }

    static List<ChartData> build(List<RunData> runs, Table splits, List<ReportTables.Comparison> comparisons) {
        Set<String> keep = chartMetrics(runs);
        List<RunData> shown = charted(runs);
        Set<String> labels = new LinkedHashSet<>(shown.stream().map(RunData::label).toList());
        List<ChartData> charts = new ArrayList<>();
        perTask(shown).stream().filter(c -> keep.contains(c.yLabel())).forEach(charts::add);
        splitCharts(shown, splits).stream().filter(c -> keep.contains(c.yLabel())).forEach(charts::add);
        charts.addAll(comparison(runs, comparisons.stream().filter(c -> labels.contains(c.candidate())).toList(), keep));
        charts.addAll(distributions(shown));
        charts.addAll(instructions(shown));
        return charts;
    }

    /**
     * The runs the charts show: all but those that read the ground truth (the oracle), when there are others. Such a
     * run outputs the ground truth (a ceiling check); its PSNR is the 100 dB cap of identical images, which would
     * flatten every other bar. Its numbers stay in every table.
     */
    static List<RunData> charted(List<RunData> runs) {
        List<RunData> shown = runs.stream().filter(r -> !r.readsReference()).toList();
        return shown.isEmpty() ? runs : shown;
    }

    /**
     * The caption's note on values over part of a task: "Coverage below 100%: identity on derain 85.7% (6 of 7)." for
     * each run and task of the chart whose coverage is below 100%, else "".
     */
    static String coverageNote(List<RunData> runs, java.util.Collection<String> tasks) {
        List<String> parts = new ArrayList<>();
        for (RunData r : runs) {
            for (String task : tasks) {
                RunSummary.TaskResult t = r.summary().tasks().get(task);
                if (t != null && t.partial()) {
                    parts.add(r.label() + " on " + task + " " + t.coverageText().substring("coverage ".length()));
                }
            }
        }
        return parts.isEmpty() ? "" : " Coverage below 100% (values over part of the task): " + String.join("; ", parts) + ".";
    }

    /**
     * Metrics worth a chart: each task's primary metric, and metrics that several tasks share (psnr, ssim). Secondary
     * metrics of a single task (aacc, macc, fwiou next to miou) stay in the tables, so the charts section stays short.
     */
    static Set<String> chartMetrics(List<RunData> runs) {
        Set<String> keep = new LinkedHashSet<>();
        Map<String, Set<String>> tasksByMetric = new LinkedHashMap<>();
        for (RunData r : runs) {
            for (RunSummary.TaskResult t : r.summary().tasks().values()) {
                RunSummary.MetricResult p = ReportTables.primary(t);
                if (p != null) {
                    keep.add(p.key());
                }
                t.metrics().stream().filter(m -> ReportTables.headline(m.key()))
                        .forEach(m -> tasksByMetric.computeIfAbsent(m.key(), k -> new LinkedHashSet<>()).add(t.id()));
            }
        }
        tasksByMetric.forEach((k, v) -> {
            if (v.size() > 1) {
                keep.add(k);
            }
        });
        return keep;
    }

    /** One chart per headline metric: a bar per task and run, whiskers from the summary's bootstrap interval. */
    static List<ChartData> perTask(List<RunData> runs) {
        Map<String, Set<String>> tasksByMetric = new LinkedHashMap<>();
        Map<String, Boolean> direction = new LinkedHashMap<>();
        for (RunData r : runs) {
            for (RunSummary.TaskResult t : r.summary().tasks().values()) {
                for (RunSummary.MetricResult m : t.metrics()) {
                    if (ReportTables.headline(m.key())) {
                        tasksByMetric.computeIfAbsent(m.key(), k -> new LinkedHashSet<>()).add(t.id());
                        direction.putIfAbsent(m.key(), m.higherIsBetter());
                    }
                }
            }
        }
        List<ChartData> out = new ArrayList<>();
        for (var e : tasksByMetric.entrySet()) {
            List<String> cats = new ArrayList<>(e.getValue());
            List<Series> series = new ArrayList<>();
            for (RunData r : runs) {
                List<Double> vals = new ArrayList<>();
                List<Double> errs = new ArrayList<>();
                boolean any = false;
                for (String task : cats) {
                    RunSummary.TaskResult t = r.summary().tasks().get(task);
                    RunSummary.MetricResult m = t == null ? null : t.metrics().stream()
                            .filter(x -> x.key().equals(e.getKey())).findFirst().orElse(null);
                    vals.add(m == null ? null : m.value());
                    errs.add(m == null ? 0.0 : halfWidth(m.value(), m.lo(), m.hi()));
                    any |= m != null && m.value() != null;
                }
                if (any) {
                    series.add(new Series(r.label(), vals, errs));
                }
            }
            out.add(new ChartData("task-" + e.getKey(), "tasks", Kind.BAR, e.getKey() + " by task",
                    (direction.get(e.getKey()) ? "Higher is better. " : "Lower is better. ")
                            + "Whiskers: the wider side of the bootstrap 95% interval, drawn on both sides."
                            + coverageNote(runs, cats), e.getKey(), cats, series));
        }
        return out;
    }

    /** Seen vs held-out: per metric, a group of bars per model with one bar per split (mean over the split's tasks). */
    static List<ChartData> splitCharts(List<RunData> runs, Table splits) {
        Map<String, Map<String, Map<String, Double>>> byMetric = new LinkedHashMap<>(); // metric -> group -> model -> mean
        Set<String> models = new LinkedHashSet<>();
        for (int i = 0; i < splits.rowCount(); i++) {
            if (!"split".equals(splits.stringColumn("axis").get(i))) {
                continue;
            }
            String model = splits.stringColumn("model").get(i);
            models.add(model);
            byMetric.computeIfAbsent(splits.stringColumn("metric").get(i), k -> new LinkedHashMap<>())
                    .computeIfAbsent(splits.stringColumn("group").get(i), k -> new LinkedHashMap<>())
                    .put(model, valueOrNaN(splits, "mean_over_tasks", i));
        }
        List<ChartData> out = new ArrayList<>();
        for (var e : byMetric.entrySet()) {
            List<String> cats = runs.stream().map(RunData::label).filter(models::contains).toList();
            List<Series> series = new ArrayList<>();
            List<String> groups = new ArrayList<>(e.getValue().keySet());
            groups.sort((a, b) -> Integer.compare(order(a), order(b)));
            for (String g : groups) {
                List<Double> vals = new ArrayList<>();
                List<Double> errs = new ArrayList<>();
                for (String m : cats) {
                    vals.add(e.getValue().get(g).get(m));
                    errs.add(0.0);
                }
                series.add(new Series(g, vals, errs));
            }
            out.add(new ChartData("splits-" + e.getKey(), "splits", Kind.BAR, e.getKey() + ": seen vs held-out",
                    "Mean of task values over the tasks of each split." + coverageNote(runs.stream()
                            .filter(r -> cats.contains(r.label())).toList(), ReportTables.taskIds(runs)),
                    e.getKey(), cats, series));
        }
        return out;
    }

    private static int order(String group) {
        return switch (group) {
            case "seen" -> 0;
            case "held-out" -> 1;
            default -> 2;
        };
    }

    /**
     * Per charted metric: candidate minus baseline as the comparison engine computed it (values re-finished on the
     * samples ok in both runs), whiskers from its paired bootstrap interval.
     */
    static List<ChartData> comparison(List<RunData> runs, List<ReportTables.Comparison> comparisons, Set<String> keep) {
        Map<String, Map<String, Map<String, PairedComparison.Row>>> byMetric = new LinkedHashMap<>(); // metric -> candidate -> task
        for (ReportTables.Comparison c : comparisons) {
            for (PairedComparison.Row r : c.result().rows()) {
                if (keep.contains(r.metric())) {
                    byMetric.computeIfAbsent(r.metric(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(c.candidate(), k -> new LinkedHashMap<>()).put(r.task(), r);
                }
            }
        }
        List<ChartData> out = new ArrayList<>();
        String base = runs.get(0).label();
        for (var e : byMetric.entrySet()) {
            Set<String> tasks = new LinkedHashSet<>();
            e.getValue().values().forEach(m -> tasks.addAll(m.keySet()));
            List<String> cats = new ArrayList<>(tasks);
            List<Series> series = new ArrayList<>();
            boolean higher = true;
            for (var c : e.getValue().entrySet()) {
                List<Double> vals = new ArrayList<>();
                List<Double> errs = new ArrayList<>();
                for (String task : cats) {
                    PairedComparison.Row r = c.getValue().get(task);
                    boolean has = r != null && r.n() > 0 && Double.isFinite(r.diff());
                    vals.add(has ? r.diff() : null);
                    errs.add(has ? halfWidth(r.diff(), finite(r.lo()), finite(r.hi())) : 0.0);
                    higher = r == null ? higher : r.higherIsBetter();
                }
                series.add(new Series(c.getKey() + " − " + base, vals, errs));
            }
            List<RunData> involved = runs.stream().filter(r -> r.label().equals(base) || e.getValue().containsKey(r.label())).toList();
            out.add(new ChartData("compare-" + e.getKey(), "comparison", Kind.BAR, e.getKey() + ": difference to " + base,
                    "Candidate minus baseline on the samples ok in both runs (" + (higher ? "positive" : "negative")
                            + " is an improvement), as eibench compare computes it; whiskers: the wider side of its paired "
                            + "bootstrap 95% interval." + coverageNote(involved, cats),
                    "Δ " + e.getKey(), cats, series));
        }
        return out;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Per task: the distribution of the primary metric's per-sample values, a box per run. */
    static List<ChartData> distributions(List<RunData> runs) {
        List<ChartData> out = new ArrayList<>();
        for (String task : ReportTables.taskIds(runs)) {
            String metric = null;
            List<Series> series = new ArrayList<>();
            for (RunData r : runs) {
                RunSummary.TaskResult t = r.summary().tasks().get(task);
                RunSummary.MetricResult p = t == null ? null : ReportTables.primary(t);
                if (p == null) {
                    continue;
                }
                metric = metric == null ? p.key() : metric;
                String key = metric;
                List<Double> vals = r.samples().getOrDefault(task, List.of()).stream().filter(RunData.SampleLine::ok)
                        .map(s -> s.values().get(key)).filter(v -> v != null && Double.isFinite(v)).toList();
                if (!vals.isEmpty()) {
                    series.add(new Series(r.label(), vals, List.of()));
                }
            }
            if (!series.isEmpty()) {
                out.add(new ChartData("dist-" + task, "distributions", Kind.BOX, task + ": per-sample " + metric,
                        "Box: quartiles and median of per-sample values; whiskers to the most extreme values within 1.5 IQR."
                                + coverageNote(runs, List.of(task)), metric, List.of(), series));
            }
        }
        return out;
    }

    /** A cell as a number; a missing cell (for instance the spread of a single sample) is NaN. */
    private static double valueOrNaN(Table t, String column, int row) {
        return t.doubleColumn(column).isMissing(row) ? Double.NaN : t.doubleColumn(column).get(row);
    }

    /** Per task: mean of the primary metric per instruction wording, whiskers one standard deviation. */
    static List<ChartData> instructions(List<RunData> runs) {
        List<ChartData> out = new ArrayList<>();
        Table t = ReportTables.perInstruction(runs);
        Map<String, Map<String, Map<String, double[]>>> byTask = new LinkedHashMap<>(); // task -> model -> I# -> mean, sd
        Map<String, String> metricOf = new LinkedHashMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            String task = t.stringColumn("task").get(i);
            metricOf.putIfAbsent(task, t.stringColumn("metric").get(i));
            byTask.computeIfAbsent(task, k -> new LinkedHashMap<>())
                    .computeIfAbsent(t.stringColumn("model").get(i), k -> new LinkedHashMap<>())
                    .put(t.stringColumn("instruction_no").get(i),
                            new double[] {valueOrNaN(t, "mean", i), valueOrNaN(t, "sd", i)});
        }
        for (var e : byTask.entrySet()) {
            Set<String> cats = new LinkedHashSet<>();
            e.getValue().values().forEach(m -> cats.addAll(m.keySet()));
            List<String> catList = new ArrayList<>(cats);
            List<Series> series = new ArrayList<>();
            for (var m : e.getValue().entrySet()) {
                List<Double> vals = new ArrayList<>();
                List<Double> errs = new ArrayList<>();
                for (String c : catList) {
                    double[] ms = m.getValue().get(c);
                    vals.add(ms == null || !Double.isFinite(ms[0]) ? null : ms[0]);
                    errs.add(ms == null || !Double.isFinite(ms[1]) ? 0.0 : ms[1]);
                }
                if (vals.stream().anyMatch(v -> v != null)) {
                    series.add(new Series(m.getKey(), vals, errs));
                }
            }
            if (!series.isEmpty()) {
                out.add(new ChartData("instr-" + e.getKey(), "instructions", Kind.BAR, e.getKey() + ": per instruction",
                        "Mean of per-sample " + metricOf.get(e.getKey()) + " per instruction wording (I1, I2, ... as in the "
                                + "per-instruction table); whiskers: one standard deviation." + coverageNote(runs, List.of(e.getKey())),
                        metricOf.get(e.getKey()), catList, series));
            }
        }
        return out;
    }

    static double halfWidth(Double v, Double lo, Double hi) {
        if (v == null || !Double.isFinite(v)) {
            return 0;
        }
        double w = 0;
        if (lo != null && Double.isFinite(lo)) {
            w = Math.max(w, v - lo);
        }
        if (hi != null && Double.isFinite(hi)) {
            w = Math.max(w, hi - v);
        }
        return w;
    }

    /** File-system and URL safe base name. */
    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]+", "-");
    }

    /**
     * Renders each chart as dir/NAME.png and dir/NAME.svg; {@code models} is the report's run order, which fixes each
     * model's colour.
     */
    static void render(List<ChartData> charts, List<String> models, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        for (ChartData c : charts) {
            Chart<?, ?> chart = chart(c, models);
            String base = dir.resolve(safe(c.file())).toString();
            BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
            VectorGraphicsEncoder.saveVectorGraphic(chart, base, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        }
    }

    static Chart<?, ?> chart(ChartData c, List<String> models) {
        Chart<?, ?> chart = c.kind() == Kind.BOX ? box(c) : bars(c);
        chart.getStyler().setSeriesColors(colours(c, models));
        return chart;
    }

    /** Each series' colour: its model's place in {@code models}; a series that is no model takes its own place. */
    static Color[] colours(ChartData c, List<String> models) {
        Color[] out = new Color[c.series().size()];
        for (int i = 0; i < out.length; i++) {
            int at = models.indexOf(c.series().get(i).name());
            out[i] = PALETTE.get((at < 0 ? i : at) % PALETTE.size());
        }
        return out;
    }

    /**
     * The chart's width: the plot's {@link #WIDTH} plus a legend column as wide as the longest series name, so that
     * no name is cut (XChart draws one legend row and clips what does not fit).
     */
    static int width(ChartData c) {
        java.awt.image.BufferedImage scratch = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.FontMetrics fm = scratch.createGraphics().getFontMetrics(LEGEND_FONT);
        int longest = c.series().stream().mapToInt(s -> fm.stringWidth(s.name())).max().orElse(0);
        return WIDTH + longest + LEGEND_EXTRA;
    }

    /** Legend box beside the text: swatch, gaps and padding (XChart's legend layout), with some room to spare. */
    private static final int LEGEND_EXTRA = 60;

    private static CategoryChart bars(ChartData c) {
        CategoryChart chart = new CategoryChartBuilder().width(width(c)).height(HEIGHT).title(c.title()).yAxisTitle(c.yLabel()).build();
        style(chart.getStyler());
        chart.getStyler().setErrorBarsColor(new Color(0x333333));
        chart.getStyler().setAvailableSpaceFill(0.7);
        int longest = c.categories().stream().mapToInt(String::length).max().orElse(0);
        if (longest * c.categories().size() > 90) {
            chart.getStyler().setXAxisLabelRotation(15);
        }
        for (Series s : c.series()) {
            // A missing value (task not run by this model) stays null: XChart leaves its slot empty instead of drawing
            // a zero bar, which would read as a score of 0.
            chart.addSeries(s.name(), c.categories(), s.values(), s.errors());
        }
        return chart;
    }

    private static BoxChart box(ChartData c) {
        BoxChart chart = new BoxChartBuilder().width(width(c)).height(HEIGHT).title(c.title()).yAxisTitle(c.yLabel()).build();
        style(chart.getStyler());
        for (Series s : c.series()) {
            chart.addSeries(s.name(), s.values());
        }
        return chart;
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setLegendFont(LEGEND_FONT);
        // One legend line per model at the right: a single row below the plot runs out of width at about nine models.
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendLayout(Styler.LegendLayout.Vertical);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendPadding(6); // twelve lines of XChart's default 10 px padding run past the chart's height
        if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
            a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            a.setPlotGridVerticalLinesVisible(false);
            a.setPlotGridLinesColor(new Color(0xe5e5e5));
            a.setYAxisDecimalPattern("#,##0.###");
        }
    }
}
