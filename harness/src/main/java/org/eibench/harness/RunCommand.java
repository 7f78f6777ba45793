package org.eibench.harness;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.eibench.harness.run.RunDirectory;
import org.eibench.harness.run.Runner;
import org.eibench.reports.MarkdownReport;
import org.eibench.reports.RunSummary;
import org.eibench.runtime.ModelCatalog;
import org.eibench.runtime.ModelContext;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.ModelSpecException;
import org.eibench.tasks.SuiteSpec;
import org.eibench.tasks.Task;
import org.eibench.tasks.TaskCatalog;
import org.eibench.tasks.spec.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs models over tasks: one run directory per model and a combined Markdown report.",
                "With no arguments: the quick suite (bundled data) with its default models."})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--suite", paramLabel = "NAME|FILE", description = "a built-in suite or a suite file (default: quick)")
    String suite;

    @Option(names = "--task", paramLabel = "ID|FILE", split = ",", description = "task ids or task files (instead of the suite's tasks)")
    List<String> tasks;

    @Option(names = "--model", paramLabel = "SPEC", split = ",(?![a-z_]+=)",
            description = "model specs, each run on every selected task (default: the suite's models); see `eibench models list`")
    List<String> models;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: runs/<suite>-<time>)")
    Path out;

    @Option(names = "--seed", description = "seed for sampling models and subsets (default: the suite's, else 0)")
    Long seed;

    @Option(names = "--limit", paramLabel = "N", description = "at most N samples per task: a seeded subset, the same for every model")
    Integer limit;

    @Option(names = "--threads", paramLabel = "N", description = "threads for reading and for scoring (default: min(4, cores))")
    Integer threads;

    @Option(names = "--max-failures", paramLabel = "N|FRACTION", defaultValue = "0",
            description = "failed samples allowed before the exit code is 1: a count (5) or a fraction (0.01) of all samples; default ${DEFAULT-VALUE}")
    String maxFailures;

    @CommandLine.Mixin
    DataOption data = new DataOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        Path dataDir = data.resolve();
        TaskCatalog catalog = data.catalog();
        SuiteSpec suiteSpec = null;
        try {
            if (suite != null || tasks == null) {
                suiteSpec = catalog.suite(suite == null ? "quick" : suite);
            }
        } catch (SpecException e) {
            throw new Main.UsageError(e.getMessage());
        }
        List<String> taskIds = tasks != null ? tasks : suiteSpec.tasks();
        Map<String, Task> loaded = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String id : taskIds) {
            try {
                Task t = catalog.task(id);
                loaded.put(t.id(), t);
            } catch (SpecException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new Main.UsageError(String.join("\n", problems));
        }
        List<SuiteSpec.ModelEntry> entries = new ArrayList<>();
        if (models != null) {
            models.forEach(m -> entries.add(new SuiteSpec.ModelEntry(m, List.of())));
        } else if (suiteSpec != null && !suiteSpec.models().isEmpty()) {
            entries.addAll(suiteSpec.models());
        } else {
            throw new Main.UsageError("no models: give --model SPEC (see `eibench models list`)");
        }
        long runSeed = seed != null ? seed : suiteSpec != null && suiteSpec.options().get("seed") != null
                ? ((Number) suiteSpec.options().get("seed")).longValue() : 0L;
        Integer runLimit = limit != null ? limit : suiteSpec != null && suiteSpec.options().get("limit") != null
                ? (Integer) suiteSpec.options().get("limit") : null;
        if (runLimit != null && runLimit < 1) {
            throw new Main.UsageError("--limit must be at least 1");
        }
        double allowed = parseMaxFailures(maxFailures);

        ModelCatalog modelCatalog = ModelCatalog.load(new ModelContext(dataDir));
        Map<String, ModelRuntime> opened = new LinkedHashMap<>();
        try {
            for (SuiteSpec.ModelEntry e : entries) {
                try {
                    opened.put(e.model(), modelCatalog.open(e.model()));
                } catch (ModelSpecException ex) {
                    throw new Main.UsageError(ex.getMessage());
                }
            }
            Path outDir = out != null ? out : Path.of("runs", (suiteSpec != null && tasks == null ? suiteSpec.name() : "run") + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            int cpus = Math.max(1, Runtime.getRuntime().availableProcessors());
            int t = threads != null ? Math.max(1, threads) : Math.min(4, cpus);
            Runner runner = new Runner(new Runner.Settings(t, t, runSeed, runLimit, Map.of()), System.err);
            List<Path> runDirs = new ArrayList<>();
            int failed = 0;
            int planned = 0;
            for (SuiteSpec.ModelEntry e : entries) {
                List<Task> forModel = loaded.values().stream().filter(task -> e.runsOn(task.id())).toList();
                if (forModel.isEmpty()) {
                    continue;
                }
                ModelRuntime model = opened.get(e.model());
                RunDirectory dir = new RunDirectory(outDir.resolve(slug(e.model())));
                System.err.printf("== %s on %d task(s) -> %s%n", model.info().id(), forModel.size(), dir.dir());
                Runner.Result result;
                try {
                    result = runner.run(model, forModel, dir);
                } catch (Runner.IdentityMismatch ex) {
                    throw new Main.UsageError(ex.getMessage());
                }
                failed += result.failed();
                planned += result.planned();
                runDirs.add(dir.dir());
            }
            Path report = writeReport(outDir, runDirs);
            stdout.println("Report: " + report.toAbsolutePath().normalize());
            double limitCount = allowed < 1 && maxFailures.contains(".") ? allowed * planned : allowed;
            if (failed > limitCount) {
                System.err.printf("%d of %d samples failed (allowed: %s); see the report's failed samples%n", failed, planned, maxFailures);
                return Main.FAILURES;
            }
            return Main.OK;
        } finally {
            opened.values().forEach(ModelRuntime::close);
        }
    }

    static Path writeReport(Path outDir, List<Path> runDirs) throws IOException {
        List<RunSummary> summaries = new ArrayList<>();
        for (Path d : runDirs) {
            summaries.add(RunSummary.read(d));
        }
        Path report = outDir.resolve("report.md");
        Files.createDirectories(outDir);
        Files.writeString(report, MarkdownReport.render(summaries), StandardCharsets.UTF_8);
        return report;
    }

    static double parseMaxFailures(String s) {
        try {
            double v = Double.parseDouble(s);
            if (v < 0 || (s.contains(".") && v > 1)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new Main.UsageError("--max-failures must be a count (5) or a fraction between 0 and 1 (0.01), not '" + s + "'");
        }
    }

    /** A folder name for a model spec. */
    static String slug(String spec) {
        String s = spec.replaceAll("^[a-z]+:(//)?", "").replaceAll("[^A-Za-z0-9._-]+", "_");
        if (s.length() > 60) {
            s = s.substring(s.length() - 60);
        }
        return s.isEmpty() ? "model" : s;
    }
}
