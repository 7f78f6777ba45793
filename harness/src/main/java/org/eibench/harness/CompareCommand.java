package org.eibench.harness;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.eibench.harness.run.Compare;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compares two runs: per shared task, coverage (scored / planned) and, on the samples both scored, NEW - BASE",
                "per headline metric with a paired bootstrap 95%% CI and p-value (1000 resamples, seed 0). A regression is lower",
                "coverage, or a metric worse beyond the tolerance whose p-value, Holm-corrected over all metrics compared, is <= 0.05."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no regression (or no --fail-on-regression)", "1:a regression, with --fail-on-regression",
                "2:usage error: not two finished runs, no shared task, or a task whose spec differs (without --allow-spec-change)",
                "3:unexpected error"})
final class CompareCommand implements Callable<Integer> {

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

    @CommandLine.Mixin
    DataOption data = new DataOption();

    /** The networks the runs were scored with, for FD/KD and LPIPS (their finish needs the same metric objects). */
    @CommandLine.Mixin
    EvaluatorOption evaluators = new EvaluatorOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (EvaluatorOption scoring = evaluators) {
            return callWith();
        }
    }

    private Integer callWith() throws IOException {
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
            result = Compare.standard(tol).compare(base, next, evaluators.apply(data.catalog()));
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

    static void writeJunit(Path file, List<Compare.Row> rows) throws IOException {
        Map<String, List<Compare.Row>> byTask = new LinkedHashMap<>();
        rows.forEach(r -> byTask.computeIfAbsent(r.task(), k -> new ArrayList<>()).add(r));
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        long failures = rows.stream().filter(Compare.Row::regression).count();
        x.append("<testsuites name=\"eibench compare\" tests=\"").append(rows.size()).append("\" failures=\"").append(failures).append("\">\n");
        for (Map.Entry<String, List<Compare.Row>> e : byTask.entrySet()) {
            long f = e.getValue().stream().filter(Compare.Row::regression).count();
            x.append("  <testsuite name=\"eibench.compare.").append(esc(e.getKey())).append("\" tests=\"").append(e.getValue().size())
                    .append("\" failures=\"").append(f).append("\" errors=\"0\" skipped=\"0\">\n");
            for (Compare.Row r : e.getValue()) {
                String msg = String.format("%s: base %s, new %s, diff %s, 95%% CI [%s, %s], p (Holm) %s, n=%d, %s", r.metric(),
                        Compare.num(r.base()), Compare.num(r.next()), Compare.num(r.diff()), Compare.num(r.lo()),
                        Compare.num(r.hi()), p(r.pHolm()), r.n(), r.verdictText());
                x.append("    <testcase classname=\"").append(esc(r.task())).append("\" name=\"").append(esc(r.metric())).append("\"");
                if (r.regression()) {
                    x.append(">\n      <failure type=\"regression\" message=\"").append(esc(msg)).append("\">").append(esc(msg))
                            .append("</failure>\n    </testcase>\n");
                } else {
                    x.append(">\n      <system-out>").append(esc(msg)).append("</system-out>\n    </testcase>\n");
                }
            }
            x.append("  </testsuite>\n");
        }
        x.append("</testsuites>\n");
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, x.toString(), StandardCharsets.UTF_8);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
