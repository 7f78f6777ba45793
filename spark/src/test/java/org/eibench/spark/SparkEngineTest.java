package org.eibench.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.spark.resource.ResourceInformation;
import org.eibench.harness.run.Plan;
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
        assertThat(RunDirs.cli("run", "--suite", suite, "--out", spark.toString(),
                "--engine", "spark", "--spark-master", "local[2]")).isZero();
        for (String m : MODELS) {
            RunDirs.assertSameRun(plain.resolve(m), spark.resolve(m));
        }
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
     * EIBench's modules on the test class path (class folders before `package`): the executors get the rest from
     * SPARK_HOME/jars. A short list, so the executor's command line stays far below the length at which ONNX Runtime
     * 1.29.0 crashes (docs/models.md).
     */
    private static String eibenchClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path root = Path.of(System.getProperty("eibench.repo.root", "..")).toAbsolutePath().normalize();
        List<String> mine = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            Path p = Path.of(e).toAbsolutePath().normalize();
            if (p.startsWith(root) && Files.exists(p)) {
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
