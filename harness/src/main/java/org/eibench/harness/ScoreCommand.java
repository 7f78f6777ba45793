package org.eibench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eibench.harness.run.PredictionsRuntime;
import org.eibench.harness.run.RunSettings;
import org.eibench.harness.run.Runner;
import org.eibench.tasks.Task;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Scores predictions made elsewhere: DIR/<sample id>.png (or DIR/<task id>/<sample id>.png with "
                + "several tasks).",
                "Produces the same run directory and summary.json as `run` (a missing file is a failed sample naming the path)."})
final class ScoreCommand extends ScoringCommand {

    @Option(names = "--task", required = true, paramLabel = "ID|FILE", split = ",", description = "task ids or task files")
    List<String> tasks;

    @Option(names = "--predictions", required = true, paramLabel = "DIR", description = "folder of predicted images")
    Path predictions;

    @Option(names = "--out", required = true, paramLabel = "RUN", description = "run directory to write (resumed when it holds the same run)")
    Path out;

    @Option(names = "--limit", paramLabel = "N", description = "at most N samples per task (the same seeded subset as `run --limit`)")
    Integer limit;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "seed of the --limit subset; default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "threads for reading and for scoring (default: 4, or the number of cores when fewer)")
    Integer threads;

    @Option(names = "--copy-predictions", description = "keep copies of the prediction files in the run directory "
            + "(default: hard links where the file system allows, no bytes written; a file rewritten in place later "
            + "changes the run's link with it, which rescore detects by its recorded SHA-256)")
    boolean copyPredictions;

    @Option(names = "--force-new", description = "when --out holds a different run, start over in a fresh sibling directory")
    boolean forceNew;

    @CommandLine.Mixin
    MaxFailuresOption maxFailures = new MaxFailuresOption();

    @Override
    Integer callWith() throws IOException {
        if (!Files.isDirectory(predictions)) {
            throw new Main.UsageError("--predictions " + predictions + " is not a folder");
        }
        checkLimit(limit);
        maxFailures.validate();
        List<Task> loaded = tasks(catalog(), tasks);
        Runs.checkOutFolder(out, "--out");
        Runs.checkData(loaded);
        Runner runner = new Runner(RunSettings.builder().threads(threads, threads).seed(seed).subsetSeed(seed).limit(limit)
                .copyPredictions(copyPredictions).build(), System.err);
        PredictionsRuntime model = new PredictionsRuntime(predictions, PredictionsRuntime.folderInfo(predictions));
        Runner.Result result;
        try (InterruptNotice notice = new InterruptNotice(System.err, RunCommand.resumeHint(out))) {
            result = Runs.execute(runner, model, loaded, out, forceNew, System.err);
        }
        return Runs.finish(spec.commandLine().getOut(), result, model.info().id(), maxFailures);
    }
}
