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

import com.fasterxml.jackson.databind.JsonNode;
import org.eibench.harness.run.Compare;
import org.eibench.harness.run.RunDirectory;
import org.eibench.harness.run.RunFiles;
import org.eibench.metrics.stats.Bootstrap;
import org.eibench.tasks.Task;
import org.eibench.tasks.TaskCatalog;
import org.eibench.tasks.spec.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compares two runs on the samples both scored: per task and metric, NEW - BASE with a paired bootstrap 95%% CI.",
                "A regression is a change in the bad direction beyond the tolerance whose CI excludes zero."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no regression (or no --fail-on-regression)", "1:a regression, with --fail-on-regression",
                "2:usage error", "3:unexpected error"})
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BASE", description = "the reference run directory (one model)")
    Path base;

    @Parameters(index = "1", paramLabel = "NEW", description = "the run directory to judge")
    Path next;

    @Option(names = "--fail-on-regression", description = "exit with 1 when any metric regressed")
    boolean failOnRegression;

    @Option(names = "--tolerance", paramLabel = "METRIC=DELTA", split = ",",
            description = "allowed change in the bad direction, by metric (psnr=0.1) or task/metric (sr-set5-x4/ssim=0.005); default 0")
    List<String> tolerance;

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
        JsonNode baseRun;
        JsonNode nextRun;
        try {
            baseRun = RunFiles.runJson(base);
            nextRun = RunFiles.runJson(next);
        } catch (IOException e) {
            throw new Main.UsageError(e.getMessage());
        }
        List<Task> tasks;
        try {
            tasks = RunFiles.tasks(nextRun, evaluators.apply(new TaskCatalog(data.resolve())));
        } catch (SpecException e) {
            throw new Main.UsageError(e.getMessage());
        }
        List<String> baseTasks = new ArrayList<>();
        Map<String, String> baseSpec = new LinkedHashMap<>();
        baseRun.path("tasks").forEach(t -> {
            baseTasks.add(t.path("id").asText());
            baseSpec.put(t.path("id").asText(), t.path("spec_sha256").asText());
        });
        PrintWriter out = spec.commandLine().getOut();
        Compare compare = new Compare(Bootstrap.standard(), tol);
        List<Compare.Row> rows = new ArrayList<>();
        for (Task task : tasks) {
            if (!baseTasks.contains(task.id())) {
                System.err.printf("compare: %s is not in BASE; skipped%n", task.id());
                continue;
            }
            if (!baseSpec.get(task.id()).equals(task.spec().specHash())) {
                System.err.printf("compare: note: %s's spec differs between the runs (decoder or metric options); rescore one of them to compare like with like%n", task.id());
            }
            rows.addAll(compare.compare(task, new RunDirectory(base), new RunDirectory(next)));
        }
        out.printf("%-22s %-24s %12s %12s %12s  %-25s %5s  %s%n", "task", "metric", "base", "new", "diff", "95% CI (paired)", "n", "verdict");
        for (Compare.Row r : rows) {
            out.printf("%-22s %-24s %12s %12s %12s  %-25s %5d  %s%n", r.task(), r.metric(), num(r.base()), num(r.next()),
                    num(r.diff()), "[" + num(r.lo()) + ", " + num(r.hi()) + "]", r.n(), verdictText(r));
        }
        long regressions = rows.stream().filter(Compare.Row::regression).count();
        out.printf("%d regression(s) in %d comparison(s)%n", regressions, rows.size());
        if (junit != null) {
            writeJunit(junit, rows);
        }
        return failOnRegression && regressions > 0 ? Main.FAILURES : Main.OK;
    }

    private static String verdictText(Compare.Row r) {
        return switch (r.verdict()) {
            case SAME -> "same";
            case IMPROVED -> "improved";
            case WITHIN_TOLERANCE -> "worse, within tolerance " + r.tolerance();
            case NOT_SIGNIFICANT -> "no significant change";
            case REGRESSION -> "REGRESSION" + (r.tolerance() > 0 ? " (beyond tolerance " + r.tolerance() + ")" : "");
            case NO_DATA -> "no samples ok in both runs";
        };
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format("%.5g", v) : "n/a";
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
                String msg = String.format("%s: base %s, new %s, diff %s, 95%% CI [%s, %s], n=%d, %s", r.metric(), num(r.base()),
                        num(r.next()), num(r.diff()), num(r.lo()), num(r.hi()), r.n(), verdictText(r));
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
