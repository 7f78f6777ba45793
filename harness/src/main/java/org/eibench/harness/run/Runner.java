package org.eibench.harness.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eibench.runtime.ModelInfo;
import org.eibench.runtime.ModelRuntime;
import org.eibench.tasks.Task;
import org.eibench.tasks.data.SampleRef;

/**
 * Runs one model over a list of tasks into one run directory: checks that the directory holds nothing or the same
 * run ({@link RunManifest}), runs the planned samples it does not hold yet through one {@link Pipeline} over all
 * tasks, each sample scored by a {@link SampleScorer}, and writes summary.json. Samples already recorded in the
 * directory under the same identity are kept (resume).
 */
public final class Runner {

    /** A runtime that needs to know the task (e.g. predictions stored per task folder). */
    public interface PerTask {
        ModelRuntime forTask(Task task) throws IOException;
    }

    /**
     * A runtime whose outputs already exist as files (a predictions folder): the pipeline reads each in its loader
     * pool, beside the sample, instead of asking for it through a {@link org.eibench.runtime.Request}, whose input
     * image it would have to load for nothing.
     */
    public interface Stored {
        /** The output for a sample, or a failure naming the file. */
        org.eibench.runtime.Output read(String sampleId);
    }

    /** A failed sample, for the list printed at the end of a run. */
    public record Failure(String taskId, String sampleId, String stage, String reason) {
    }

    /** Per task: planned samples, finished ok and failed (including those kept from an earlier run), run now. */
    public record TaskOutcome(String taskId, int planned, int ok, int failed, int fresh) {
    }

    public record Result(RunDirectory dir, List<TaskOutcome> tasks, RunIdentity identity, List<Failure> failures,
                         double seconds) {
        public int failed() {
            return tasks.stream().mapToInt(TaskOutcome::failed).sum();
        }

        public int planned() {
            return tasks.stream().mapToInt(TaskOutcome::planned).sum();
        }

        public int fresh() {
            return tasks.stream().mapToInt(TaskOutcome::fresh).sum();
        }
    }

    /** A refusal of what the user asked for, before any sample ran: the CLI reports it with exit code 2. */
    public abstract static sealed class Refused extends Exception permits IdentityMismatch, DataUnreadable {
        private static final long serialVersionUID = 1L;

        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An existing run directory holds a run of something else (other code, data, task specs, model or settings). */
    public static final class IdentityMismatch extends Refused {
        private static final long serialVersionUID = 1L;
        private final transient Path dir;
        private final List<String> differences;

        IdentityMismatch(Path dir, List<String> diffs) {
            super(dir + " holds a different run; refusing to mix results. Differences:\n  " + String.join("\n  ", diffs)
                    + "\nUse another --out directory, add --force-new to start over in a fresh sibling directory,"
                    + " or delete this one.", null);
            this.dir = dir;
            this.differences = List.copyOf(diffs);
        }

        public Path dir() {
            return dir;
        }

        public List<String> differences() {
            return differences;
        }
    }

    /** A task's data cannot be listed (a folder missing, a path escaping its dataset root, a broken manifest). */
    public static final class DataUnreadable extends Refused {
        private static final long serialVersionUID = 1L;

        DataUnreadable(String task, IOException cause) {
            super("task " + task + ": " + cause.getMessage(), cause);
        }
    }

    /**
     * Runs a run's samples somewhere else than this JVM's pipeline (a cluster engine, the spark module): every sample
     * of {@code todo} ends as a line in the directory's samples file, with its prediction files beside it, as
     * {@link #runSamples} writes them; a sample that cannot run is a failed line, as locally.
     */
    @FunctionalInterface
    public interface Remote {
        /**
         * @param todo task id -> the planned samples the directory does not hold yet (possibly none)
         * @return the pooled statistics of the ok samples of {@code todo} (per task and metric, keyed by sample id),
         *         as the remote combined them: the summary's values come from them plus the samples recorded before,
         *         and must equal the lines'; or null to have the summary add up the lines
         */
        PooledStats run(RunSettings settings, List<Task> tasks, Map<String, List<SampleRef>> todo, RunDirectory dir)
                throws IOException;
    }

    private final RunSettings settings;
    private final PrintStream log;
    private final Remote remote;

    public Runner(RunSettings settings, PrintStream log) {
        this(settings, log, null);
    }

    /** @param remote where the samples run, or null for this JVM's pipeline */
    public Runner(RunSettings settings, PrintStream log, Remote remote) {
        this.settings = settings;
        this.log = log;
        this.remote = remote;
    }

    public RunSettings settings() {
        return settings;
    }

    /** Each task's full sample list, in task order. */
    public static Map<String, List<SampleRef>> samples(List<Task> tasks) throws DataUnreadable {
        Map<String, List<SampleRef>> all = new LinkedHashMap<>();
        for (Task t : tasks) {
            try {
                all.put(t.id(), t.samples());
            } catch (IOException e) {
                throw new DataUnreadable(t.id(), e);
            }
        }
        return all;
    }

    /**
     * Runs the given samples through this JVM's pipeline into {@code dir}: their lines in samples/TASK.jsonl and their
     * predictions, nothing else (no run.json, no summary). What a {@link Remote} runs on each of its workers, into a
     * scratch directory whose files it sends back.
     *
     * @param all  task id -> the task's full sample list (the sample indexes sent to the model come from it)
     * @param todo task id -> the samples to run
     */
    public void runSamples(ModelRuntime model, List<Task> tasks, Map<String, List<SampleRef>> all,
                           Map<String, List<SampleRef>> todo, RunDirectory dir) throws IOException {
        Map<String, Map<String, Integer>> indexes = new LinkedHashMap<>();
        all.forEach((id, refs) -> indexes.put(id, Requests.sampleIndexes(refs)));
        new Pipeline(settings, log, dir).run(model, tasks, todo, indexes);
    }

    public Result run(ModelRuntime model, List<Task> tasks, RunDirectory dir) throws IOException, Refused {
        // One writer per run directory: two processes resuming the same directory would run samples twice.
        try (RunDirectory.Lock lock = dir.lock()) {
            return runLocked(model, tasks, dir);
        }
    }

    private Result runLocked(ModelRuntime model, List<Task> tasks, RunDirectory dir) throws IOException, Refused {
        long t0 = System.nanoTime();
        ModelInfo info = model.info();
        RunManifest manifest = new RunManifest(settings);
        Map<String, List<SampleRef>> samples = samples(tasks);
        JsonNode stored = RunManifest.read(dir);
        RunIdentity identity = manifest.identity(tasks, info, samples, stored);
        Map<String, List<SampleRef>> plans = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> indexes = new LinkedHashMap<>();
        for (Task t : tasks) {
            List<SampleRef> all = samples.get(t.id());
            plans.put(t.id(), Plan.of(all, settings.subsetSeed(), settings.limit(), settings.shard()));
            indexes.put(t.id(), Requests.sampleIndexes(all));
        }
        manifest.check(dir, identity, stored);
        manifest.write(dir, tasks, info, identity, RunManifest.Status.RUNNING);

        Pipeline.Done done;
        if (remote == null) {
            done = new Pipeline(settings, log, dir).run(model, tasks, plans, indexes);
        } else {
            Map<String, List<SampleRef>> todo = new LinkedHashMap<>();
            for (Task t : tasks) {
                java.util.Set<String> finished = dir.finishedIds(t.id());
                todo.put(t.id(), plans.get(t.id()).stream().filter(r -> !finished.contains(r.id())).toList());
            }
            PooledStats ran = remote.run(settings, tasks, todo, dir);
            done = Pipeline.recorded(dir, tasks, plans, todo, ran);
        }
        ObjectNode summary = SummaryBuilder.assemble(identity, info, done.summaries());
        dir.writeAtomically(dir.summaryJson(), Json.PRETTY.writeValueAsBytes(summary));
        manifest.write(dir, tasks, info, identity, RunManifest.Status.FINISHED);
        return new Result(dir, done.outcomes(), identity, done.failures(), (System.nanoTime() - t0) / 1e9);
    }
}
