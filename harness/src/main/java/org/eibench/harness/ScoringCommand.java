package org.eibench.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import org.eibench.harness.run.RunFiles;
import org.eibench.tasks.Task;
import org.eibench.tasks.TaskCatalog;
import org.eibench.tasks.spec.SpecException;
import picocli.CommandLine;

/**
 * What the commands that load tasks to score with share (run, score, rescore, merge, compare): where the data is,
 * the scoring networks (opened once, closed when the command ends), and loading tasks with every problem reported as
 * a usage error.
 */
abstract class ScoringCommand extends CatalogCommand implements Callable<Integer> {

    /** The networks of FD/KD and LPIPS; merge and compare need the runs' own (their finish uses the same metrics). */
    @CommandLine.Mixin
    EvaluatorOption evaluators = new EvaluatorOption();

    @Override
    public final Integer call() throws IOException {
        try (EvaluatorOption scoring = evaluators) {
            return callWith();
        }
    }

    /** The command itself; the scoring networks stay open until it returns. */
    abstract Integer callWith() throws IOException;

    /** The task catalog over --data and --data-root, with the --evaluator networks. */
    TaskCatalog catalog() {
        return evaluators.apply(data.catalog());
    }

    /** Tasks by id or file, in order; a usage error listing every one that cannot be loaded. */
    static List<Task> tasks(TaskCatalog catalog, List<String> ids) {
        List<Task> loaded = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String id : ids) {
            try {
                loaded.add(catalog.task(id));
            } catch (SpecException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new Main.UsageError(String.join("\n", problems));
        }
        return loaded;
    }

    /** A run directory's run.json; a usage error when there is none. */
    static JsonNode runJson(Path run) {
        try {
            return RunFiles.runJson(run);
        } catch (IOException e) {
            throw new Main.UsageError(e.getMessage());
        }
    }

    /** The tasks a run.json names, with their current specs; a usage error when one cannot be loaded. */
    List<Task> tasksOf(JsonNode runJson) {
        try {
            return RunFiles.tasks(runJson, catalog());
        } catch (SpecException e) {
            throw new Main.UsageError(e.getMessage());
        }
    }

    /** --limit as run and score check it. */
    static void checkLimit(Integer limit) {
        if (limit != null && limit < 1) {
            throw new Main.UsageError("--limit must be at least 1");
        }
    }
}
