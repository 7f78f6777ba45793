package org.eibench.harness.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eibench.metrics.Stats;
import org.eibench.metrics.stats.Bootstrap;
import org.eibench.runtime.Capabilities;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;
import org.eibench.tasks.Sample;
import org.eibench.tasks.Task;
import org.eibench.tasks.data.SampleRef;

/**
 * One pipeline over every task of a run, in order, as bounded stages that overlap:
 * <ol>
 *   <li>read + decode: a loader pool works a bounded window ahead of the model, in plan order;</li>
 *   <li>inference: the calling thread sends batches to the model (one caller at a time, as the SPI asks);</li>
 *   <li>decode + score + write: a scorer pool, bounded by permits, runs the {@link SampleScorer} and appends the
 *       sample line (flushed per line, fsync'd in small batches).</li>
 * </ol>
 * At most {@code window + permits} samples are in memory (4 per loader, or 2 batches, plus 4 per scorer), whatever
 * the dataset's size. Tasks overlap at their boundaries: the loaders go on with the next task's samples while the last
 * samples of the previous task still score, so that no core idles while a task drains (on the quick suite the slower
 * stage alternates between loading and scoring from task to task, and draining each task before the next one
 * serialised the two). Memory stays bounded by the load window and the scoring permits, which are shared by all
 * tasks. Tasks are closed in order, each as soon as its last scorer finishes; only the oldest open task shows
 * progress, so a terminal has one bar at a time. A per-sample problem at any stage becomes a failed line, while a
 * broken run directory (an I/O error writing lines) or an Error aborts the run.
 */
final class Pipeline {

    /** What a pipeline leaves: per task its outcome and its part of summary.json, and the failed samples. */
    record Done(List<Runner.TaskOutcome> outcomes, List<Runner.Failure> failures, Map<String, ObjectNode> summaries) {
    }

    /**
     * A loaded sample or the reason it could not be loaded; with a {@link Runner.Stored} model, also its output, read
     * by a load of its own ({@link Pending#stored}) and attached when both are done.
     */
    record Loaded(SampleRef ref, Sample sample, String error, double ms, Output stored) {
        Loaded withStored(Output output) {
            return new Loaded(ref, sample, error, ms, output);
        }
    }

    /**
     * A load in flight and the task it belongs to; with a predictions folder, the prediction's read is a load of its
     * own (null otherwise), so that a sample's ground truth and prediction are decoded side by side.
     */
    private record Pending(TaskRun run, Future<Loaded> future, Future<Output> stored) {
    }

    /** One task's part of the run: its plan, writer, progress and the scorers it has in flight. */
    private static final class TaskRun {
        final Task task;
        final List<SampleRef> refs;
        final Map<String, Integer> sampleIndexes;
        /** The calling thread's party plus one per scorer in flight. */
        final Phaser pending = new Phaser(1);
        List<SampleRef> todo;
        int submitted;
        ModelRuntime model;
        int batchSize;
        RunDirectory.SampleWriter writer;
        Progress.Deferred progress;
        /** Every sample has been handed to the scorers (or recorded as failed). */
        boolean inferred;

        TaskRun(Task task, List<SampleRef> refs, Map<String, Integer> sampleIndexes) {
            this.task = task;
            this.refs = refs;
            this.sampleIndexes = sampleIndexes == null ? Map.of() : sampleIndexes;
        }
    }

    private final RunSettings settings;
    private final PrintStream log;
    private final RunDirectory dir;
    private final SampleScorer scorer;
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();
    private final Semaphore permits;
    private ExecutorService loaders;
    private ExecutorService scorers;
    private final Deque<TaskRun> open = new ArrayDeque<>();
    private final List<Runner.TaskOutcome> outcomes = new ArrayList<>();
    private final List<Runner.Failure> failures = new ArrayList<>();
    /** Each task's part of summary.json, made when the task closes, while later tasks still run. */
    private final Map<String, ObjectNode> summaries = new LinkedHashMap<>();
    private final SummaryBuilder summaryBuilder = new SummaryBuilder(Bootstrap.standard());

    Pipeline(RunSettings settings, PrintStream log, RunDirectory dir) {
        this.settings = settings;
        this.log = log;
        this.dir = dir;
        this.scorer = new SampleScorer(dir, settings.predictionPng(), !settings.copyPredictions());
        this.permits = new Semaphore(4 * settings.scoreThreads());
    }

    /**
     * Runs every task's planned samples that the run directory does not hold yet.
     *
     * @param plans   task id -> the samples to run (subset and shard applied)
     * @param indexes task id -> sample id -> position in the task's full sample list
     */
    Done run(ModelRuntime model, List<Task> tasks, Map<String, List<SampleRef>> plans,
             Map<String, Map<String, Integer>> indexes) throws IOException {
        loaders = Executors.newFixedThreadPool(settings.loaderThreads(), daemon("eibench-load"));
        scorers = Executors.newFixedThreadPool(settings.scoreThreads(), daemon("eibench-score"));
        try {
            runTasks(model, tasks, plans, indexes);
        } finally {
            loaders.shutdownNow();
            scorers.shutdownNow();
        }
        return new Done(outcomes, failures, summaries);
    }

    private void runTasks(ModelRuntime model, List<Task> tasks, Map<String, List<SampleRef>> plans,
                          Map<String, Map<String, Integer>> indexes) throws IOException {
        List<TaskRun> runs = new ArrayList<>();
        for (Task t : tasks) {
            runs.add(new TaskRun(t, plans.get(t.id()), indexes.get(t.id())));
        }
        Deque<Pending> ahead = new ArrayDeque<>();
        int nextRun = 0;
        TaskRun current = null;
        List<Loaded> batch = new ArrayList<>();
        try {
            while (fatal.get() == null) {
                // Loads run ahead of the model by a bounded window (enough to keep every loader busy and fill a
                // batch), across task boundaries.
                while (nextRun < runs.size() && (ahead.size() < window(runs.get(nextRun)) || runs.get(nextRun).todo == null)) {
                    TaskRun tr = runs.get(nextRun);
                    if (tr.todo == null) {
                        open(tr, model);
                    }
                    if (tr.submitted < tr.todo.size()) {
                        SampleRef ref = tr.todo.get(tr.submitted++);
                        Future<Output> stored = tr.model instanceof Runner.Stored st
                                ? loaders.submit(() -> st.read(ref.id())) : null;
                        ahead.add(new Pending(tr, loaders.submit(() -> load(tr.task, ref)), stored));
                    } else {
                        nextRun++;
                    }
                }
                Pending p = ahead.poll();
                if (p == null) {
                    break;
                }
                Loaded l = get(p.future());
                if (p.stored() != null) {
                    l = l.withStored(get(p.stored()));
                }
                if (p.run() != current) {
                    if (current != null) {
                        if (!batch.isEmpty()) {
                            infer(current, batch);
                            batch = new ArrayList<>();
                        }
                        current.inferred = true;
                    }
                    current = p.run();
                }
                if (l.error() != null) {
                    record(current, SampleRecord.failed(l.ref().id(), "load", l.error(), null), l.ref());
                } else {
                    batch.add(l);
                    if (batch.size() >= current.batchSize) {
                        infer(current, batch);
                        batch = new ArrayList<>();
                    }
                }
                closeFinished(false);
            }
            if (current != null && fatal.get() == null) {
                if (!batch.isEmpty()) {
                    infer(current, batch);
                }
                current.inferred = true;
            }
        } catch (IOException | RuntimeException | Error e) {
            // Close what is open without letting a second error hide the first.
            try {
                closeAll(ahead);
            } catch (IOException | RuntimeException second) {
                e.addSuppressed(second);
            }
            throw e;
        }
        closeAll(ahead);
        rethrow();
    }

    /**
     * Drops the loads still pending (there are some after a fatal error in a scorer), then waits for every open
     * task's scorers and closes it (its writer fsyncs).
     */
    private void closeAll(Deque<Pending> ahead) throws IOException {
        ahead.forEach(p -> {
            p.future().cancel(true);
            if (p.stored() != null) {
                p.stored().cancel(true);
            }
        });
        open.forEach(tr -> tr.inferred = true);
        closeFinished(true);
    }

    private int window(TaskRun tr) {
        return Math.max(2 * Math.max(1, tr.batchSize), 4 * settings.loaderThreads());
    }

    private void open(TaskRun tr, ModelRuntime model) throws IOException {
        Set<String> done = dir.finishedIds(tr.task.id());
        tr.todo = tr.refs.stream().filter(r -> !done.contains(r.id())).toList();
        tr.model = model instanceof Runner.PerTask p ? p.forTask(tr.task) : model;
        // Outputs read by the loaders (a predictions folder) go to the scorers one by one: batching them would only
        // hold loaded samples back (a larger load window and more samples in memory, 24 MB each for a 1 MP RGB pair).
        tr.batchSize = tr.model instanceof Runner.Stored ? 1
                : Math.max(1, settings.batchSize() == null ? tr.model.maxBatchSize()
                : Math.min(settings.batchSize(), Math.max(1, tr.model.maxBatchSize())));
        Files.createDirectories(dir.dir().resolve("predictions").resolve(tr.task.id()));
        int alreadyDone = tr.refs.size() - tr.todo.size();
        tr.progress = new Progress.Deferred(() -> Progress.open(log, tr.task.id(), tr.refs.size(), alreadyDone));
        tr.writer = dir.openWriter(tr.task.id());
        tr.inferred = tr.todo.isEmpty();
        if (open.isEmpty()) {
            tr.progress.show();
        }
        open.add(tr);
    }

    /**
     * Closes open tasks from the oldest on while they are finished: every sample handed over and no scorer in
     * flight ({@code block}: waits for the scorers, at the end of the run).
     */
    private void closeFinished(boolean block) throws IOException {
        IOException first = null;
        while (!open.isEmpty()) {
            TaskRun head = open.peek();
            if (!head.inferred || (!block && head.pending.getRegisteredParties() > 1)) {
                break;
            }
            open.poll();
            head.pending.arriveAndAwaitAdvance();
            try {
                head.writer.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
            head.progress.finish();
            if (!open.isEmpty()) {
                open.peek().progress.show();
            }
            if (first == null && fatal.get() == null) {
                outcomes.add(outcome(head));
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private Runner.TaskOutcome outcome(TaskRun tr) throws IOException {
        // The lines the samples file holds: kept by the writer when it wrote them all, else read from the file.
        Map<String, SampleRecord> lines = tr.writer.samples();
        return outcome(tr.task, lines != null ? lines : dir.readSamples(tr.task.id()), tr.refs, tr.todo.size(),
                summaryBuilder, summaries, failures, null);
    }

    /** @param pooled metric key -> the ok samples' statistics as combined elsewhere, or null to add up the lines */
    private static Runner.TaskOutcome outcome(Task task, Map<String, SampleRecord> all, List<SampleRef> refs, int fresh,
                                              SummaryBuilder summaryBuilder, Map<String, ObjectNode> summaries,
                                              List<Runner.Failure> failures, Map<String, Stats.Accumulator> pooled) {
        summaries.put(task.id(), summaryBuilder.task(task, all, refs.stream().map(SampleRef::id).toList(), pooled));
        int ok = 0;
        int failed = 0;
        for (SampleRef r : refs) {
            SampleRecord rec = all.get(r.id());
            if (rec != null && rec.ok()) {
                ok++;
            } else if (rec != null) {
                failed++;
                failures.add(new Runner.Failure(task.id(), rec.id(), rec.stage(), rec.reason()));
            }
        }
        return new Runner.TaskOutcome(task.id(), refs.size(), ok, failed, fresh);
    }

    /**
     * What a pipeline would leave, for samples that ran elsewhere ({@link Runner.Remote}) and are in {@code dir}.
     *
     * @param fresh task id -> the samples that ran elsewhere now
     * @param ran   the pooled statistics of those samples as the remote combined them, or null to add up the lines;
     *              the samples of the plan that an earlier run recorded are added to them here, from their lines
     */
    static Done recorded(RunDirectory dir, List<Task> tasks, Map<String, List<SampleRef>> plans,
                         Map<String, List<SampleRef>> fresh, PooledStats ran) throws IOException {
        SummaryBuilder builder = new SummaryBuilder(Bootstrap.standard());
        List<Runner.TaskOutcome> outcomes = new ArrayList<>();
        List<Runner.Failure> failures = new ArrayList<>();
        Map<String, ObjectNode> summaries = new LinkedHashMap<>();
        for (Task t : tasks) {
            List<SampleRef> plan = plans.get(t.id());
            List<SampleRef> now = fresh.get(t.id());
            Map<String, SampleRecord> all = dir.readSamples(t.id());
            Map<String, Stats.Accumulator> pooled = null;
            if (ran != null) {
                Set<String> ranNow = new java.util.HashSet<>();
                now.forEach(r -> ranNow.add(r.id()));
                PooledStats earlier = new PooledStats();
                for (SampleRef r : plan) {
                    SampleRecord rec = all.get(r.id());
                    if (rec != null && !ranNow.contains(r.id())) {
                        earlier.add(t, rec);
                    }
                }
                pooled = earlier.merge(t.id(), ran).task(t.id());
            }
            outcomes.add(outcome(t, all, plan, now.size(), builder, summaries, failures, pooled));
        }
        return new Done(outcomes, failures, summaries);
    }

    /** A failure before scoring (load, model), with where the sample came from. */
    private void record(TaskRun tr, SampleRecord failed, SampleRef ref) {
        append(tr, failed.withSource(SampleRecord.Source.of(tr.task, ref)));
    }

    /** Appends a sample's line and counts it; an I/O error here is fatal (the run directory is broken). */
    private void append(TaskRun tr, SampleRecord rec) {
        try {
            tr.writer.append(rec);
            tr.progress.step(rec.ok());
        } catch (IOException | RuntimeException e) {
            fatal.compareAndSet(null, e);
        }
    }

    private void rethrow() throws IOException {
        Throwable t = fatal.get();
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IOException("run aborted: " + t, t);
        }
    }

    private void infer(TaskRun tr, List<Loaded> batch) {
        if (batch.get(0).stored() != null) {
            // Outputs read by the loaders (a predictions folder): nothing to ask the model.
            for (Loaded l : batch) {
                Output out = l.stored();
                double ms = out instanceof Output.Generated g ? g.nanos() / 1e6
                        : out instanceof Output.Labels lb ? lb.nanos() / 1e6 : 0;
                score(tr, l, out, ms);
            }
            return;
        }
        List<Request> requests = new ArrayList<>(batch.size());
        List<Loaded> asked = new ArrayList<>(batch.size());
        Capabilities caps = tr.model.info().capabilities();
        for (Loaded l : batch) {
            Sample s = l.sample();
            try {
                requests.add(Requests.of(s, caps, settings.seed(), Requests.params(settings.generationParams(),
                        tr.sampleIndexes.get(s.id()))));
                asked.add(l);
            } catch (Sample.Unreadable e) {
                // The input (or the reference) is read on first use: here, for a model.
                record(tr, SampleRecord.failed(l.ref().id(), "load", e.getMessage(), s.instruction()), l.ref());
            }
        }
        if (asked.isEmpty()) {
            return;
        }
        batch = asked;
        long t = System.nanoTime();
        List<Output> outputs;
        try {
            outputs = tr.model.generate(requests);
            if (outputs == null || outputs.size() != requests.size()) {
                throw new IllegalStateException("model returned " + (outputs == null ? "null" : outputs.size())
                        + " outputs for " + requests.size() + " requests");
            }
            for (int i = 0; i < outputs.size(); i++) {
                if (outputs.get(i) == null || !requests.get(i).id().equals(outputs.get(i).id())) {
                    throw new IllegalStateException("model returned outputs out of order (expected " + requests.get(i).id()
                            + " at position " + i + ")");
                }
            }
        } catch (RuntimeException e) {
            String reason = "model error: " + (e.getMessage() == null ? e.toString() : e.getMessage());
            outputs = requests.stream().<Output>map(r -> new Output.Failed(r.id(), reason)).toList();
        }
        double modelMs = ms(t) / batch.size();
        for (int i = 0; i < batch.size(); i++) {
            score(tr, batch.get(i), outputs.get(i), modelMs);
        }
    }

    /** Hands one output to the scorer pool (a failed output is recorded at once). */
    private void score(TaskRun tr, Loaded l, Output out, double modelMs) {
        if (out instanceof Output.Failed f) {
            record(tr, SampleRecord.failed(l.ref().id(), "model", f.reason(), l.sample().instruction()), l.ref());
            return;
        }
        Output.Labels labels = out instanceof Output.Labels lb ? lb : null;
        Output.Generated image = labels == null ? (Output.Generated) out : null;
        Map<String, Object> meta = labels != null ? labels.meta() : image.meta();
        byte[] sourcePng = meta.get(Output.SOURCE_PNG) instanceof byte[] b ? b : null;
        int sourceBits = sourcePng != null && meta.get(Output.SOURCE_BIT_DEPTH) instanceof Integer b ? b : 0;
        Path sourceFile = sourcePng != null && meta.get(Output.SOURCE_FILE) instanceof Path f ? f : null;
        SampleScorer.Source source = new SampleScorer.Source(sourcePng, sourceBits, sourceFile);
        permits.acquireUninterruptibly();
        tr.pending.register();
        try {
            scorers.execute(() -> {
                try {
                    append(tr, labels != null
                            ? scorer.scoreLabels(tr.task, l.ref(), l.sample(), labels.labels(), source, l.ms(), modelMs)
                            : scorer.score(tr.task, l.ref(), l.sample(), image.image(), source, l.ms(), modelMs));
                } catch (Throwable e) {
                    fatal.compareAndSet(null, e);
                } finally {
                    permits.release();
                    tr.pending.arriveAndDeregister();
                }
            });
        } catch (RuntimeException e) {
            permits.release();
            tr.pending.arriveAndDeregister();
            fatal.compareAndSet(null, e);
        }
    }

    private static <T> T get(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            // load() turns every Exception into a failed sample; only an Error (e.g. out of memory) gets here.
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IOException("loader crashed: " + e.getCause(), e.getCause());
        }
    }

    static Loaded load(Task task, SampleRef ref) {
        long t = System.nanoTime();
        Sample sample;
        try {
            sample = task.load(ref);
        } catch (Exception e) {
            return new Loaded(ref, null, e.getMessage() == null ? e.toString() : e.getMessage(), ms(t), null);
        }
        return new Loaded(ref, sample, null, ms(t), null);
    }

    static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
