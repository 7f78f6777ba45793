package org.eibench.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import org.eibench.harness.run.CachingRuntime;
import org.eibench.harness.run.Compare;
import org.eibench.harness.run.Engine;
import org.eibench.harness.run.Json;
import org.eibench.harness.run.Plan;
import org.eibench.harness.run.PredictionCache;
import org.eibench.harness.run.RunDirectory;
import org.eibench.harness.run.PredictionPng;
import org.eibench.harness.run.RunSettings;
import org.eibench.harness.run.Runner;
import org.eibench.harness.run.SeedSummary;
import org.eibench.reports.MarkdownReport;
import org.eibench.reports.Reports;
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
final class RunCommand extends ScoringCommand {

    @Option(names = "--suite", paramLabel = "NAME|FILE", description = "a built-in suite or a suite file (default: quick)")
    String suite;

    @Option(names = "--task", paramLabel = "ID|FILE", split = ",", description = "task ids or task files (instead of the suite's tasks)")
    List<String> tasks;

    // A comma followed by key= belongs to the spec (nlm,sigma=15); the synopsis shows the plain comma, not the regex.
    @Option(names = "--model", paramLabel = "SPEC", split = ",(?![a-z_]+=)", splitSynopsisLabel = ",",
            description = "model specs, each run on every selected task (default: the suite's models); see `eibench models list`")
    List<String> models;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: runs/<suite>-<time>)")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "seed for sampling models and for the --limit subset (default: the suite's, else 0)")
    Long seed;

    @Option(names = "--seeds", paramLabel = "S", split = ",",
            description = "run sampling models once per seed (each in seed-<s>/); summary.json reports the mean and spread across seeds. The --limit subset stays that of --seed")
    List<Long> seeds;

    @Option(names = "--limit", paramLabel = "N", description = "at most N samples per task: a seeded subset, stratified by category when samples have one, the same for every model")
    Integer limit;

    @Option(names = "--shard", paramLabel = "i/N", description = "run only shard i of N (0-based, by a hash of the sample id); combine with `eibench merge`")
    String shard;

    @Option(names = "--threads", paramLabel = "N", description = "threads for reading and for scoring (default: 4, or the number of cores when fewer)")
    Integer threads;

    @Option(names = "--score-threads", paramLabel = "N", description = "threads for decoding + scoring + writing (default: --threads); scoring usually costs more CPU than reading")
    Integer scoreThreads;

    @Option(names = "--batch-size", paramLabel = "N", description = "largest batch sent to the model (default and upper bound: the model's own)")
    Integer batchSize;

    @Option(names = "--force-new", description = "when --out holds a different run, start over in a fresh sibling directory (printed) instead of refusing")
    boolean forceNew;

    @CommandLine.Mixin
    CacheOption cache = new CacheOption();

    static final int DEFAULT_CACHE_MAX_MB = 1024;

    @Option(names = "--cache-max-mb", paramLabel = "N", defaultValue = "" + DEFAULT_CACHE_MAX_MB,
            description = "size cap of the prediction cache: at the end of the run the least recently used entries "
                    + "beyond it are removed (default: ${DEFAULT-VALUE})")
    long cacheMaxMb;

    @Option(names = "--prediction-png", paramLabel = "small|fast", defaultValue = "small",
            converter = PredictionPngConverter.class,
            description = "how predictions/*.png are compressed: small (zlib, as cv2.imwrite; default) or fast (stored: "
                    + "about 10x faster to write, 2-2.5x the disk for photographs, far more for label maps); same pixels")
    PredictionPng.Compression predictionPng;

    /** Lower-case names on the command line. */
    static final class PredictionPngConverter implements CommandLine.ITypeConverter<PredictionPng.Compression> {
        @Override
        public PredictionPng.Compression convert(String value) {
            try {
                return PredictionPng.Compression.valueOf(value.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected small or fast, got '" + value + "'");
            }
        }
    }

    @Option(names = "--no-cache", description = "neither read nor fill the prediction cache")
    boolean noCache;

    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = "local",
            description = "where samples run: this process (local; default) or Spark executors (spark; docs/cluster.md); "
                    + "the run directory is written here either way")
    String engine;

    @Option(names = "--spark-master", paramLabel = "URL",
            description = "with --engine spark: local[N] (embedded, the default: local[*]), spark://HOST:PORT, yarn or k8s://URL")
    String sparkMaster;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE",
            description = "with --engine spark: a Spark setting, e.g. spark.executor.resource.gpu.amount=1 (repeatable)")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @CommandLine.Mixin
    MaxFailuresOption maxFailures = new MaxFailuresOption();

    @Override
    Integer callWith() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintStream err = System.err;
        Path dataDir = data.resolve();
        TaskCatalog catalog = catalog();
        SuiteSpec suiteSpec = null;
        try {
            if (suite != null || tasks == null) {
                suiteSpec = catalog.suite(suite == null ? "quick" : suite);
            }
        } catch (SpecException e) {
            throw new Main.UsageError(e.getMessage());
        }
        Map<String, Task> loaded = new LinkedHashMap<>();
        List<String> taskIds = tasks != null ? tasks : suiteSpec.tasks().stream()
                .map(id -> suite == null || catalog.suiteNames().contains(suite) ? id
                        : TasksCommand.Validate.resolveSibling(Path.of(suite), id))
                .toList();
        tasks(catalog, taskIds).forEach(t -> loaded.put(t.id(), t));
        EvaluatorOption.notes(loaded.values()).forEach(err::println);
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
        checkLimit(runLimit);
        if (cacheMaxMb < 0) {
            throw new Main.UsageError("--cache-max-mb must be 0 or more");
        }
        if (batchSize != null && batchSize < 1) {
            throw new Main.UsageError("--batch-size must be at least 1");
        }
        if (seeds != null && (seeds.isEmpty() || seeds.stream().distinct().count() != seeds.size())) {
            throw new Main.UsageError("--seeds must list distinct seeds, e.g. 0,1,2");
        }
        Plan.Shard runShard;
        try {
            runShard = shard == null ? null : Plan.Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError(e.getMessage());
        }
        maxFailures.validate();
        Runs.checkOutFolder(out, "--out");
        Runs.checkData(List.copyOf(loaded.values()));

        ModelCatalog modelCatalog = ModelCatalog.load(new ModelContext(dataDir));
        Map<String, ModelRuntime> opened = new LinkedHashMap<>();
        try (Engine cluster = engine(dataDir, taskIds)) {
            for (SuiteSpec.ModelEntry e : entries) {
                try {
                    opened.put(e.model(), modelCatalog.open(e.model()));
                } catch (ModelSpecException ex) {
                    throw new Main.UsageError(ex.getMessage());
                }
            }
            Path outDir = out != null ? out : Path.of("runs", (suiteSpec != null && tasks == null ? suiteFolderName(suiteSpec) : "run") + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            Path cacheDir = noCache ? null : cache.resolve();
            RunSettings settings = RunSettings.builder().threads(threads, scoreThreads != null ? scoreThreads : threads)
                    .batchSize(batchSize).seed(runSeed).subsetSeed(runSeed).limit(runLimit).shard(runShard)
                    .predictionPng(predictionPng).build();
            List<Path> runDirs = new ArrayList<>();
            int failed = 0;
            int planned = 0;
            List<Runnable> failureReports = new ArrayList<>(); // printed at the very end, after progress output
            Map<String, String> folders = folders(entries, opened);
            try (InterruptNotice notice = new InterruptNotice(err, resumeHint(outDir))) {
                for (SuiteSpec.ModelEntry e : entries) {
                    List<Task> forModel = loaded.values().stream().filter(task -> e.runsOn(task.id())).toList();
                    if (forModel.isEmpty()) {
                        continue;
                    }
                    ModelRuntime model = CachingRuntime.wrap(opened.get(e.model()), cacheDir);
                    Path dir = outDir.resolve(folders.get(e.model()));
                    List<Long> runSeeds = seeds != null ? seeds : List.of(runSeed);
                    List<Path> seedDirs = new ArrayList<>();
                    for (long s : runSeeds) {
                        Path d = seeds != null ? dir.resolve("seed-" + s) : dir;
                        err.printf("== %s on %d task(s)%s -> %s%n", model.info().id(), forModel.size(),
                                seeds != null ? " (seed " + s + ")" : "", d.toAbsolutePath().normalize());
                        Runner runner = new Runner(settings.toBuilder().seed(s).build(), err,
                                cluster == null ? null : cluster.remote(e.model()));
                        Runner.Result result = Runs.execute(runner, model, forModel, d, forceNew, err);
                        failed += result.failed();
                        planned += result.planned();
                        seedDirs.add(result.dir().dir());
                        if (!result.failures().isEmpty()) {
                            String label = model.info().id() + (seeds != null ? " (seed " + s + ")" : "");
                            failureReports.add(() -> Runs.printFailures(err, label, result.failures(), 50));
                        }
                        if (seeds == null) {
                            dir = result.dir().dir();
                        }
                    }
                    if (seeds != null) {
                        RunDirectory top = new RunDirectory(dir);
                        top.writeAtomically(top.summaryJson(), Json.PRETTY.writeValueAsBytes(SeedSummary.aggregate(runSeeds, seedDirs)));
                    }
                    if (model instanceof CachingRuntime c && c.hits() > 0) {
                        err.printf("prediction cache: %d hit(s), %d miss(es) (%s)%n", c.hits(), c.misses(), cacheDir);
                    }
                    runDirs.add(dir);
                }
            }
            trimCache(cacheDir, err);
            List<Path> reported = reportedRuns(outDir, runDirs);
            Path report = writeReport(outDir, reported);
            stdout.println("Report: " + report.toAbsolutePath().normalize());
            stdout.println("HTML report: " + Reports.write(reported, outDir.resolve("report"), Compare.forReports(() -> catalog))
                    .toAbsolutePath().normalize());
            failureReports.forEach(Runnable::run);
            return maxFailures.exitCode(failed, planned, err);
        } finally {
            opened.values().forEach(ModelRuntime::close);
        }
    }

    /** A suite's part of the default output folder: its name, or its file's name without .suite.yaml, file-safe. */
    static String suiteFolderName(SuiteSpec s) {
        Path name = Path.of(s.name()).getFileName();
        return slug(name == null ? s.name() : name.toString().replaceFirst("\\.suite\\.ya?ml$", "").replaceFirst("\\.ya?ml$", ""));
    }

    /** What to run to resume a run or score into {@code out} that was cut short. */
    static String resumeHint(Path out) {
        return "to resume, run the same command again with --out " + out.toAbsolutePath().normalize();
    }

    /**
     * The --engine other than local, started, or null for local. Workers rebuild tasks from the same ids, and task
     * files from absolute paths (a worker's working folder is not this one).
     */
    private Engine engine(Path dataDir, List<String> taskSources) throws IOException {
        if ("local".equals(engine)) {
            if (sparkMaster != null || !sparkConf.isEmpty()) {
                throw new Main.UsageError("--spark-master and --spark-conf need --engine spark");
            }
            return null;
        }
        Engine found = null;
        for (Engine e : ServiceLoader.load(Engine.class)) {
            if (e.name().equals(engine)) {
                found = e;
            }
        }
        if (found == null) {
            throw new Main.UsageError("--engine " + engine + ": no such engine on the class path (local is built in; "
                    + "spark comes from the spark module, which ./eibench adds when it sees --engine spark)");
        }
        Map<String, String> conf = new LinkedHashMap<>(sparkConf);
        if (sparkMaster != null) {
            conf.put("spark.master", sparkMaster);
        }
        List<String> sources = taskSources.stream()
                .map(t -> Files.isRegularFile(Path.of(t)) ? Path.of(t).toAbsolutePath().normalize().toString() : t)
                .toList();
        Map<String, Path> roots = new LinkedHashMap<>();
        data.roots.forEach((k, v) -> roots.put(k, v.toAbsolutePath().normalize()));
        Map<String, Path> nets = new LinkedHashMap<>();
        evaluators.paths.forEach((k, v) -> nets.put(k, v.toAbsolutePath().normalize()));
        found.start(new Engine.Setup(dataDir, roots, nets, sources, conf));
        return found;
    }

    /** Keeps the cache under --cache-max-mb; says what went. */
    private void trimCache(Path cacheDir, PrintStream err) throws IOException {
        if (cacheDir == null) {
            return;
        }
        PredictionCache.Usage removed = PredictionCache.trim(cacheDir, cacheMaxMb * 1024 * 1024);
        if (removed.entries() > 0) {
            err.printf("prediction cache: removed the %d least recently used entries (%s) to stay under --cache-max-mb %d (%s)%n",
                    removed.entries(), CacheCommand.megabytes(removed.bytes()), cacheMaxMb, cacheDir);
        }
    }

    /**
     * The runs the report covers: every run directory under {@code outDir}, so that models run one at a time into one
     * --out share one report. Earlier runs come first, in the order they finished; then this command's, in its order.
     */
    static List<Path> reportedRuns(Path outDir, List<Path> runDirs) throws IOException {
        Set<Path> now = new HashSet<>();
        runDirs.forEach(d -> now.add(d.toAbsolutePath().normalize()));
        List<Path> all = new ArrayList<>();
        for (Path d : Reports.runDirectories(outDir)) {
            if (!now.contains(d.toAbsolutePath().normalize())) {
                all.add(d);
            }
        }
        all.addAll(runDirs);
        return all;
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

    /**
     * Each model's run folder: the model card's id for {@code onnx:PATH} (the file name is no name: a path such as
     * {@code ../ckpt/new.onnx} would become {@code .._ckpt_new.onnx}), else the spec made file-safe (which keeps
     * {@code nlm,sigma=15} and {@code nlm,sigma=25} apart). Two models that would share a folder get {@code -2}, ...
     */
    static Map<String, String> folders(List<SuiteSpec.ModelEntry> entries, Map<String, ModelRuntime> opened) {
        Map<String, String> out = new LinkedHashMap<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (SuiteSpec.ModelEntry e : entries) {
            if (out.containsKey(e.model())) {
                continue;
            }
            String name = e.model().strip().startsWith("onnx:") ? slug(opened.get(e.model()).info().id()) : slug(e.model());
            String unique = name;
            for (int k = 2; !used.add(unique); k++) {
                unique = name + "-" + k;
            }
            out.put(e.model(), unique);
        }
        return out;
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
