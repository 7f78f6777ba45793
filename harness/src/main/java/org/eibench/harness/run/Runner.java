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
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Metric;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.Stats;
import org.eibench.metrics.stats.Bootstrap;
import org.eibench.runtime.ModelInfo;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;
import org.eibench.runtime.image.ImageFiles;
import org.eibench.tasks.Sample;
import org.eibench.tasks.Task;
import org.eibench.tasks.data.SampleRef;

/**
 * Runs one model over a list of tasks into one run directory. Three overlapping stages: samples are read and decoded
 * by a pool ahead of the model (a bounded window), the model takes batches on the calling thread, and decoding +
 * scoring + writing run on a second pool (bounded by a semaphore), so memory does not grow with the dataset.
 * Samples already in the directory under the same identity are kept (resume).
 */
public final class Runner {

    /** Settings that do not change results. */
    public record Settings(int loaderThreads, int scoreThreads, long seed, Integer limit, Map<String, Object> generationParams) {
        public static Settings defaults() {
            int cpus = Math.max(1, Runtime.getRuntime().availableProcessors());
            return new Settings(Math.min(4, cpus), Math.min(4, cpus), 0, null, Map.of());
        }
    }

    /** Per task: planned samples, finished ok and failed (including those kept from an earlier run). */
    public record TaskOutcome(String taskId, int planned, int ok, int failed) {
    }

    public record Result(RunDirectory dir, List<TaskOutcome> tasks, RunIdentity identity) {
        public int failed() {
            return tasks.stream().mapToInt(TaskOutcome::failed).sum();
        }

        public int planned() {
            return tasks.stream().mapToInt(TaskOutcome::planned).sum();
        }
    }

    /** An existing run directory holds a run of something else. */
    public static final class IdentityMismatch extends Exception {
        private static final long serialVersionUID = 1L;

        IdentityMismatch(Path dir, List<String> diffs) {
            super(dir + " holds a different run; refusing to mix results. Differences:\n  " + String.join("\n  ", diffs)
                    + "\nUse another --out directory, or delete this one.");
        }
    }

    private final Settings settings;
    private final PrintStream log;

    public Runner(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    /** The seeded subset of a task's samples: identical for every model, independent of listing order. */
    public static List<SampleRef> plan(List<SampleRef> all, long seed, Integer limit) {
        if (limit == null || limit >= all.size()) {
            return all;
        }
        List<SampleRef> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingLong((SampleRef r) -> mix(seed, r.id())).thenComparing(SampleRef::id));
        List<SampleRef> chosen = new ArrayList<>(sorted.subList(0, limit));
        chosen.sort(Comparator.comparing(SampleRef::id));
        return chosen;
    }

    private static long mix(long seed, String id) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001b3L;
        }
        return h ^ (h >>> 29);
    }

    public Result run(ModelRuntime model, List<Task> tasks, RunDirectory dir) throws IOException, IdentityMismatch {
        ModelInfo info = model.info();
        RunIdentity identity = RunIdentity.of(tasks, info, settings.generationParams(), settings.seed(), settings.limit());
        Map<String, List<SampleRef>> plans = new LinkedHashMap<>();
        for (Task t : tasks) {
            plans.put(t.id(), plan(t.samples(), settings.seed(), settings.limit()));
        }
        checkIdentity(dir, identity);
        writeRunJson(dir, tasks, info, identity, "running");

        List<TaskOutcome> outcomes = new ArrayList<>();
        ExecutorService loaders = Executors.newFixedThreadPool(settings.loaderThreads(), daemon("eibench-load"));
        ExecutorService scorers = Executors.newFixedThreadPool(settings.scoreThreads(), daemon("eibench-score"));
        try {
            for (Task task : tasks) {
                outcomes.add(runTask(model, task, plans.get(task.id()), dir, loaders, scorers));
            }
        } finally {
            loaders.shutdownNow();
            scorers.shutdownNow();
        }
        Map<String, List<String>> ids = new LinkedHashMap<>();
        plans.forEach((k, v) -> ids.put(k, v.stream().map(SampleRef::id).toList()));
        ObjectNode summary = new SummaryBuilder(Bootstrap.standard()).build(dir, tasks, identity, info.id(), info.checksum(), ids);
        dir.writeAtomically(dir.summaryJson(), Json.PRETTY.writeValueAsBytes(summary));
        writeRunJson(dir, tasks, info, identity, "finished");
        return new Result(dir, outcomes, identity);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private void checkIdentity(RunDirectory dir, RunIdentity identity) throws IOException, IdentityMismatch {
        if (!Files.exists(dir.runJson())) {
            return;
        }
        JsonNode stored = Json.LINES.readTree(dir.runJson().toFile()).path("identity");
        if (!identity.sha256().equals(stored.path("sha256").asText())) {
            throw new IdentityMismatch(dir.dir(), identity.differences(stored.path("components")));
        }
    }

    private void writeRunJson(RunDirectory dir, List<Task> tasks, ModelInfo info, RunIdentity identity, String status)
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
        model.set("details", Json.PRETTY.valueToTree(new java.util.TreeMap<>(info.details())));
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
        ObjectNode s = root.putObject("settings");
        s.put("seed", settings.seed());
        if (settings.limit() != null) {
            s.put("limit", settings.limit());
        }
        s.put("loader_threads", settings.loaderThreads());
        s.put("score_threads", settings.scoreThreads());
        ObjectNode env = root.putObject("environment");
        env.put("eibench_version", Version.get());
        env.put("java", System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("cpus", Runtime.getRuntime().availableProcessors());
        env.put("written_at", Instant.now().toString());
        dir.writeAtomically(dir.runJson(), Json.PRETTY.writeValueAsBytes(root));
    }

    /** A loaded sample or the reason it could not be loaded. */
    private record Loaded(SampleRef ref, Sample sample, String error, double ms) {
    }

    private TaskOutcome runTask(ModelRuntime model, Task task, List<SampleRef> refs, RunDirectory dir,
                                ExecutorService loaders, ExecutorService scorers) throws IOException {
        Map<String, SampleRecord> done = dir.readSamples(task.id());
        List<SampleRef> todo = refs.stream().filter(r -> !done.containsKey(r.id())).toList();
        Files.createDirectories(dir.dir().resolve("predictions").resolve(task.id()));
        int batchSize = Math.max(1, model.maxBatchSize());
        int window = Math.max(2 * batchSize, 2 * settings.loaderThreads());
        Semaphore scoring = new Semaphore(2 * settings.scoreThreads());
        Phaser pending = new Phaser(1);
        AtomicReference<IOException> writeError = new AtomicReference<>();
        Progress progress = new Progress(log, task.id(), refs.size(), refs.size() - todo.size());
        try (RunDirectory.SampleWriter writer = dir.openWriter(task.id())) {
            Deque<Future<Loaded>> ahead = new ArrayDeque<>();
            int next = 0;
            List<Loaded> batch = new ArrayList<>(batchSize);
            while (next < todo.size() || !ahead.isEmpty()) {
                while (next < todo.size() && ahead.size() < window) {
                    SampleRef ref = todo.get(next++);
                    ahead.add(loaders.submit(() -> load(task, ref)));
                }
                Loaded l = get(ahead.poll());
                if (l.error() != null) {
                    write(writer, SampleRecord.failed(l.ref().id(), "load", l.error(), null), writeError);
                    progress.step(false);
                    continue;
                }
                batch.add(l);
                if (batch.size() == batchSize || (next >= todo.size() && ahead.isEmpty())) {
                    infer(model, task, dir, batch, writer, scorers, scoring, pending, writeError, progress);
                    batch = new ArrayList<>(batchSize);
                }
            }
            if (!batch.isEmpty()) {
                infer(model, task, dir, batch, writer, scorers, scoring, pending, writeError, progress);
            }
            pending.arriveAndAwaitAdvance();
        }
        if (writeError.get() != null) {
            throw writeError.get();
        }
        progress.finish();
        Map<String, SampleRecord> all = dir.readSamples(task.id());
        int ok = 0;
        int failed = 0;
        for (SampleRef r : refs) {
            SampleRecord rec = all.get(r.id());
            if (rec != null && rec.ok()) {
                ok++;
            } else if (rec != null) {
                failed++;
            }
        }
        return new TaskOutcome(task.id(), refs.size(), ok, failed);
    }

    private static Loaded get(Future<Loaded> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("loader crashed: " + e.getCause(), e.getCause());
        }
    }

    private static Loaded load(Task task, SampleRef ref) {
        long t = System.nanoTime();
        try {
            return new Loaded(ref, task.load(ref), null, ms(t));
        } catch (IOException | RuntimeException e) {
            return new Loaded(ref, null, e.getMessage() == null ? e.toString() : e.getMessage(), ms(t));
        }
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private void infer(ModelRuntime model, Task task, RunDirectory dir, List<Loaded> batch,
                       RunDirectory.SampleWriter writer, ExecutorService scorers, Semaphore scoring, Phaser pending,
                       AtomicReference<IOException> writeError, Progress progress) throws IOException {
        List<Request> requests = new ArrayList<>(batch.size());
        for (Loaded l : batch) {
            Sample s = l.sample();
            int[] size = targetSize(s.target());
            requests.add(new Request(s.id(), s.input(), s.instruction(), settings.seed(), settings.generationParams(),
                    size[0], size[1], s.reference()));
        }
        long t = System.nanoTime();
        List<Output> outputs;
        try {
            outputs = model.generate(requests);
            if (outputs.size() != requests.size()) {
                throw new IllegalStateException("model returned " + outputs.size() + " outputs for " + requests.size() + " requests");
            }
        } catch (RuntimeException e) {
            String reason = "model error: " + e;
            outputs = requests.stream().<Output>map(r -> new Output.Failed(r.id(), reason)).toList();
        }
        double modelMs = ms(t) / batch.size();
        for (int i = 0; i < batch.size(); i++) {
            Loaded l = batch.get(i);
            Output out = outputs.get(i);
            if (out instanceof Output.Failed f) {
                write(writer, SampleRecord.failed(l.ref().id(), "model", f.reason(), l.sample().instruction()), writeError);
                progress.step(false);
                continue;
            }
            Output.Generated g = (Output.Generated) out;
            scoring.acquireUninterruptibly();
            pending.register();
            scorers.submit(() -> {
                try {
                    SampleRecord rec = score(task, dir, l, g.image(), modelMs);
                    write(writer, rec, writeError);
                    progress.step(rec.ok());
                } finally {
                    scoring.release();
                    pending.arriveAndDeregister();
                }
            });
        }
    }

    private static int[] targetSize(Object target) {
        if (target instanceof FloatImage f) {
            return new int[] {f.width(), f.height()};
        }
        if (target instanceof org.eibench.metrics.LabelMap m) {
            return new int[] {m.width(), m.height()};
        }
        return new int[] {0, 0};
    }

    private static void write(RunDirectory.SampleWriter writer, SampleRecord rec, AtomicReference<IOException> error) {
        try {
            writer.append(rec);
        } catch (IOException e) {
            error.compareAndSet(null, e);
        }
    }

    /** Quantise as the saved PNG, decode, score every metric, save the prediction. */
    static SampleRecord score(Task task, RunDirectory dir, Loaded l, FloatImage output, double modelMs) {
        long t = System.nanoTime();
        Sample s = l.sample();
        int bits = task.decoder().outputBitDepth();
        FloatImage q = bits == 8 ? output.quantized8() : quantize(output, 65535f);
        Object prediction;
        try {
            prediction = task.decode(q, s);
        } catch (RuntimeException e) {
            return SampleRecord.failed(s.id(), "decode", String.valueOf(e.getMessage()), s.instruction());
        }
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
        String rel = dir.predictionPath(task.id(), s.id());
        String sha;
        try {
            byte[] png = bits == 8 ? ImageFiles.encodePng8(q) : ImageFiles.encodePng16(q);
            Files.write(dir.dir().resolve(rel), png);
            sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
        } catch (IOException | NoSuchAlgorithmException e) {
            return SampleRecord.failed(s.id(), "write", "cannot save prediction: " + e.getMessage(), s.instruction());
        }
        Map<String, Double> timing = new LinkedHashMap<>();
        timing.put("load", l.ms());
        timing.put("model", modelMs);
        timing.put("score", ms(t));
        return new SampleRecord(s.id(), true, null, null, s.instruction(), results, rel, sha, timing);
    }

    @SuppressWarnings("unchecked")
    private static Stats measure(Metric<?, ?> metric, Object prediction, Object target) {
        if (!metric.predictionType().isInstance(prediction) || !metric.targetType().isInstance(target)) {
            throw new IllegalArgumentException("metric " + metric.name() + " cannot score a "
                    + prediction.getClass().getSimpleName() + " against a " + target.getClass().getSimpleName());
        }
        return ((Metric<Object, Object>) metric).measure(prediction, target);
    }

    private static FloatImage quantize(FloatImage im, float max) {
        float[] d = im.data();
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            float v = d[i];
            out[i] = v <= 0 ? 0 : v >= max ? max : (float) Math.floor(v + 0.5f);
        }
        return new FloatImage(im.width(), im.height(), im.channels(), out);
    }
}
