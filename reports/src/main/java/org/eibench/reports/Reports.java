package org.eibench.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tech.tablesaw.api.Table;

/**
 * The report of one or more run directories: tables (Markdown, CSV, LaTeX, JSON), charts (PNG, SVG) and a
 * self-contained index.html, all under one output folder. Reads only the run-directory format (summary.json, run.json,
 * samples/*.jsonl, predictions/), so it renders runs made anywhere. With two or more runs, later runs are compared
 * with the first.
 *
 * <pre>
 * OUT/index.html
 * OUT/tables/{results,splits,per_class_iou,per_instruction,comparison,paper_table7}.{md,csv,tex,json}
 * OUT/charts/*.png, *.svg
 * OUT/thumbs/...                       downscaled gallery images
 * </pre>
 */
public final class Reports {

    private Reports() {
    }

    /**
     * Writes the report and returns the path of its index.html.
     *
     * @param runDirs run directories (a folder holding several run directories, as {@code eibench run --out} writes,
     *                is expanded to them); the first is the baseline of the comparison
     * @param engine  compares each later run with the first; null for no comparison section
     * @throws IOException when a run directory cannot be read or the output cannot be written
     */
    public static Path write(List<Path> runDirs, Path outDir, PairedComparison.Engine engine) throws IOException {
        // Tablesaw logs through SLF4J; with no binding on the class path SLF4J prints a three-line warning on every
        // start, which reads like an error in CLI output. Keep its own errors only, unless the user asked otherwise.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        List<Path> dirs = RunData.expand(runDirs);
        if (dirs.isEmpty()) {
            throw new IOException("no run directories given");
        }
        List<RunData> runs = read(dirs);
        Files.createDirectories(outDir);
        // Regenerating into the same folder must not keep charts, tables or thumbnails of an earlier report (a
        // thumbnail path is run index + task + sample id, so a stale one would show another run's image).
        for (String owned : List.of("tables", "charts", "thumbs")) {
            deleteTree(outDir.resolve(owned));
        }
        Path tablesDir = outDir.resolve("tables");

        Table results = ReportTables.results(runs);
        Table splits = ReportTables.splits(runs);
        Table perClass = ReportTables.perClassIou(runs);
        Table perInstruction = ReportTables.perInstruction(runs);
        List<ReportTables.Comparison> comparisons = ReportTables.comparisons(runs, engine);
        Table comparison = ReportTables.comparison(comparisons);
        List<PaperTable.Row> paper = PaperTable.build(runs);

        List<String> names = new ArrayList<>();
        write(results, tablesDir, names, "Results per task and metric: value with bootstrap 95% interval (ci95_lo, ci95_hi), "
                + "n scored samples, failed samples, planned samples, missing samples and coverage (n / planned): a value "
                + "with coverage below 1 is over part of the task only.");
        write(splits, tablesDir, names, "Seen vs held-out (axis split) and instruction- vs task-level zero-shot (axis zero_shot): "
                + "mean of task values over the tasks in each group; coverage = scored / planned samples of those tasks.");
        write(perClass, tablesDir, names, "Per-class IoU (pooled over the dataset) with bootstrap 95% intervals and the "
                + "task's coverage.");
        write(perInstruction, tablesDir, names, "Per-instruction results: the task's primary metric over the samples given each "
                + "instruction (per-sample values; mean, standard deviation, range, bootstrap 95% interval of the mean); "
                + "coverage = scored / finished samples of that wording.");
        write(comparison, tablesDir, names, comparisonCaption(comparisons));
        PaperTable.write(paper, PaperTable.withoutRows(runs), tablesDir);
        names.add(PaperTable.FILE_NAME);

        List<ReportCharts.ChartData> charts = ReportCharts.build(runs, splits, comparisons);
        ReportCharts.render(charts, runs.stream().map(RunData::label).toList(), outDir.resolve("charts"));

        Map<String, List<HtmlReport.Gallery>> galleries = galleries(runs, outDir);
        String html = HtmlReport.render(new HtmlReport.Inputs(runs, results, splits, perClass, perInstruction, comparisons, paper,
                charts, galleries, names));
        Path index = outDir.resolve("index.html");
        Files.writeString(index, html, StandardCharsets.UTF_8);
        return index;
    }

    /** The run directories directly under {@code folder} (with a summary.json), in the order they finished. */
    public static List<Path> runDirectories(Path folder) throws IOException {
        return Files.isDirectory(folder) && !Files.isRegularFile(folder.resolve("summary.json"))
                && hasRun(folder) ? RunData.expand(List.of(folder)) : List.of();
    }

    private static boolean hasRun(Path folder) throws IOException {
        try (java.util.stream.Stream<Path> children = Files.list(folder)) {
            return children.anyMatch(c -> Files.isRegularFile(c.resolve("summary.json")));
        }
    }

    /** What produced the comparison's numbers, as its table caption and the HTML note say. */
    static String comparisonCaption(List<ReportTables.Comparison> comparisons) {
        StringBuilder sb = new StringBuilder("Each run against the first on shared tasks, by the engine of `eibench compare`: "
                + "coverage (scored / planned), then per headline metric the difference (candidate - baseline) of the values "
                + "re-finished on the samples ok in both runs, its paired bootstrap 95% interval and its p-value after Holm's "
                + "correction over the family of metric tests of that candidate (p_holm; a regression or improvement needs "
                + "p_holm <= 0.05). ");
        return sb.append(comparisonProvenance(comparisons)).toString();
    }

    /** Per candidate: the Holm family size, resamples and seed behind its numbers, or why it was not compared. */
    static String comparisonProvenance(List<ReportTables.Comparison> comparisons) {
        StringBuilder sb = new StringBuilder();
        for (ReportTables.Comparison c : comparisons) {
            PairedComparison r = c.result();
            sb.append(sb.length() == 0 ? "" : " ").append(c.candidate()).append(": ");
            if (r.refusal() != null) {
                sb.append("not compared (").append(r.refusal()).append(").");
            } else {
                sb.append("family of ").append(r.family()).append(" tests, ").append(r.resamples()).append(" resamples, seed ")
                        .append(r.seed()).append(r.onlyInBase().isEmpty() ? "" : "; not run by it, so not compared: "
                                + String.join(", ", r.onlyInBase())).append('.');
            }
        }
        return sb.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void write(Table t, Path dir, List<String> names, String caption) throws IOException {
        TableFormats.writeAll(t, dir, caption, null, null);
        names.add(t.name());
    }

    static List<RunData> read(List<Path> dirs) throws IOException {
        List<RunSummary> summaries = new ArrayList<>();
        for (Path d : dirs) {
            summaries.add(RunSummary.read(d));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        summaries.forEach(s -> counts.merge(s.model(), 1, Integer::sum));
        List<RunData> runs = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (int i = 0; i < dirs.size(); i++) {
            RunSummary s = summaries.get(i);
            // Two checkpoints of one model are the usual comparison: tell them apart by folder name.
            String label = counts.get(s.model()) > 1 ? s.model() + " (" + dirs.get(i).toAbsolutePath().normalize().getFileName() + ")" : s.model();
            String unique = label;
            for (int k = 2; !used.add(unique); k++) {
                unique = label + " #" + k;
            }
            runs.add(RunData.read(dirs.get(i), unique));
        }
        return runs;
    }

    static final int GALLERY_EACH = 3;

    static Map<String, List<HtmlReport.Gallery>> galleries(List<RunData> runs, Path outDir) {
        Map<String, List<HtmlReport.Gallery>> out = new LinkedHashMap<>();
        for (String task : ReportTables.taskIds(runs)) {
            List<HtmlReport.Gallery> gs = new ArrayList<>();
            for (int ri = 0; ri < runs.size(); ri++) {
                RunData r = runs.get(ri);
                RunSummary.TaskResult t = r.summary().tasks().get(task);
                if (t == null) {
                    continue;
                }
                RunSummary.MetricResult p = ReportTables.primary(t);
                String metric = p == null ? "" : p.key();
                boolean higher = p == null || p.higherIsBetter();
                List<RunData.SampleLine> ok = new ArrayList<>();
                List<String> failures = new ArrayList<>();
                for (RunData.SampleLine s : r.samples().getOrDefault(task, List.of())) {
                    if (s.ok()) {
                        ok.add(s);
                    } else {
                        failures.add(s.id() + " (" + (s.stage() == null ? "?" : s.stage()) + "): " + (s.reason() == null ? "" : s.reason()));
                    }
                }
                if (failures.isEmpty() && r.samples().getOrDefault(task, List.of()).isEmpty()) {
                    failures.addAll(t.failures());
                }
                Path thumbDir = outDir.resolve("thumbs").resolve(ri + "-" + ReportCharts.safe(r.label())).resolve(ReportCharts.safe(task));
                List<HtmlReport.Card> cards = new ArrayList<>();
                for (RunData.SampleLine s : ok) {
                    Double v = s.values().get(metric);
                    cards.add(new HtmlReport.Card(s.id(), s.instruction(), v == null || !Double.isFinite(v) ? null : v, List.of()));
                }
                cards.sort(HtmlReport.bestFirst(higher));
                boolean all = cards.size() <= 2 * GALLERY_EACH;
                List<HtmlReport.Card> best = all ? cards : cards.subList(0, GALLERY_EACH);
                List<HtmlReport.Card> worst = new ArrayList<>();
                if (!all) {
                    worst.addAll(cards.subList(cards.size() - GALLERY_EACH, cards.size()));
                    java.util.Collections.reverse(worst);
                }
                Map<String, RunData.SampleLine> byId = new LinkedHashMap<>();
                ok.forEach(s -> byId.put(s.id(), s));
                gs.add(new HtmlReport.Gallery(r.label(), metric, higher, withThumbs(best, byId, r, task, thumbDir, outDir),
                        withThumbs(worst, byId, r, task, thumbDir, outDir), all, failures));
            }
            out.put(task, gs);
        }
        return out;
    }

    private static List<HtmlReport.Card> withThumbs(List<HtmlReport.Card> cards, Map<String, RunData.SampleLine> byId,
                                                    RunData r, String task, Path thumbDir, Path outDir) {
        List<HtmlReport.Card> out = new ArrayList<>();
        for (HtmlReport.Card c : cards) {
            RunData.SampleLine s = byId.get(c.id());
            List<HtmlReport.Thumb> thumbs = new ArrayList<>();
            String base = ReportCharts.safe(c.id());
            Path inputView = view(r, task, c.id(), "input");
            if (s.input() != null) {
                thumbs.add(thumb("input", resolveData(r, task, s.input()), thumbDir.resolve(base + "-input.png"), outDir));
            } else if (inputView != null) {
                // A synthesised input (a generation task's condition or masked image), saved by the runner.
                thumbs.add(thumb("input", inputView, thumbDir.resolve(base + "-input.png"), outDir));
            }
            Path pred = s.prediction() != null ? r.dir().resolve(s.prediction())
                    : r.dir().resolve("predictions").resolve(task).resolve(c.id() + ".png");
            thumbs.add(thumb("prediction", pred, thumbDir.resolve(base + "-pred.png"), outDir));
            if (s.target() != null) {
                thumbs.add(thumb("ground truth", resolveData(r, task, s.target()), thumbDir.resolve(base + "-gt.png"), outDir));
            }
            Path canny = view(r, task, c.id(), "canny");
            if (canny != null) {
                thumbs.add(thumb(CANNY_ROLE, canny, thumbDir.resolve(base + "-canny.png"), outDir));
            }
            out.add(new HtmlReport.Card(c.id(), c.instruction(), c.value(), thumbs));
        }
        return out;
    }

    /** Caption of the Canny overlay: the output's edges over the condition's. */
    static final String CANNY_ROLE = "output's Canny over the condition";

    /** A gallery picture the runner saved for a sample (views/TASK/ID.NAME.png), or null. */
    static Path view(RunData r, String task, String id, String name) {
        Path p = r.dir().resolve("views").resolve(task).resolve(id + "." + name + ".png");
        return java.nio.file.Files.isRegularFile(p) ? p : null;
    }

    private static HtmlReport.Thumb thumb(String role, Path source, Path target, Path outDir) {
        return new HtmlReport.Thumb(role, Thumbnails.make(source, target) ? HtmlReport.rel(outDir, target) : null);
    }

    /** A recorded input/target path: absolute, else relative to the task's data root, else to the run directory. */
    static Path resolveData(RunData r, String task, String path) {
        Path p = Path.of(path);
        if (p.isAbsolute()) {
            return p;
        }
        Path root = r.dataRoots().get(task);
        return root != null ? root.resolve(p) : r.dir().resolve(p);
    }
}
