package org.eibench.harness.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eibench.metrics.FloatImage;
import org.eibench.metrics.LabelMap;
import org.eibench.metrics.Metric;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.Stats;
import org.eibench.metrics.stats.Bootstrap;
import org.eibench.runtime.Capabilities;
import org.eibench.runtime.ModelInfo;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;
import org.eibench.tasks.Sample;
import org.eibench.tasks.Task;
import org.eibench.tasks.data.SampleRef;

/**
 * Runs one model over a list of tasks into one run directory, as a pipeline of bounded stages that overlap:
 * <ol>
 *   <li>read + decode: a loader pool works a bounded window ahead of the model, in plan order;</li>
 *   <li>inference: the calling thread sends batches to the model (one caller at a time, as the SPI asks);</li>
 *   <li>decode + score + write: a scorer pool, bounded by permits, quantises, decodes, scores, saves the PNG and
 *       appends the sample line (flushed per line, fsync'd in small batches).</li>
 * </ol>
 * One pipeline spans all tasks (see {@code Pipeline}). At most {@code window + permits} samples are in memory (4 per
 * loader, or 2 batches, plus 4 per scorer), whatever the dataset's size. Samples already recorded in
 * the directory under the same identity are kept (resume); a per-sample problem at any stage becomes a failed line,
 * while a broken run directory (an I/O error writing lines) or an Error aborts the run.
 */
public final class Runner {

    /**
     * @param batchSize   largest batch sent to the model (null: the model's own maximum); never above the model's
     * @param seed        generation seed, sent with every request
     * @param subsetSeed  seed of the {@code --limit} subset; kept apart from {@code seed} so runs of several seeds
     *                    score the same samples
     * @param shard       this run's shard, or null
     * @param predictionPng how saved predictions are compressed (same pixels either way; not part of the identity)
     */
    public record Settings(int loaderThreads, int scoreThreads, Integer batchSize, long seed, long subsetSeed,
                           Integer limit, Plan.Shard shard, Map<String, Object> generationParams,
                           PredictionPng.Compression predictionPng) {
        public Settings {
            loaderThreads = Math.max(1, loaderThreads);
            scoreThreads = Math.max(1, scoreThreads);
            generationParams = generationParams == null ? Map.of() : Map.copyOf(generationParams);
            predictionPng = predictionPng == null ? PredictionPng.Compression.SMALL : predictionPng;
        }

        public Settings(int loaderThreads, int scoreThreads, Integer batchSize, long seed, long subsetSeed,
                        Integer limit, Plan.Shard shard, Map<String, Object> generationParams) {
            this(loaderThreads, scoreThreads, batchSize, seed, subsetSeed, limit, shard, generationParams, null);
        }

        public static Settings defaults() {
            int t = Math.min(4, Math.max(1, Runtime.getRuntime().availableProcessors()));
            return new Settings(t, t, null, 0, 0, null, null, Map.of());
        }

        public Settings withSeed(long s) {
            return new Settings(loaderThreads, scoreThreads, batchSize, s, subsetSeed, limit, shard, generationParams, predictionPng);
        }

        public Settings withShard(Plan.Shard s) {
            return new Settings(loaderThreads, scoreThreads, batchSize, seed, subsetSeed, limit, s, generationParams, predictionPng);
        }

        public Settings withThreads(int loaders, int scorers) {
            return new Settings(loaders, scorers, batchSize, seed, subsetSeed, limit, shard, generationParams, predictionPng);
        }

        public Settings withPredictionPng(PredictionPng.Compression c) {
            return new Settings(loaderThreads, scoreThreads, batchSize, seed, subsetSeed, limit, shard, generationParams, c);
        }
    }

    /** A runtime that needs to know the task (e.g. predictions stored per task folder). */
    public interface PerTask {
        ModelRuntime forTask(Task task) throws IOException;
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

    private final Settings settings;
    private final PrintStream log;

    public Runner(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    public Settings settings() {
        return settings;
    }

    /** The seeded, stratified subset (no shard filter); kept for callers of the first version. */
    public static List<SampleRef> plan(List<SampleRef> all, long seed, Integer limit) {
        return Plan.subset(all, seed, limit);
    }

    /** The identity a run of these tasks with this model would have (data digests computed afresh). */
    public RunIdentity identity(List<Task> tasks, ModelInfo info) throws IOException, DataUnreadable {
        return identity(tasks, info, samples(tasks), null);
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

    /** @param recorded the run.json already in the run directory (its data digests are the fast path), or null */
    RunIdentity identity(List<Task> tasks, ModelInfo info, Map<String, List<SampleRef>> samples, JsonNode recorded)
            throws IOException {
        Map<String, TaskData> data = new LinkedHashMap<>();
        for (Task t : tasks) {
            TaskData before = recorded == null ? null : TaskData.fromJson(recorded.path("data").get(t.id()));
            data.put(t.id(), TaskData.of(t, samples.get(t.id()), before));
        }
        return RunIdentity.of(Version.identity(), tasks, data, info, settings.generationParams(), settings.seed(),
                settings.limit(), settings.subsetSeed());
    }

    /** Refuses a directory that holds another run (identity, or another shard of the same run). */
    void check(RunDirectory dir, RunIdentity identity, JsonNode stored) throws IdentityMismatch {
        if (stored == null) {
            return;
        }
        List<String> diffs = new ArrayList<>();
        if (!identity.sha256().equals(stored.path("identity").path("sha256").asText())) {
            diffs.addAll(identity.differences(stored.path("identity").path("components")));
            if (diffs.isEmpty()) {
                diffs.add("identity: " + stored.path("identity").path("sha256").asText() + " -> " + identity.sha256());
            }
        }
        String storedShard = stored.path("settings").path("shard").asText("all");
        String shard = settings.shard() == null ? "all" : settings.shard().toString();
        if (!storedShard.equals(shard)) {
            diffs.add("shard: " + storedShard + " -> " + shard);
        }
        if (!diffs.isEmpty()) {
            throw new IdentityMismatch(dir.dir(), diffs);
        }
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
        Map<String, List<SampleRef>> samples = samples(tasks);
        JsonNode stored = Files.exists(dir.runJson()) ? Json.LINES.readTree(dir.runJson().toFile()) : null;
        RunIdentity identity = identity(tasks, info, samples, stored);
        Map<String, List<SampleRef>> plans = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> indexes = new LinkedHashMap<>();
        for (Task t : tasks) {
            List<SampleRef> all = samples.get(t.id());
            plans.put(t.id(), Plan.of(all, settings.subsetSeed(), settings.limit(), settings.shard()));
            indexes.put(t.id(), sampleIndexes(all));
        }
        check(dir, identity, stored);
        writeRunJson(dir, tasks, info, identity, "running");

        List<TaskOutcome> outcomes = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        ExecutorService loaders = Executors.newFixedThreadPool(settings.loaderThreads(), daemon("eibench-load"));
        ExecutorService scorers = Executors.newFixedThreadPool(settings.scoreThreads(), daemon("eibench-score"));
        Pipeline pipeline = new Pipeline(loaders, scorers, dir, failures);
        try {
            outcomes.addAll(pipeline.run(model, tasks, plans, indexes));
        } finally {
            loaders.shutdownNow();
            scorers.shutdownNow();
        }
        ObjectNode summary = SummaryBuilder.assemble(identity, info, pipeline.summaries);
        dir.writeAtomically(dir.summaryJson(), Json.PRETTY.writeValueAsBytes(summary));
        writeRunJson(dir, tasks, info, identity, "finished");
        return new Result(dir, outcomes, identity, failures, (System.nanoTime() - t0) / 1e9);
    }

    /** Sample id -> position in the task's full sorted sample list: the same whatever the limit or shard. */
    static Map<String, Integer> sampleIndexes(List<SampleRef> all) {
        Map<String, Integer> m = new java.util.HashMap<>(all.size() * 2);
        for (int i = 0; i < all.size(); i++) {
            m.putIfAbsent(all.get(i).id(), i);
        }
        return m;
    }

    /**
     * A request's generation parameters: the run's ({@code Settings.generationParams}, part of the run identity) over
     * {@code sample_index} (position in the task's sorted full sample list, for servers that seed per sample,
     * docs/serving-uvt.md), which is not part of the identity since the sample determines it. The prediction cache
     * keys on all of them.
     */
    static Map<String, Object> requestParams(Map<String, Object> runParams, Integer sampleIndex) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (sampleIndex != null) {
            p.put("sample_index", sampleIndex);
        }
        p.putAll(runParams);
        return p;
    }

    /**
     * What a model may see besides the input and the instruction, and nothing more: the ground truth only when it
     * declares it reads it, and of the sample's hints only those it declares.
     */
    static Request request(Sample s, Capabilities caps, long seed, Map<String, Object> params) {
        int[] size = targetSize(s.target());
        Map<String, Object> hints = new LinkedHashMap<>(s.hints());
        hints.keySet().retainAll(caps.hints());
        return new Request(s.id(), s.input(), s.instruction(), seed, params, size[0], size[1],
                caps.readsReference() ? s.reference() : null, hints);
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** run.json: identity (what makes runs comparable) plus everything else worth knowing about how it ran. */
    public void writeRunJson(RunDirectory dir, List<Task> tasks, ModelInfo info, RunIdentity identity, String status)
            throws IOException {
        ObjectNode root = Json.PRETTY.createObjectNode();
        root.put("format", "eibench/run@1");
        root.put("status", status);
        ObjectNode id = root.putObject("identity");
        id.put("sha256", identity.sha256());
        id.set("components", Json.PRETTY.valueToTree(identity.components()));
        ObjectNode model = root.putObject("model");
        model.put("id", info.id());
        model.put("checksum", info.checksum());
        model.put("device", info.device());
        model.set("details", Json.PRETTY.valueToTree(new TreeMap<>(info.details())));
        model.set("capabilities", capabilities(info.capabilities()));
        ArrayNode ts = root.putArray("tasks");
        for (Task t : tasks) {
            ObjectNode o = ts.addObject();
            o.put("id", t.id());
            o.put("title", t.spec().title());
            o.put("version", t.spec().version());
            o.put("source", t.spec().source());
            o.put("spec_sha256", t.spec().specHash());
            o.put("split", t.spec().split().key());
            o.put("zero_shot", t.spec().zeroShot().key());
            o.put("kind", t.spec().kind().key());
            o.put("data_root", t.spec().data().root().toString());
            if (!t.spec().protocol().isEmpty()) {
                o.put("protocol", t.spec().protocol());
            }
            o.set("data_report", Json.PRETTY.valueToTree(t.dataReport()));
            o.set("instructions", Json.PRETTY.valueToTree(t.spec().instructions()));
            ObjectNode dec = o.putObject("decoder");
            dec.put("type", t.decoder().type());
            dec.set("options", Json.PRETTY.valueToTree(t.decoder().options()));
            if (t.degradation() != null) {
                o.set("degradation", Json.PRETTY.valueToTree(t.degradation().options()));
            }
            ObjectNode ms = o.putObject("metrics");
            t.spec().metrics().forEach(m -> ms.set(m.type(), Json.PRETTY.valueToTree(m.options())));
        }
        ObjectNode data = root.putObject("data");
        identity.data().forEach((task, d) -> data.set(task, d.toJson()));
        ObjectNode s = root.putObject("settings");
        s.put("seed", settings.seed());
        s.put("subset_seed", settings.subsetSeed());
        if (settings.limit() != null) {
            s.put("limit", settings.limit());
        }
        s.put("shard", settings.shard() == null ? "all" : settings.shard().toString());
        s.set("generation_params", Json.PRETTY.valueToTree(new TreeMap<>(settings.generationParams())));
        s.put("loader_threads", settings.loaderThreads());
        s.put("score_threads", settings.scoreThreads());
        s.put("prediction_png", settings.predictionPng().name().toLowerCase(java.util.Locale.ROOT));
        if (settings.batchSize() != null) {
            s.put("batch_size", settings.batchSize());
        }
        ObjectNode env = root.putObject("environment");
        env.put("eibench_version", Version.get());
        if (Version.commit() != null) {
            env.put("eibench_commit", Version.commit());
        }
        env.put("java", System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("cpus", Runtime.getRuntime().availableProcessors());
        env.put("written_at", Instant.now().toString());
        dir.writeAtomically(dir.runJson(), Json.PRETTY.writeValueAsBytes(root));
    }

    /** A model's capabilities as run.json and summary.json record them. */
    static ObjectNode capabilities(Capabilities caps) {
        ObjectNode o = Json.PRETTY.createObjectNode();
        o.put("reads_reference", caps.readsReference());
        ArrayNode h = o.putArray("hints");
        caps.sortedHints().forEach(h::add);
        return o;
    }

    /** A loaded sample or the reason it could not be loaded. */
    record Loaded(SampleRef ref, Sample sample, String error, double ms) {
    }

    /** A load in flight and the task it belongs to. */
    private record Pending(TaskRun run, Future<Loaded> future) {
    }

    /** One task's part of the run: its plan, writer, progress and the scorers it has in flight. */
    private final class TaskRun {
        final Task task;
        final List<SampleRef> refs;
        final Map<String, Integer> sampleIndexes;
        final Path dataRoot;
        final boolean synthesisedInput;
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
            this.dataRoot = task.spec().data() == null ? null : task.spec().data().root();
            this.synthesisedInput = task.degradation() != null;
        }
    }

    /**
     * One pipeline over every task of the run, in order. Tasks overlap at their boundaries: the loaders go on with the
     * next task's samples while the last samples of the previous task still score, so that no core idles while a
     * task drains (on the quick suite the slower stage alternates between loading and scoring from task to task, and
     * draining each task before the next one serialised the two). Memory stays bounded by the load window and the
     * scoring permits, which are shared by all tasks. Tasks are closed in order, each as soon as its last scorer
     * finishes; only the oldest open task shows progress, so a terminal has one bar at a time.
     */
    private final class Pipeline {
        final AtomicReference<Throwable> fatal = new AtomicReference<>();
        final Semaphore permits;
        final ExecutorService loaders;
        final ExecutorService scorers;
        final RunDirectory dir;
        final List<Failure> failures;
        final Deque<TaskRun> open = new ArrayDeque<>();
        final List<TaskOutcome> outcomes = new ArrayList<>();
        /** Each task's part of summary.json, made when the task closes, while later tasks still run. */
        final Map<String, ObjectNode> summaries = new LinkedHashMap<>();
        final SummaryBuilder summaryBuilder = new SummaryBuilder(Bootstrap.standard());

        Pipeline(ExecutorService loaders, ExecutorService scorers, RunDirectory dir, List<Failure> failures) {
            this.loaders = loaders;
            this.scorers = scorers;
            this.dir = dir;
            this.failures = failures;
            this.permits = new Semaphore(4 * settings.scoreThreads());
        }

        List<TaskOutcome> run(ModelRuntime model, List<Task> tasks, Map<String, List<SampleRef>> plans,
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
                            ahead.add(new Pending(tr, loaders.submit(() -> load(tr.task, ref))));
                        } else {
                            nextRun++;
                        }
                    }
                    Pending p = ahead.poll();
                    if (p == null) {
                        break;
                    }
                    Loaded l = get(p.future());
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
            return outcomes;
        }

        /**
         * Drops the loads still pending (there are some after a fatal error in a scorer), then waits for every open
         * task's scorers and closes it (its writer fsyncs).
         */
        private void closeAll(Deque<Pending> ahead) throws IOException {
            ahead.forEach(p -> p.future().cancel(true));
            open.forEach(tr -> tr.inferred = true);
            closeFinished(true);
        }

        private int window(TaskRun tr) {
            return Math.max(2 * Math.max(1, tr.batchSize), 4 * settings.loaderThreads());
        }

        private void open(TaskRun tr, ModelRuntime model) throws IOException {
            Set<String> done = dir.finishedIds(tr.task.id());
            tr.todo = tr.refs.stream().filter(r -> !done.contains(r.id())).toList();
            tr.model = model instanceof PerTask p ? p.forTask(tr.task) : model;
            tr.batchSize = Math.max(1, settings.batchSize() == null ? tr.model.maxBatchSize()
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

        private TaskOutcome outcome(TaskRun tr) throws IOException {
            Map<String, SampleRecord> all = dir.readSamples(tr.task.id());
            summaries.put(tr.task.id(), summaryBuilder.task(tr.task, all, tr.refs.stream().map(SampleRef::id).toList()));
            int ok = 0;
            int failed = 0;
            for (SampleRef r : tr.refs) {
                SampleRecord rec = all.get(r.id());
                if (rec != null && rec.ok()) {
                    ok++;
                } else if (rec != null) {
                    failed++;
                    failures.add(new Failure(tr.task.id(), rec.id(), rec.stage(), rec.reason()));
                }
            }
            return new TaskOutcome(tr.task.id(), tr.refs.size(), ok, failed, tr.todo.size());
        }

        /**
         * Appends a sample's line, with where the sample came from, and counts it; an I/O error here is fatal (the run
         * directory is broken).
         */
        void record(TaskRun tr, SampleRecord rec, SampleRef ref) {
            try {
                tr.writer.append(rec.withSource(SampleRecord.Source.of(ref, tr.dataRoot, tr.synthesisedInput)));
                tr.progress.step(rec.ok());
            } catch (IOException | RuntimeException e) {
                fatal.compareAndSet(null, e);
            }
        }

        void rethrow() throws IOException {
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
            Task task = tr.task;
            List<Request> requests = new ArrayList<>(batch.size());
            Capabilities caps = tr.model.info().capabilities();
            for (Loaded l : batch) {
                Sample s = l.sample();
                requests.add(request(s, caps, settings.seed(), requestParams(settings.generationParams(),
                        tr.sampleIndexes.get(s.id()))));
            }
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
                Loaded l = batch.get(i);
                Output out = outputs.get(i);
                if (out instanceof Output.Failed f) {
                    record(tr, SampleRecord.failed(l.ref().id(), "model", f.reason(), l.sample().instruction()), l.ref());
                    continue;
                }
                Output.Generated g = (Output.Generated) out;
                permits.acquireUninterruptibly();
                tr.pending.register();
                try {
                    scorers.execute(() -> {
                        try {
                            SampleRecord rec;
                            try {
                                rec = score(task, dir, l, g.image(), modelMs, settings.predictionPng());
                            } catch (RuntimeException e) {
                                rec = SampleRecord.failed(l.ref().id(), "score", "internal error: " + e, l.sample().instruction());
                            }
                            record(tr, rec, l.ref());
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
        }
    }

    private static Loaded get(Future<Loaded> f) throws IOException {
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
        try {
            return new Loaded(ref, task.load(ref), null, ms(t));
        } catch (Exception e) {
            return new Loaded(ref, null, e.getMessage() == null ? e.toString() : e.getMessage(), ms(t));
        }
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static int[] targetSize(Object target) {
        if (target instanceof FloatImage f) {
            return new int[] {f.width(), f.height()};
        }
        if (target instanceof org.eibench.metrics.GenerationTarget g) {
            return new int[] {g.image().width(), g.image().height()};
        }
        if (target instanceof LabelMap m) {
            return new int[] {m.width(), m.height()};
        }
        return new int[] {0, 0};
    }

    /** Quantise as the saved PNG, decode, score every metric, save the prediction. */
    static SampleRecord score(Task task, RunDirectory dir, Loaded l, FloatImage output, double modelMs,
                              PredictionPng.Compression compression) {
        long t = System.nanoTime();
        Sample s = l.sample();
        int bits = task.decoder().outputBitDepth();
        FloatImage q = output.quantized(bits == 8 ? 255f : 65535f);
        Object prediction;
        try {
            prediction = task.decode(q, s);
        } catch (RuntimeException e) {
            return SampleRecord.failed(s.id(), "decode", String.valueOf(e.getMessage()), s.instruction());
        }
        long tDecoded = System.nanoTime();
        Map<String, SampleRecord.MetricResult> results = new LinkedHashMap<>();
        for (Task.KeyedMetric km : task.metrics()) {
            try {
                Stats stats = measure(km.metric(), prediction, s.target());
                Map<String, Double> values = new LinkedHashMap<>();
                for (MetricValue v : km.metric().finish(stats).values()) {
                    values.put(km.valueKey(v.key()), v.value());
                }
                results.put(km.key(), new SampleRecord.MetricResult(values, stats));
            } catch (RuntimeException e) {
                return SampleRecord.failed(s.id(), "score", km.key() + ": " + e.getMessage(), s.instruction());
            }
        }
        long tScored = System.nanoTime();
        String rel = dir.predictionPath(task.id(), s.id());
        String sha;
        try {
            byte[] png = PredictionPng.encode(q, bits, compression);
            // Atomic: rescore reads these files back, and a kill must never leave half a PNG under its final name.
            dir.writeAtomically(dir.dir().resolve(rel), png);
            sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
            // Gallery pictures a task makes of this sample (generation: the synthesised input, the Canny overlay).
            for (Map.Entry<String, FloatImage> v : task.views(s, prediction).entrySet()) {
                dir.writeAtomically(dir.dir().resolve(dir.viewPath(task.id(), s.id(), v.getKey())),
                        PredictionPng.encode(v.getValue(), 8, compression));
            }
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            return SampleRecord.failed(s.id(), "write", "cannot save prediction: " + e.getMessage(), s.instruction());
        }
        Map<String, Double> timing = new LinkedHashMap<>();
        timing.put("load", l.ms());
        timing.put("model", modelMs);
        timing.put("score", ms(t));
        // The parts of "score", to see which stage bounds throughput (bench/runner-throughput.sh).
        timing.put("decode", (tDecoded - t) / 1e6);
        timing.put("metrics", (tScored - tDecoded) / 1e6);
        timing.put("write", ms(tScored));
        return new SampleRecord(s.id(), true, null, null, s.instruction(), results, rel, sha, timing).withNotes(task.notes(s));
    }

    @SuppressWarnings("unchecked")
    static Stats measure(Metric<?, ?> metric, Object prediction, Object target) {
        if (!metric.predictionType().isInstance(prediction) || !metric.targetType().isInstance(target)) {
            throw new IllegalArgumentException("metric " + metric.name() + " cannot score a "
                    + prediction.getClass().getSimpleName() + " against a " + target.getClass().getSimpleName());
        }
        return ((Metric<Object, Object>) metric).measure(prediction, target);
    }
}
