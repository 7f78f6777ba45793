package org.eibench.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

    static final List<String> TABLES = List.of("results", "splits", "per_class_iou", "per_instruction", "comparison", "paper_table7");

    @TempDir
    static Path tmp;
    static Path runA;
    static Path runB;
    static Path out;
    static Path index;

    @BeforeAll
    static void writeReport() throws IOException {
        runA = Fixtures.run(tmp, "a", "ckpt", 0);
        runB = Fixtures.run(tmp, "b", "ckpt", 1);
        out = tmp.resolve("report");
        index = Reports.write(List.of(runA, runB), out, Fixtures.ENGINE);
    }

    @Test
    void writesIndexTablesChartsAndThumbnails() {
        assertThat(index).isRegularFile().hasFileName("index.html");
        for (String t : TABLES) {
            for (String ext : List.of("md", "csv", "tex", "json")) {
                assertThat(out.resolve("tables/" + t + "." + ext)).isRegularFile();
            }
        }
        assertThat(out.resolve("charts/task-psnr.png")).isRegularFile();
        assertThat(out.resolve("charts/task-psnr.svg")).content().contains("<svg");
        assertThat(out.resolve("charts/compare-psnr.png")).isRegularFile();
        assertThat(out.resolve("charts/dist-derain-rain100l.png")).isRegularFile();
        assertThat(out.resolve("charts/instr-derain-rain100l.png")).isRegularFile();
        assertThat(out.resolve("charts/splits-psnr.svg")).isRegularFile();
    }

    @Test
    void resultsCsvAndJsonEqualSummaryValues() throws IOException {
        Map<String, RunSummary.MetricResult> expected = new HashMap<>();
        for (Path run : List.of(runA, runB)) {
            RunSummary s = RunSummary.read(run);
            String label = "ckpt (" + run.getFileName() + ")";
            s.tasks().values().forEach(t -> t.metrics().forEach(m -> expected.put(label + "|" + t.id() + "|" + m.key(), m)));
        }
        List<String> csv = Files.readAllLines(out.resolve("tables/results.csv"));
        List<String> head = List.of(csv.get(0).split(","));
        assertThat(head).containsSequence("value", "ci95_lo", "ci95_hi");
        int checked = 0;
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",", -1);
            RunSummary.MetricResult m = expected.get(f[head.indexOf("model")] + "|" + f[head.indexOf("task")] + "|" + f[head.indexOf("metric")]);
            assertThat(m).as(line).isNotNull();
            assertThat(Double.parseDouble(f[head.indexOf("value")])).isEqualTo(m.value());
            if (m.lo() == null) {
                assertThat(f[head.indexOf("ci95_lo")]).isEmpty();
            } else {
                assertThat(Double.parseDouble(f[head.indexOf("ci95_lo")])).isEqualTo(m.lo());
                assertThat(Double.parseDouble(f[head.indexOf("ci95_hi")])).isEqualTo(m.hi());
            }
            checked++;
        }
        // headline metrics only: psnr, ssim (2 tasks) + miou, aacc = 6 per run
        assertThat(checked).isEqualTo(12);

        JsonNode json = new ObjectMapper().readTree(out.resolve("tables/results.json").toFile());
        assertThat(json.path("rows")).hasSize(12);
        for (JsonNode row : json.path("rows")) {
            RunSummary.MetricResult m = expected.get(row.path("model").asText() + "|" + row.path("task").asText() + "|"
                    + row.path("metric").asText());
            assertThat(row.path("value").asDouble()).isEqualTo(m.value());
            assertThat(row.path("ci95_lo").isNull()).isEqualTo(m.lo() == null);
        }
    }

    @Test
    void chartSeriesEqualSummaryValues() throws IOException {
        List<RunData> runs = Reports.read(List.of(runA, runB));
        List<ReportCharts.ChartData> charts = ReportCharts.perTask(runs);
        ReportCharts.ChartData psnr = charts.stream().filter(c -> c.file().equals("task-psnr")).findFirst().orElseThrow();
        assertThat(psnr.categories()).containsExactly("derain-rain100l", "udc-toled");
        for (ReportCharts.Series s : psnr.series()) {
            RunData r = runs.stream().filter(x -> x.label().equals(s.name())).findFirst().orElseThrow();
            for (int i = 0; i < psnr.categories().size(); i++) {
                RunSummary.MetricResult m = r.summary().tasks().get(psnr.categories().get(i)).metrics().stream()
                        .filter(x -> x.key().equals("psnr")).findFirst().orElseThrow();
                assertThat(s.values().get(i)).isEqualTo(m.value());
                assertThat(s.errors().get(i)).isCloseTo(Math.max(m.value() - m.lo(), m.hi() - m.value()), within(1e-12));
            }
        }
        // Seen vs held-out bars are the means of the task values of each split.
        List<ReportCharts.ChartData> splits = ReportCharts.splitCharts(runs, ReportTables.splits(runs));
        ReportCharts.ChartData sp = splits.stream().filter(c -> c.file().equals("splits-psnr")).findFirst().orElseThrow();
        assertThat(sp.series()).extracting(ReportCharts.Series::name).containsExactly("seen", "held-out");
        RunSummary a = runs.get(0).summary();
        assertThat(sp.series().get(0).values().get(0)).isEqualTo(a.tasks().get("derain-rain100l").metrics().get(0).value());
        assertThat(sp.series().get(1).values().get(0)).isEqualTo(a.tasks().get("udc-toled").metrics().get(0).value());
        // Distribution boxes hold exactly the per-sample values of the JSONL.
        ReportCharts.ChartData dist = ReportCharts.distributions(runs).get(0);
        assertThat(dist.series().get(0).values()).containsExactly(20.0, 21.0, 22.0, 23.0, 24.0, 25.0);
    }

    /**
     * The report renders the engine's rows as they are (the harness checks that they equal `eibench compare`'s): the
     * comparison table holds every row, and the comparison chart's bars and whiskers are the rows' differences and
     * intervals.
     */
    @Test
    void comparisonTableAndChartAreTheEnginesRows() throws IOException {
        PairedComparison expected = Fixtures.ENGINE.compare(runA, runB);
        List<String> csv = Files.readAllLines(out.resolve("tables/comparison.csv"));
        List<String> head = List.of(csv.get(0).split(","));
        assertThat(head).containsSequence("baseline_value", "candidate_value", "diff", "ci95_lo", "ci95_hi", "p_holm", "n", "verdict");
        assertThat(csv).hasSize(1 + expected.rows().size());
        for (int i = 0; i < expected.rows().size(); i++) {
            PairedComparison.Row r = expected.rows().get(i);
            List<String> f = PaperTableTest.csvRow(csv.get(i + 1));
            assertThat(f.get(head.indexOf("task"))).isEqualTo(r.task());
            assertThat(f.get(head.indexOf("metric"))).isEqualTo(r.metric());
            assertThat(Double.parseDouble(f.get(head.indexOf("diff")))).isEqualTo(r.diff());
            assertThat(f.get(head.indexOf("verdict"))).isEqualTo(r.verdict());
            if (Double.isNaN(r.pHolm())) {
                assertThat(f.get(head.indexOf("p_holm"))).isEmpty();
            } else {
                assertThat(Double.parseDouble(f.get(head.indexOf("p_holm")))).isEqualTo(r.pHolm());
            }
        }
        List<RunData> runs = Reports.read(List.of(runA, runB));
        List<ReportTables.Comparison> cmp = ReportTables.comparisons(runs, Fixtures.ENGINE);
        ReportCharts.ChartData chart = ReportCharts.build(runs, ReportTables.splits(runs), cmp).stream()
                .filter(c -> c.file().equals("compare-psnr")).findFirst().orElseThrow();
        assertThat(chart.categories()).containsExactly("derain-rain100l", "udc-toled");
        for (int i = 0; i < chart.categories().size(); i++) {
            String task = chart.categories().get(i);
            PairedComparison.Row r = expected.rows().stream().filter(x -> x.task().equals(task) && x.metric().equals("psnr"))
                    .findFirst().orElseThrow();
            assertThat(chart.series().get(0).values().get(i)).isEqualTo(r.diff());
            assertThat(chart.series().get(0).errors().get(i)).isCloseTo(0.5, within(1e-12));
        }
        assertThat(Files.readString(out.resolve("tables/comparison.md"))).contains("family of 6 tests, 1000 resamples, seed 0");
    }

    /** Without an engine there is no comparison, not a second way of computing one. */
    @Test
    void noEngineNoComparison() throws IOException {
        Path dir = tmp.resolve("no-engine");
        Reports.write(List.of(runA, runB), dir, null);
        assertThat(Files.readString(dir.resolve("index.html"))).doesNotContain("<section id=\"comparison\">");
        assertThat(Files.readAllLines(dir.resolve("tables/comparison.csv"))).hasSize(1);
    }

    /** derain has 6 of 7 planned samples scored: every table, chart and report says so beside its values. */
    @Test
    void coverageBelowFullIsShownEverywhere() throws IOException {
        String pct = "85.7%"; // 6 / 7 = 0.857142..., rounded down to one decimal
        List<String> csv = Files.readAllLines(out.resolve("tables/results.csv"));
        List<String> head = List.of(csv.get(0).split(","));
        assertThat(head).containsSequence("n", "failed", "planned", "missing", "coverage");
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",", -1);
            double expected = f[head.indexOf("task")].equals("derain-rain100l") ? 6 / 7.0 : 1.0;
            assertThat(Double.parseDouble(f[head.indexOf("coverage")])).as(line).isEqualTo(expected);
        }
        String splits = Files.readString(out.resolve("tables/splits.csv"));
        assertThat(splits).contains("coverage");
        String html = Files.readString(index);
        String results = html.substring(html.indexOf("<section id=\"results\">"), html.indexOf("</section>", html.indexOf("<section id=\"results\">")));
        assertThat(results).contains("coverage " + pct + " (6 of 7)");
        String sp = html.substring(html.indexOf("<section id=\"splits\">"), html.indexOf("</section>", html.indexOf("<section id=\"splits\">")));
        assertThat(sp).contains("coverage " + pct + " (6 of 7)"); // seen psnr: derain only (seg-mini has no psnr)
        // The summary card of each run: 6 + 3 + 2 of 7 + 3 + 2 samples, 11 / 12 = 0.91666... rounded down.
        assertThat(html).contains("coverage <span>91.6%</span>");
        List<RunData> runs = Reports.read(List.of(runA, runB));
        List<ReportCharts.ChartData> charts = ReportCharts.build(runs, ReportTables.splits(runs), ReportTables.comparisons(runs, Fixtures.ENGINE));
        for (String file : List.of("task-psnr", "dist-derain-rain100l", "instr-derain-rain100l", "compare-psnr")) {
            ReportCharts.ChartData c = charts.stream().filter(x -> x.file().equals(file)).findFirst().orElseThrow();
            assertThat(c.caption()).as(file).contains("Coverage below 100%", "ckpt (a) on derain-rain100l " + pct + " (6 of 7)");
        }
        ReportCharts.ChartData udc = charts.stream().filter(x -> x.file().equals("dist-udc-toled")).findFirst().orElseThrow();
        assertThat(udc.caption()).doesNotContain("Coverage below");
        String md = MarkdownReport.render(runs.stream().map(RunData::summary).toList());
        assertThat(md).contains("**coverage " + pct + " (6 of 7)**");
        assertThat(md.lines().filter(l -> l.startsWith("| udc-toled"))).allSatisfy(l -> assertThat(l).doesNotContain("coverage"));
        assertThat(Files.readString(out.resolve("tables/paper_table7.md"))).contains("22.50 (cov. " + pct + ")", "COVERAGE BELOW 100%");
    }

    @Test
    void perInstructionGroupsSamplesByWording() throws IOException {
        tech.tablesaw.api.Table t = ReportTables.perInstruction(Reports.read(List.of(runA)));
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            if (t.stringColumn("task").get(i).equals("derain-rain100l")) {
                rows.add(i);
            }
        }
        assertThat(rows).hasSize(2);
        int a = rows.get(0);
        assertThat(t.stringColumn("instruction").get(a)).isEqualTo(Fixtures.INSTR_A);
        assertThat(t.intColumn("n").get(a)).isEqualTo(3);
        assertThat(t.intColumn("failed").get(a)).isEqualTo(1);
        assertThat(t.doubleColumn("mean").get(a)).isCloseTo(22.0, within(1e-12)); // 20, 22, 24
        assertThat(t.doubleColumn("sd").get(a)).isCloseTo(2.0, within(1e-12));
        int b = rows.get(1);
        assertThat(t.doubleColumn("mean").get(b)).isCloseTo(23.0, within(1e-12)); // 21, 23, 25
        assertThat(t.doubleColumn("min").get(b)).isEqualTo(21.0);
    }

    @Test
    void perClassIouAndPaperTable() throws IOException {
        List<RunData> runs = Reports.read(List.of(runA));
        tech.tablesaw.api.Table pc = ReportTables.perClassIou(runs);
        assertThat(pc.stringColumn("class").asList()).containsExactly("cat", "dog");
        assertThat(pc.doubleColumn("iou").get(1)).isEqualTo(0.25);

        // The paper table's own tests are in PaperTableTest; here only that a run's row is filled from its summary.
        List<PaperTable.Row> paper = PaperTable.build(runs);
        PaperTable.Row run = paper.get(paper.size() - 1);
        assertThat(run.method()).isEqualTo("ckpt");
        assertThat(run.cells().get(3)).isEqualTo(new PaperTable.Value(22.5, null, 6 / 7.0)); // rain100l_psnr, 6 of 7 scored
        assertThat(run.cells().get(0)).isEqualTo(PaperTable.Mark.NO_RESULT); // depth_rmse: no depth task in the run
        assertThat(paper).extracting(PaperTable.Row::source).containsOnly("paper", "eibench");
    }

    /** Markdown parses back as a table: a header, a separator row, and the same number of cells on every row. */
    @Test
    void markdownTablesAreWellFormed() throws IOException {
        Pattern pipe = Pattern.compile("(?<!\\\\)\\|");
        for (String t : TABLES) {
            List<String> rows = Files.readAllLines(out.resolve("tables/" + t + ".md")).stream().filter(l -> l.startsWith("|")).toList();
            assertThat(rows).as(t).hasSizeGreaterThanOrEqualTo(2);
            int cells = countMatches(pipe, rows.get(0)) - 1;
            assertThat(rows.get(1)).as(t).matches("\\|(-{3,}:?\\|)+");
            for (String r : rows) {
                assertThat(countMatches(pipe, r) - 1).as(t + ": " + r).isEqualTo(cells);
                assertThat(r).endsWith("|");
            }
        }
        assertThat(Files.readString(out.resolve("tables/results.md"))).contains("| ckpt (a) | derain-rain100l | seen |");
    }

    /** Every generated LaTeX table passes the structural check (always; no TeX needed). */
    @Test
    void latexTablesAreWellFormed() throws IOException {
        for (String t : TABLES) {
            String tex = Files.readString(out.resolve("tables/" + t + ".tex"));
            assertThat(LatexTableCheck.problems(tex)).as(t + ".tex:\n" + tex).isEmpty();
        }
        // A real header with spanning groups and math arrows, not only the default one.
        assertThat(Files.readString(out.resolve("tables/paper_table7.tex"))).contains("\\multicolumn{7}{c}", "\\cmidrule(lr){3-9}",
                "RMSE$\\downarrow$");
    }

    /** Extra, where pdflatex is installed (skipped otherwise): every table compiles in a booktabs document. */
    @Test
    void latexTablesCompileWithPdflatexWhenInstalled() throws Exception {
        List<Path> fragments = new ArrayList<>();
        for (String t : TABLES) {
            fragments.add(out.resolve("tables/" + t + ".tex"));
        }
        LatexTableCheckTest.compile(tmp.resolve("latex"), fragments);
    }

    @Test
    void htmlIsSelfContainedAndEveryImageExists() throws IOException {
        String html = Files.readString(index);
        assertThat(html).doesNotContain("http://", "https://", "<script");
        Matcher src = Pattern.compile("(?:src|href)=\"([^\"#][^\"]*)\"").matcher(html);
        int images = 0;
        while (src.find()) {
            assertThat(out.resolve(src.group(1))).as(src.group(1)).exists();
            images++;
        }
        assertThat(images).isGreaterThan(20);
        assertThat(html).contains("class=\"badge seen\"", "class=\"badge held\"", "Comparison with ckpt (a)", "improved",
                "output is 3x3, target is 40x30", "UVT (paper)");
        // Gallery: recorded input (relative to the data root) and target (absolute) become thumbnails too.
        try (Stream<Path> thumbs = Files.walk(out.resolve("thumbs"))) {
            List<String> names = thumbs.map(p -> p.getFileName().toString()).toList();
            assertThat(names).contains("s5-input.png", "s5-pred.png", "s5-gt.png", "u0-pred.png");
            assertThat(names).noneMatch(n -> n.startsWith("u0-input"));
        }
    }

    @Test
    void rewritingAFolderDropsFilesOfTheEarlierReport() throws IOException {
        Path again = tmp.resolve("again");
        Reports.write(List.of(runA, runB), again, Fixtures.ENGINE);
        Files.writeString(again.resolve("charts/stale.png"), "x");
        Files.writeString(again.resolve("notes.txt"), "mine");
        Reports.write(List.of(runA), again, Fixtures.ENGINE);
        assertThat(again.resolve("charts/stale.png")).doesNotExist();
        assertThat(again.resolve("charts/compare-psnr.png")).doesNotExist(); // one run: no comparison
        assertThat(again.resolve("notes.txt")).exists();
        assertThat(Files.readString(again.resolve("index.html"))).doesNotContain("Comparison with");
    }

    @Test
    void numbersRoundToFourDigitsBeforeTheLayoutIsChosen() {
        assertThat(TableFormats.format(1.0)).isEqualTo("1.000");
        assertThat(TableFormats.format(0.99999)).isEqualTo("1.000"); // was 1.0000
        assertThat(TableFormats.format(0.12344)).isEqualTo("0.1234");
        assertThat(TableFormats.format(9.9996)).isEqualTo("10.00");
        assertThat(TableFormats.format(99.996)).isEqualTo("100.0");
        assertThat(TableFormats.format(-0.99999)).isEqualTo("-1.000");
        assertThat(TableFormats.format(0.000099999)).isEqualTo("0.0001");
        assertThat(TableFormats.format(0.00002)).isEqualTo("2.0e-05");
    }

    /**
     * A model that declared it reads the ground truth (the oracle, a ceiling check) stays in the tables but not in
     * the charts, unless it is the only run, and is never ranked; the declaration, not the model's name, decides.
     */
    @Test
    void aRunThatReadsTheReferenceIsInTheTablesButNotInTheChartsOrRankings() throws IOException {
        Path oracle = Fixtures.run(tmp, "o", "oracle", 80);
        Path dir = tmp.resolve("with-oracle");
        Reports.write(List.of(runA, oracle), dir, Fixtures.ENGINE);
        List<RunData> runs = Reports.read(List.of(runA, oracle));
        assertThat(runs.get(1).readsReference()).isTrue();
        assertThat(runs.get(0).readsReference()).isFalse();
        List<ReportCharts.ChartData> charts = ReportCharts.build(runs, ReportTables.splits(runs),
                ReportTables.comparisons(runs, Fixtures.ENGINE));
        assertThat(charts).isNotEmpty().allSatisfy(c -> assertThat(c.series()).extracting(ReportCharts.Series::name)
                .noneMatch(n -> n.startsWith("oracle")));
        assertThat(Files.readString(dir.resolve("tables/results.csv"))).contains("oracle,derain-rain100l");
        String html = Files.readString(dir.resolve("index.html"));
        assertThat(html).contains("Not charted: oracle", "not ranked, since they saw more than the input: oracle (ceiling: reads the ground truth)");
        // Nothing is bold in the results: ckpt is the only ranked run, the oracle's higher values are not "best".
        String results = html.substring(html.indexOf("<section id=\"results\">"), html.indexOf("</section>", html.indexOf("<section id=\"results\">")));
        assertThat(results).doesNotContain("<b>");
        List<RunData> only = Reports.read(List.of(oracle));
        assertThat(ReportCharts.build(only, ReportTables.splits(only), List.of()).get(0).series().get(0).name()).isEqualTo("oracle");
    }

    /** A model given task hints (non-blind) is labelled, charted and never ranked. */
    @Test
    void aRunGivenHintsIsLabelledAndNotRanked() throws IOException {
        Path wiener = Fixtures.run(tmp, "w", "wiener", 5);
        Path dir = tmp.resolve("with-wiener");
        Reports.write(List.of(runA, wiener), dir, Fixtures.ENGINE);
        String html = Files.readString(dir.resolve("index.html"));
        assertThat(html).contains("non-blind: given blur_kernel · not ranked", "wiener (non-blind: given blur_kernel)");
        String results = html.substring(html.indexOf("<section id=\"results\">"), html.indexOf("</section>", html.indexOf("<section id=\"results\">")));
        assertThat(results).doesNotContain("<b>"); // the hinted run's better values are not "best"
        List<RunData> runs = Reports.read(List.of(runA, wiener));
        assertThat(ReportCharts.perTask(ReportCharts.charted(runs)).get(0).series()).extracting(ReportCharts.Series::name)
                .contains("wiener");
        assertThat(PaperTable.build(runs).get(16).note()).startsWith("COVERAGE BELOW 100%").contains("non-blind: given blur_kernel");
        assertThat(MarkdownReport.render(runs.stream().map(RunData::summary).toList())).contains("- wiener: non-blind: given blur_kernel");
    }

    /** A task a model did not run is a null (no bar), not a zero bar. */
    @Test
    void aTaskNotRunIsNoBar() throws IOException {
        Path partial = tmp.resolve("partial");
        Fixtures.run(tmp, "partial", "other", 0);
        Files.delete(partial.resolve("samples/udc-toled.jsonl"));
        ObjectMapper om = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode summary = (com.fasterxml.jackson.databind.node.ObjectNode) om.readTree(
                partial.resolve("summary.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) summary.path("tasks")).remove("udc-toled");
        om.writeValue(partial.resolve("summary.json").toFile(), summary);
        List<RunData> runs = Reports.read(List.of(runA, partial));
        assertThat(runs.get(1).summary().tasks()).doesNotContainKey("udc-toled");
        ReportCharts.ChartData psnr = ReportCharts.perTask(runs).stream().filter(c -> c.file().equals("task-psnr")).findFirst()
                .orElseThrow();
        int udc = psnr.categories().indexOf("udc-toled");
        assertThat(psnr.series().get(1).values().get(udc)).isNull();
        ReportCharts.render(List.of(psnr), List.of(), tmp.resolve("partial-charts"));
        assertThat(tmp.resolve("partial-charts/task-psnr.png")).isRegularFile();
    }

    /** The HTML comparison lists charted metrics only (aacc is a secondary metric of one task); the CSV lists all. */
    @Test
    void htmlComparisonShowsChartedMetricsOnly() throws IOException {
        String html = Files.readString(index);
        String cmp = html.substring(html.indexOf("<section id=\"comparison\">"), html.indexOf("</section>", html.indexOf("<section id=\"comparison\">")));
        assertThat(cmp).contains("<td>miou ↑</td>", "<td>psnr ↑</td>", "comparison.csv").doesNotContain("<td>aacc");
        assertThat(Files.readString(out.resolve("tables/comparison.csv"))).contains(",aacc,");
        // The candidate is named once per block.
        assertThat(cmp.split("<td>ckpt \\(b\\)</td>", -1)).hasSize(2);
    }

    @Test
    void galleryOfTiedSamplesHasNoBestOrWorst() {
        HtmlReport.Card c1 = new HtmlReport.Card("a", null, 100.0, List.of());
        HtmlReport.Card c2 = new HtmlReport.Card("b", null, 100.0, List.of());
        HtmlReport.Card c3 = new HtmlReport.Card("c", null, 99.0, List.of());
        assertThat(HtmlReport.tie(new HtmlReport.Gallery("m", "psnr", true, List.of(c1, c2), List.of(c2, c1), false, List.of())))
                .isEqualTo(100.0);
        assertThat(HtmlReport.tie(new HtmlReport.Gallery("m", "psnr", true, List.of(c1, c2, c3), List.of(), true, List.of()))).isNull();
        assertThat(HtmlReport.tie(new HtmlReport.Gallery("m", "psnr", true, List.of(c1), List.of(), true, List.of()))).isNull();
    }

    @Test
    void bestFirstBreaksTiesBySampleId() {
        List<HtmlReport.Card> cards = new java.util.ArrayList<>(List.of(card("c", 1.0), card("a", 2.0), card("d", null),
                card("b", 1.0)));
        cards.sort(HtmlReport.bestFirst(true));
        assertThat(cards).extracting(HtmlReport.Card::id).containsExactly("a", "b", "c", "d");
        cards.sort(HtmlReport.bestFirst(false));
        assertThat(cards).extracting(HtmlReport.Card::id).containsExactly("b", "c", "a", "d");
    }

    private static HtmlReport.Card card(String id, Double value) {
        return new HtmlReport.Card(id, null, value, List.of());
    }

    @Test
    void textFromRunsIsEscapedInTheHtml(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path run = Fixtures.run(tmp, "odd", "<i>m&m</i>", 0);
        String html = Files.readString(Reports.write(List.of(run), tmp.resolve("report"), null));
        assertThat(html).contains("&lt;i>m&amp;m&lt;/i>".replace(">", "&gt;")).doesNotContain("<i>m&m");
    }

    @Test
    void sampleValuesAreFlattenedUnderSummaryKeys() throws IOException {
        JsonNode m = new ObjectMapper().readTree("{\"psnr_y\":{\"values\":{\"psnr\":31.5}},"
                + "\"psnr\":{\"values\":{\"psnr\":30.0}},\"miou\":{\"values\":{\"miou\":0.4,\"iou.cat\":0.5}}}");
        Map<String, Double> flat = RunData.flatten(m);
        assertThat(flat).containsEntry("psnr_y", 31.5).containsEntry("psnr", 30.0).containsEntry("miou", 0.4)
                .containsEntry("iou.cat", 0.5);
    }

    private static int countMatches(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
