package org.eibench.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.resource.ResourceInformation;
import org.eibench.harness.run.Json;
import org.eibench.harness.run.Plan;
import org.eibench.harness.run.PooledStats;
import org.eibench.harness.run.RunDirectory;
import org.eibench.harness.run.SampleRecord;
import org.eibench.harness.run.SummaryBuilder;
import org.eibench.metrics.stats.Bootstrap;
import org.eibench.tasks.Task;
import org.eibench.tasks.TaskCatalog;
import org.eibench.tasks.data.SampleRef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark runs against the plain runner on the quick suite's denoising and VOC segmentation tasks (spark-test.suite.yaml:
 * identity, DnCNN on denoising): embedded local[2], and a local cluster of two executor processes on
 * 127.0.0.1, one of them killed mid-run. Both must leave the plain run's summary.json bytes, sample lines and
 * prediction files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkEngineTest {

    private static final List<String> MODELS = List.of("identity", "dncnn-s25");

    private Path tmp;
    private Path plain;
    private String suite;

    @BeforeAll
    void plainRun(@TempDir Path dir) throws Exception {
        tmp = dir;
        suite = Path.of(SparkEngineTest.class.getResource("/spark-test.suite.yaml").toURI()).toString();
        plain = tmp.resolve("plain");
        assertThat(RunDirs.cli("run", "--suite", suite, "--out", plain.toString())).isZero();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void localTwoMatchesThePlainRunnerAndResumes() throws Exception {
        Path spark = tmp.resolve("local");
        StageNames.NAMES.clear();
        assertThat(RunDirs.cli("run", "--suite", suite, "--out", spark.toString(),
                "--engine", "spark", "--spark-master", "local[2]",
                "--spark-conf", "spark.extraListeners=" + StageNames.class.getName())).isZero();
        for (String m : MODELS) {
            RunDirs.assertSameRun(plain.resolve(m), spark.resolve(m));
        }
        // The pooled values came through Spark's tree aggregation of the partitions' states, once per model.
        assertThat(StageNames.NAMES.stream().filter(n -> n.startsWith("treeAggregate at SparkEngine.java")))
                .as("stages %s", StageNames.NAMES).isNotEmpty();
        assertThat(StageNames.NAMES.stream().filter(n -> n.startsWith("runJob at SparkEngine.java"))).hasSize(MODELS.size());
        // What a driver killed mid-run leaves: some lines, the last one torn, run.json running, no summary. The same
        // command resumes and runs only what is missing.
        Path identity = spark.resolve("identity");
        for (Path f : List.of(identity.resolve("samples/denoise-set12-s25.jsonl"),
                identity.resolve("samples/seg-voc-sample.jsonl"))) {
            List<String> lines = Files.readAllLines(f);
            Files.writeString(f, String.join("\n", lines.subList(0, 2)) + "\n" + lines.get(2).substring(0, 40));
        }
        Files.delete(identity.resolve("summary.json"));
        assertThat(RunDirs.cli("run", "--suite", suite, "--out", spark.toString(), "--model", "identity",
                "--engine", "spark", "--spark-master", "local[2]")).isZero();
        RunDirs.assertSameRun(plain.resolve("identity"), identity);
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void clusterWithAnExecutorKilledMatchesThePlainRunner() throws Exception {
        Path spark = tmp.resolve("cluster");
        ExecutorKiller.reset();
        Thread killer = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted() && !ExecutorKiller.killOnce(1000)) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "executor-killer");
        killer.setDaemon(true);
        killer.start();
        int code;
        try {
            // local-cluster[executors, cores each, MiB each]: a standalone master and workers in this JVM, each
            // executor its own java process started from SPARK_HOME/jars (target/spark-home, see the pom) plus
            // EIBench's own modules.
            code = RunDirs.cli("run", "--suite", suite, "--out", spark.toString(),
                    "--engine", "spark", "--spark-master", "local-cluster[2,1,1024]",
                    "--spark-conf", "spark.executor.extraClassPath=" + eibenchClassPath(),
                    "--spark-conf", "spark.extraListeners=" + ExecutorKiller.class.getName(),
                    "--spark-conf", "spark.task.maxFailures=4");
        } finally {
            killer.interrupt();
        }
        assertThat(code).isZero();
        assertThat(ExecutorKiller.KILLED_PID.get()).as("an executor was killed mid-run").isPositive();
        assertThat(ExecutorKiller.LOST.get()).as("tasks lost with the executor and retried").isPositive();
        for (String m : MODELS) {
            RunDirs.assertSameRun(plain.resolve(m), spark.resolve(m));
        }
    }

    /**
     * The summary's pooled values from partial states merged in many orders and trees (random splits of the plain
     * run's samples, merged in random trees by hand and by Spark's treeAggregate at depths 1 to 3) are the bytes the
     * plain runner builds from the lines in sample-id order.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void partialStatesMergedInAnyTreeGiveThePlainBytes() throws Exception {
        TaskCatalog catalog = new TaskCatalog(RunDirs.data(), Map.of(), SparkEngineTest.class.getClassLoader());
        SummaryBuilder builder = new SummaryBuilder(Bootstrap.standard());
        Random random = new Random(15);
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("tree-test").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        int compared = 0;
        try (JavaSparkContext context = new JavaSparkContext(conf)) {
            for (String m : MODELS) {
                RunDirectory dir = new RunDirectory(plain.resolve(m));
                for (String taskId : dir.taskIdsWithSamples()) {
                    Task task = catalog.task(taskId);
                    Map<String, SampleRecord> lines = dir.readSamples(taskId);
                    List<String> planned = new ArrayList<>(lines.keySet());
                    String expected = Json.PRETTY.writeValueAsString(builder.task(task, lines, planned));
                    List<SampleRecord> records = new ArrayList<>(lines.values());
                    for (int trial = 0; trial < 12; trial++) {
                        Collections.shuffle(records, random);
                        List<PooledStats> parts = split(task, records, random);
                        PooledStats pooled = trial % 3 == 0
                                ? SparkEngine.reduce(context, parts, 1 + (trial / 3) % 3) : randomTree(parts, random);
                        String actual = Json.PRETTY.writeValueAsString(
                                builder.task(task, lines, planned, pooled.task(taskId)));
                        assertThat(actual).as("%s/%s trial %d", m, taskId, trial).isEqualTo(expected);
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(12 * 3);
        // A state that misses a sample of the lines is refused, not reported.
        RunDirectory dir = new RunDirectory(plain.resolve("identity"));
        Task task = catalog.task("seg-voc-sample");
        Map<String, SampleRecord> lines = dir.readSamples(task.id());
        PooledStats short1 = new PooledStats();
        lines.values().stream().skip(1).forEach(r -> short1.add(task, r));
        assertThatThrownBy(() -> builder.task(task, lines, new ArrayList<>(lines.keySet()), short1.task(task.id())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not the same ones");
    }

    /** The records' states cut at random points into 1 to 5 partitions, each merged from its samples' states. */
    private static List<PooledStats> split(Task task, List<SampleRecord> records, Random random) {
        List<PooledStats> parts = new ArrayList<>();
        int pieces = 1 + random.nextInt(5);
        int at = 0;
        for (int p = 0; p < pieces; p++) {
            int end = p == pieces - 1 ? records.size() : at + random.nextInt(records.size() - at + 1);
            PooledStats part = new PooledStats();
            for (SampleRecord r : records.subList(at, end)) {
                part.merge(new PooledStats().add(task, r));
            }
            parts.add(part);
            at = end;
        }
        return parts;
    }

    private static PooledStats randomTree(List<PooledStats> parts, Random random) {
        List<PooledStats> level = new ArrayList<>(parts);
        while (level.size() > 1) {
            PooledStats a = level.remove(random.nextInt(level.size()));
            PooledStats b = level.remove(random.nextInt(level.size()));
            level.add(random.nextBoolean() ? a.merge(b) : b.merge(a));
        }
        return level.get(0);
    }

    /**
     * A driver killed mid-run resumes from its run directory: `eibench run --engine spark` in its own JVM (the
     * launcher's JVM options, the class path in CLASSPATH as ./eibench passes it), killed with SIGKILL once DnCNN's
     * first partitions are written and before its last, then the same command again to the end. The run ends with
     * the plain run's summary.json bytes, lines (none twice, none missing) and predictions, and the second driver ran
     * only the samples the first had not written.
     */
    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void aDriverKilledMidRunResumes() throws Exception {
        Path out = tmp.resolve("killed");
        Path dncnnLines = out.resolve("dncnn-s25/samples/denoise-set12-s25.jsonl");
        // One sample per partition at most (so lines arrive one partition at a time), one scoring thread each.
        List<String> args = List.of("run", "--suite", suite, "--out", out.toString(), "--engine", "spark",
                "--spark-master", "local[2]", "--spark-conf", SparkEngine.PARTITIONS + "=16", "--threads", "1",
                "--data", RunDirs.data().toString(), "--no-cache");
        long t0 = System.nanoTime();
        Process first = driver(args, tmp.resolve("killed-1.log"));
        int written = 0;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (first.isAlive() && System.nanoTime() < deadline) {
                written = completeLines(dncnnLines);
                if (written >= 1) {
                    break;
                }
                Thread.sleep(20);
            }
            assertThat(first.isAlive()).as("the driver still runs when DnCNN's first lines are in (%s)",
                    Files.readString(tmp.resolve("killed-1.log"))).isTrue();
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            first.destroyForcibly();
        }
        written = completeLines(dncnnLines);
        System.out.printf("driver killed after %.1f s with %d DnCNN line(s)%n", (System.nanoTime() - t0) / 1e9, written);
        assertThat(written).as("killed mid-run").isBetween(1, 4);
        assertThat(out.resolve("dncnn-s25/summary.json")).doesNotExist();
        assertThat(Files.readString(out.resolve("dncnn-s25/run.json"))).contains("running");

        Path log = tmp.resolve("killed-2.log");
        Process second = driver(args, log);
        try {
            assertThat(second.waitFor(100, TimeUnit.SECONDS)).as("the resumed run ends").isTrue();
        } finally {
            second.destroyForcibly();
        }
        String text = Files.readString(log);
        assertThat(second.exitValue()).as(text).isZero();
        System.out.printf("killed and resumed in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        // identity had finished before the kill: nothing to run; DnCNN: only what the first driver had not written.
        assertThat(text).containsOnlyOnce("spark: " + (5 - written) + " sample(s) in ");
        for (String m : MODELS) {
            RunDirs.assertSameRun(plain.resolve(m), out.resolve(m));
        }
    }

    /** `eibench` with the given arguments in a JVM of its own, as ./eibench starts a Spark run; output to {@code log}. */
    private static Process driver(List<String> args, Path log) throws IOException {
        Path root = Path.of(System.getProperty("eibench.repo.root", "..")).toAbsolutePath().normalize();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "@" + root.resolve("spark/jvm.options"), "org.eibench.harness.Main"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        // The class path through CLASSPATH, not -cp: ONNX Runtime 1.29.0 crashes on long command lines.
        pb.environment().put("CLASSPATH",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        return pb.start();
    }

    /** Lines ended by a newline (a killed writer may leave a torn last one). */
    private static int completeLines(Path f) throws IOException {
        if (!Files.exists(f)) {
            return 0;
        }
        int n = 0;
        for (byte b : Files.readAllBytes(f)) {
            n += b == '\n' ? 1 : 0;
        }
        return n;
    }

    /**
     * EIBench's modules on the test class path (class folders before `package` in a reactor build, or the installed
     * eibench-* jars when the module is tested alone with {@code -pl spark}): the executors get the rest from
     * SPARK_HOME/jars. A short list, so the executor's command line stays far below the length at which ONNX Runtime
     * 1.29.0 crashes (docs/models.md).
     */
    private static String eibenchClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path root = Path.of(System.getProperty("eibench.repo.root", "..")).toAbsolutePath().normalize();
        List<String> mine = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            Path p = Path.of(e).toAbsolutePath().normalize();
            boolean module = p.startsWith(root) || p.getFileName().toString().startsWith("eibench-");
            if (module && Files.exists(p)) {
                mine.add(p.toString());
            }
        }
        return String.join(File.pathSeparator, mine);
    }

    @Test
    void partitionsFollowTheShardRule() {
        List<SampleRef> refs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            refs.add(new SampleRef("s" + i, Path.of("in" + i), Path.of("t" + i), null, Map.of()));
        }
        List<List<Executors.Item>> parts = SparkEngine.partition(Map.of("t", refs), 4);
        assertThat(parts.stream().mapToInt(List::size).sum()).isEqualTo(40);
        for (List<Executors.Item> part : parts) {
            int shard = -1;
            for (Executors.Item it : part) {
                int s = 0;
                while (!new Plan.Shard(s, 4).contains(it.sampleId())) {
                    s++;
                }
                assertThat(shard == -1 || shard == s).as("one shard per partition").isTrue();
                shard = s;
            }
        }
    }

    @Test
    void aTaskRunsOnTheCudaDeviceSparkAssignedIt() {
        assertThat(SparkEngine.cudaDevice(Map.of())).isNull();
        assertThat(SparkEngine.cudaDevice(Map.of("gpu", new ResourceInformation("gpu", new String[] {"3"}))))
                .isEqualTo(3);
        assertThat(SparkEngine.cudaDevice(Map.of("fpga", new ResourceInformation("fpga", new String[] {"1"}))))
                .isNull();
    }
}
