package org.eibench.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import tech.tablesaw.api.Table;

/**
 * index.html: one self-contained page (inline CSS, no scripts, no network) with the summary, tables, charts and a
 * gallery per task. Images are relative files inside the report folder. {@link HtmlPage} decides what the page shows;
 * the JTE templates in src/main/jte lay it out and escape every value; the CSS is the resource report.css.
 */
final class HtmlReport {

    /**
     * The templates compiled at build time (jte-maven-plugin) into this package: no template compiler at run time, and
     * the generated classes may read this package's records.
     */
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(null, ContentType.Html,
            HtmlReport.class.getClassLoader(), HtmlReport.class.getPackageName());

    /** One gallery image: the thumbnail's path relative to the report folder, or null when there is none. */
    record Thumb(String role, String src) {
    }

    /** One gallery card. */
    record Card(String id, String instruction, Double value, List<Thumb> thumbs) {
    }

    /** A run's gallery for one task. */
    record Gallery(String run, String metric, boolean higherIsBetter, List<Card> best, List<Card> worst, boolean all,
                   List<String> failures) {
    }

    record Inputs(List<RunData> runs, Table results, Table splits, Table perClass, Table perInstruction,
                  List<ReportTables.Comparison> comparisons, List<PaperTable.Row> paper, List<ReportCharts.ChartData> charts,
                  Map<String, List<Gallery>> galleries, List<String> tableNames) {
    }

    private HtmlReport() {
    }

    static String render(Inputs in) {
        StringOutput out = new StringOutput(64 * 1024);
        TEMPLATES.render("report.jte", HtmlPage.of(in, css()), out);
        return out.toString();
    }

    private static String css() {
        try (InputStream s = HtmlReport.class.getResourceAsStream("report.css")) {
            if (s == null) {
                throw new IllegalStateException("report.css is missing from the reports jar");
            }
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report.css", e);
        }
    }

    /** The value every shown sample has, when there are two or more and all are equal; else null. */
    static Double tie(Gallery g) {
        List<Card> all = new ArrayList<>(g.best());
        all.addAll(g.worst());
        if (all.size() < 2 || all.get(0).value() == null) {
            return null;
        }
        Double v = all.get(0).value();
        return all.stream().allMatch(c -> v.equals(c.value())) ? v : null;
    }

    /** The instruction shared by every shown sample, shown once instead of on each card; null when they differ. */
    static String commonInstruction(Gallery g) {
        List<Card> all = new ArrayList<>(g.best());
        all.addAll(g.worst());
        if (all.isEmpty() || all.get(0).instruction() == null) {
            return null;
        }
        String first = all.get(0).instruction();
        return all.stream().allMatch(c -> first.equals(c.instruction())) ? first : null;
    }

    /**
     * Orders ok samples by value, best first, according to the metric's direction; equal values by sample id, so the
     * gallery does not depend on the order of the samples file (parallel runs write it in completion order).
     */
    static Comparator<Card> bestFirst(boolean higherIsBetter) {
        Comparator<Double> direction = higherIsBetter ? Comparator.reverseOrder() : Comparator.naturalOrder();
        return Comparator.comparing(Card::value, Comparator.nullsLast(direction)).thenComparing(Card::id);
    }

    static String rel(Path base, Path file) {
        return base.relativize(file).toString().replace('\\', '/');
    }
}
