package org.eibench.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.eibench.harness.run.PooledStats;
import org.eibench.harness.run.RunDirectory;
import org.eibench.harness.run.SampleRecord;
import org.eibench.harness.run.Runner;
import org.eibench.runtime.ModelCatalog;
import org.eibench.runtime.ModelContext;
import org.eibench.runtime.ModelInfo;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.ModelSpecException;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;
import org.eibench.harness.run.OnnxEvaluatorNetwork;
import org.eibench.runtime.onnx.OnnxEvaluator;
import org.eibench.tasks.metric.EvaluatorNetwork;
import org.eibench.tasks.Task;
import org.eibench.tasks.TaskCatalog;
import org.eibench.tasks.data.SampleRef;
import org.eibench.tasks.metric.Evaluators;
import org.eibench.tasks.spec.SpecException;

/**
 * The executor side: one partition's samples through the local runner's pipeline ({@link Runner#runSamples}) into a
 * scratch run directory, whose lines and files go back to the driver with the partition's partial metric state. Tasks (with their sample lists) and models are
 * built once per executor JVM and kept for its later partitions: a model per (spec, GPU), since loading an ONNX
 * session or a checkpoint costs far more than a partition's bookkeeping.
 */
final class Executors {

    /** One executor's tasks for a job: the loaded tasks in run order and each one's full sample list. */
    private record Tasks(Map<String, Task> byId, Map<String, List<SampleRef>> samples) {
    }

    private static final Map<String, Tasks> TASKS = new ConcurrentHashMap<>();
    private static final Map<String, ModelRuntime> MODELS = new ConcurrentHashMap<>();

    private Executors() {
    }

    /**
     * Runs one partition.
     *
     * @param cudaDevice the GPU Spark gave this task (its address), or null
     */
    static Part run(Job job, List<Item> items, Integer cudaDevice) throws IOException {
        Tasks tasks = tasks(job);
        ModelRuntime model = model(job, cudaDevice);
        Map<String, List<SampleRef>> todo = new LinkedHashMap<>();
        for (Item it : items) {
            SampleRef ref = find(tasks, it);
            todo.computeIfAbsent(it.taskId(), k -> new ArrayList<>()).add(ref);
        }
        List<Task> running = todo.keySet().stream().map(tasks.byId()::get).toList();
        Path scratch = Files.createTempDirectory("eibench-part-");
        try {
            RunDirectory dir = new RunDirectory(scratch);
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            new Runner(job.settings().toRunSettings(), quiet).runSamples(model, running, tasks.samples(), todo, dir);
            Map<String, List<String>> lines = new LinkedHashMap<>();
            PooledStats stats = new PooledStats();
            for (String taskId : todo.keySet()) {
                List<String> l = new ArrayList<>();
                Task task = tasks.byId().get(taskId);
                // The state is made from the lines as the driver will read them back, so the two cannot differ.
                RunDirectory.scan(dir.samplesFile(taskId), (node, text) -> {
                    l.add(text);
                    stats.add(task, SampleRecord.fromJson(node));
                });
                lines.put(taskId, l);
            }
            return new Part(lines, files(scratch), stats);
        } finally {
            deleteTree(scratch);
        }
    }

    private static SampleRef find(Tasks tasks, Item it) {
        List<SampleRef> refs = tasks.samples().get(it.taskId());
        if (refs == null) {
            throw new IllegalStateException("task " + it.taskId() + " is not among the job's tasks");
        }
        for (SampleRef r : refs) {
            if (r.id().equals(it.sampleId())) {
                return r;
            }
        }
        throw new IllegalStateException("task " + it.taskId() + ": sample " + it.sampleId()
                + " is not in the data this executor sees (is the data folder the same on every node?)");
    }

    /** Every file the pipeline wrote besides the lines, by path relative to the run directory. */
    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile).sorted()::iterator) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (!rel.startsWith("samples/")) {
                    out.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover scratch folder in the temporary directory is no reason to fail the partition
        }
    }

    private static Tasks tasks(Job job) {
        return TASKS.computeIfAbsent(job.tasksKey(), k -> {
            Map<String, Path> roots = new LinkedHashMap<>();
            job.dataRoots().forEach((n, p) -> roots.put(n, Path.of(p)));
            TaskCatalog catalog = new TaskCatalog(Path.of(job.dataDir()), roots, Executors.class.getClassLoader());
            if (!job.evaluators().isEmpty()) {
                Map<String, EvaluatorNetwork> nets = new HashMap<>();
                job.evaluators().forEach((role, p) -> {
                    try {
                        nets.put(role, new OnnxEvaluatorNetwork(OnnxEvaluator.open(Path.of(p), 1)));
                    } catch (ModelSpecException e) {
                        throw new IllegalStateException("evaluator " + role + "=" + p + ": " + e.getMessage(), e);
                    }
                });
                catalog = catalog.withEvaluators(new Evaluators(nets));
            }
            Map<String, Task> byId = new LinkedHashMap<>();
            Map<String, List<SampleRef>> samples = new LinkedHashMap<>();
            for (String source : job.taskSources()) {
                try {
                    Task t = catalog.task(source);
                    byId.put(t.id(), t);
                    samples.put(t.id(), t.samples());
                } catch (SpecException | IOException e) {
                    throw new IllegalStateException("task " + source + ": " + e.getMessage(), e);
                }
            }
            return new Tasks(byId, samples);
        });
    }

    private static ModelRuntime model(Job job, Integer cudaDevice) {
        String key = job.dataDir() + "|" + job.modelSpec() + "|gpu=" + cudaDevice;
        return MODELS.computeIfAbsent(key, k -> {
            try {
                ModelContext context = new ModelContext(Path.of(job.dataDir()), cudaDevice);
                ModelRuntime m = ModelCatalog.load(context).open(job.modelSpec());
                // A per-task runtime (stored predictions) hands out its own runtime per task.
                return m instanceof Runner.PerTask ? m : new OneCaller(m);
            } catch (ModelSpecException e) {
                throw new IllegalStateException("model " + job.modelSpec() + ": " + e.getMessage(), e);
            }
        });
    }

    /** An executor's tasks share its model; the runtime SPI allows one caller at a time. */
    private record OneCaller(ModelRuntime model) implements ModelRuntime {
        @Override
        public ModelInfo info() {
            return model.info();
        }

        @Override
        public List<Output> generate(List<Request> batch) {
            synchronized (this) {
                return model.generate(batch);
            }
        }

        @Override
        public int maxBatchSize() {
            return model.maxBatchSize();
        }
    }

    /** A sample to run: its task and id. */
    record Item(String taskId, String sampleId) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }
}
