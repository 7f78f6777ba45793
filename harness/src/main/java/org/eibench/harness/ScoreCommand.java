package org.eibench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.eibench.harness.run.Plan;
import org.eibench.harness.run.PredictionsRuntime;
import org.eibench.harness.run.Runner;
import org.eibench.tasks.Task;
import org.eibench.tasks.TaskCatalog;
import org.eibench.tasks.spec.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Scores predictions made elsewhere: DIR/<sample id>.png (or DIR/<task id>/<sample id>.png with several tasks).",
                "Produces the same run directory and summary.json as `run` (a missing file is a failed sample naming the path)."})
final class ScoreCommand implements Callable<Integer> {

    @Option(names = "--task", required = true, paramLabel = "ID|FILE", split = ",", description = "task ids or task files")
    List<String> tasks;

    @Option(names = "--predictions", required = true, paramLabel = "DIR", description = "folder of predicted images")
    Path predictions;

    @Option(names = "--out", required = true, paramLabel = "RUN", description = "run directory to write (resumed when it holds the same run)")
    Path out;

    @Option(names = "--limit", paramLabel = "N", description = "at most N samples per task (the same seeded subset as `run --limit`)")
    Integer limit;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the --limit subset; default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "threads for reading and for scoring (default: min(4, cores))")
    Integer threads;

    @Option(names = "--force-new", description = "when --out holds a different run, start over in a fresh sibling directory")
    boolean forceNew;

    @CommandLine.Mixin
    MaxFailuresOption maxFailures = new MaxFailuresOption();

    @CommandLine.Mixin
    DataOption data = new DataOption();

    @CommandLine.Mixin
    EvaluatorOption evaluators = new EvaluatorOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (EvaluatorOption scoring = evaluators) {
            return scoreAll();
        }
    }

    private Integer scoreAll() throws IOException {
        if (!Files.isDirectory(predictions)) {
            throw new Main.UsageError("--predictions " + predictions + " is not a folder");
        }
        if (limit != null && limit < 1) {
            throw new Main.UsageError("--limit must be at least 1");
        }
        maxFailures.validate();
        TaskCatalog catalog = evaluators.apply(data.catalog());
        List<Task> loaded = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String id : tasks) {
            try {
                loaded.add(catalog.task(id));
            } catch (SpecException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new Main.UsageError(String.join("\n", problems));
        }
        Runs.checkOutFolder(out, "--out");
        Runs.checkData(loaded);
        int t = threads != null ? Math.max(1, threads) : Math.min(4, Math.max(1, Runtime.getRuntime().availableProcessors()));
        Runner runner = new Runner(new Runner.Settings(t, t, null, seed, seed, limit, (Plan.Shard) null, Map.of()), System.err);
        PredictionsRuntime model = new PredictionsRuntime(predictions, PredictionsRuntime.folderInfo(predictions));
        Runner.Result result = Runs.execute(runner, model, loaded, out, forceNew, System.err);
        spec.commandLine().getOut().println("Summary: " + result.dir().summaryJson());
        Runs.printFailures(System.err, model.info().id(), result.failures(), 50);
        return maxFailures.exitCode(result.failed(), result.planned(), System.err);
    }
}
