package org.eibench.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.eibench.harness.run.Compare;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compares two runs of the same tasks and says what regressed.",
                "Per shared task: coverage (scored / planned) and, on the samples both scored, NEW - BASE per headline "
                        + "metric with a paired bootstrap 95%% CI and p-value (1000 resamples, seed 0). A regression is "
                        + "lower coverage, or a metric worse beyond the tolerance whose p-value, Holm-corrected over all "
                        + "metrics compared, is <= 0.05."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no regression (or no --fail-on-regression)", "1:a regression, with --fail-on-regression",
                "2:usage error: not two finished runs, no shared task, or a task whose spec differs (without --allow-spec-change)",
                "3:unexpected error"})
final class CompareCommand extends ScoringCommand {

    @Parameters(index = "0", paramLabel = "BASE", description = "the reference run directory (one model)")
    Path base;

    @Parameters(index = "1", paramLabel = "NEW", description = "the run directory to judge")
    Path next;

    @Option(names = "--fail-on-regression", description = "exit with 1 when coverage or any metric regressed")
    boolean failOnRegression;

    @Option(names = "--tolerance", paramLabel = "METRIC=DELTA", split = ",",
            description = "allowed change in the bad direction, by metric (psnr=0.1, coverage=0.01) or task/metric (sr-set5-x4/ssim=0.005); default 0")
    List<String> tolerance;

    @Option(names = "--allow-spec-change", description = "compare tasks whose spec digest differs between the runs (both finished with the current spec) instead of refusing")
    boolean allowSpecChange;

    @Option(names = "--junit", paramLabel = "FILE", description = "also write the verdicts as JUnit XML (one test case per task and metric)")
    Path junit;

    @Override
    Integer callWith() throws IOException {
        Map<String, Double> tol = new LinkedHashMap<>();
        if (tolerance != null) {
            for (String t : tolerance) {
                int eq = t.indexOf('=');
                try {
                    if (eq < 1) {
                        throw new NumberFormatException();
                    }
                    double d = Double.parseDouble(t.substring(eq + 1));
                    if (!(d >= 0)) {
                        throw new NumberFormatException();
                    }
                    tol.put(t.substring(0, eq).trim(), d);
                } catch (NumberFormatException e) {
                    throw new Main.UsageError("--tolerance takes METRIC=DELTA with DELTA >= 0 (e.g. psnr=0.1), not '" + t + "'");
                }
            }
        }
        if (junit != null && Files.isDirectory(junit)) {
            throw new Main.UsageError("--junit " + junit + " is a folder; give a file name");
        }
        Compare.Result result;
        try {
            result = Compare.standard(tol).compare(base, next, catalog());
        } catch (Compare.Refused e) {
            throw new Main.UsageError(e.getMessage());
        }
        if (!result.specChanged().isEmpty() && !allowSpecChange) {
            throw new Main.UsageError("the spec of " + String.join(", ", result.specChanged()) + " differs between BASE and NEW "
                    + "(decoder, metric or data options): their numbers are not comparable. Rescore one run (`eibench rescore RUN`) "
                    + "so both use the same spec, or pass --allow-spec-change to compare them anyway");
        }
        PrintWriter out = spec.commandLine().getOut();
        result.onlyInNext().forEach(t -> System.err.printf("compare: %s is only in NEW; not compared%n", t));
        result.onlyInBase().forEach(t -> System.err.printf("compare: %s is in BASE but not in NEW: its coverage fell to 0%n", t));
        out.printf("%-22s %-24s %12s %12s %12s  %-25s %9s %5s  %s%n", "task", "metric", "base", "new", "diff", "95% CI (paired)",
                "p (Holm)", "n", "verdict");
        for (Compare.Row r : result.rows()) {
            out.printf("%-22s %-24s %12s %12s %12s  %-25s %9s %5d  %s%n", r.task(), r.metric(), Compare.num(r.base()),
                    Compare.num(r.next()), Compare.num(r.diff()), interval(r), p(r.pHolm()), r.n(), r.verdictText());
        }
        long regressions = result.regressions();
        out.printf("%d regression(s) in %d comparison(s); Holm correction over a family of %d metric test(s) at %s; "
                + "paired bootstrap, %d resamples, seed %d%n", regressions, result.rows().size(), result.family(),
                Compare.ALPHA, result.resamples(), result.seed());
        if (junit != null) {
            writeJunit(junit, result.rows());
        }
        return failOnRegression && regressions > 0 ? Main.FAILURES : Main.OK;
    }

    private static String interval(Compare.Row r) {
        return Double.isNaN(r.lo()) && Double.isNaN(r.hi()) ? "" : "[" + Compare.num(r.lo()) + ", " + Compare.num(r.hi()) + "]";
    }

    /** A p-value as compare prints it: "<0.001" below the bootstrap's resolution, "" when there is none. */
    static String p(double p) {
        if (Double.isNaN(p)) {
            return "";
        }
        return p < 0.001 ? "<0.001" : String.format(java.util.Locale.ROOT, "%.3f", p);
    }

    /**
     * The verdicts as JUnit XML, as CI servers read it: one test suite per task, one test case per metric, a
     * regression as a failure; each verdict line is the failure message or the test case's output.
     */
    static void writeJunit(Path file, List<Compare.Row> rows) throws IOException {
        Map<String, List<Compare.Row>> byTask = new LinkedHashMap<>();
        rows.forEach(r -> byTask.computeIfAbsent(r.task(), k -> new ArrayList<>()).add(r));
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter x = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "eibench compare");
            x.writeAttribute("tests", String.valueOf(rows.size()));
            x.writeAttribute("failures", String.valueOf(rows.stream().filter(Compare.Row::regression).count()));
            for (Map.Entry<String, List<Compare.Row>> e : byTask.entrySet()) {
                x.writeCharacters("\n  ");
                x.writeStartElement("testsuite");
                x.writeAttribute("name", "eibench.compare." + e.getKey());
                x.writeAttribute("tests", String.valueOf(e.getValue().size()));
                x.writeAttribute("failures", String.valueOf(e.getValue().stream().filter(Compare.Row::regression).count()));
                x.writeAttribute("errors", "0");
                x.writeAttribute("skipped", "0");
                for (Compare.Row r : e.getValue()) {
                    String msg = String.format("%s: base %s, new %s, diff %s, 95%% CI [%s, %s], p (Holm) %s, n=%d, %s", r.metric(),
                            Compare.num(r.base()), Compare.num(r.next()), Compare.num(r.diff()), Compare.num(r.lo()),
                            Compare.num(r.hi()), p(r.pHolm()), r.n(), r.verdictText());
                    x.writeCharacters("\n    ");
                    x.writeStartElement("testcase");
                    x.writeAttribute("classname", r.task());
                    x.writeAttribute("name", r.metric());
                    x.writeCharacters("\n      ");
                    if (r.regression()) {
                        x.writeStartElement("failure");
                        x.writeAttribute("type", "regression");
                        x.writeAttribute("message", msg);
                    } else {
                        x.writeStartElement("system-out");
                    }
                    x.writeCharacters(msg);
                    x.writeEndElement();
                    x.writeCharacters("\n    ");
                    x.writeEndElement();
                }
                x.writeCharacters("\n  ");
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
