package org.eibench.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.resource.ResourceInformation;
import org.eibench.harness.run.Engine;
import org.eibench.harness.run.Json;
import org.eibench.harness.run.Plan;
import org.eibench.harness.run.PooledStats;
import org.eibench.harness.run.RunDirectory;
import org.eibench.harness.run.RunSettings;
import org.eibench.harness.run.Runner;
import org.eibench.harness.run.SampleRecord;
import org.eibench.tasks.Task;
import org.eibench.tasks.data.SampleRef;
import scala.collection.Iterator;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * {@code eibench run --engine spark}: the driver (this process) plans, resumes and writes the run directory exactly as
 * the local runner does; Spark executors load, infer, decode and score. A model's remaining samples are split into
 * partitions by the {@code --shard} rule (partition p of N holds the samples of shard p/N), so a partition that Spark
 * retries after a lost task or executor is the same samples and gives the same lines. Each partition's lines and
 * files come back to the driver as it finishes (Spark keeps only the first result of a partition), and the driver
 * appends them at once, so a killed driver resumes from what its run directory holds. Each partition also returns its
 * samples' metric statistics (a partial state), and the driver combines those with Spark's tree aggregation into the
 * pooled values of summary.json ({@link #reduce}).
 *
 * <p>Settings beyond Spark's own ({@code --spark-conf}): {@code spark.eibench.partitions} (default: 4 per core of
 * the cluster's default parallelism).
 */
public final class SparkEngine implements Engine {

    static final String PARTITIONS = "spark.eibench.partitions";
    /** Levels of the tree that combines the partitions' metric states (Spark's default for treeAggregate). */
    static final int TREE_DEPTH = 2;

    private Setup setup;
    private JavaSparkContext context;
    private final PrintStream log = System.err;

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public void start(Setup s) {
        this.setup = s;
        // new SparkConf() reads spark.* system properties, which is how spark-submit passes its settings.
        SparkConf conf = new SparkConf().setAppName("eibench");
        s.conf().forEach(conf::set);
        conf.setIfMissing("spark.master", "local[*]");
        if (conf.get("spark.master").startsWith("local")) {
            // Embedded: nothing to browse and nothing to reach from elsewhere.
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        context = new JavaSparkContext(conf);
    }

    @Override
    public Runner.Remote remote(String modelSpec) {
        return (settings, tasks, todo, dir) -> run(modelSpec, settings, tasks, todo, dir);
    }

    @Override
    public void close() {
        if (context != null) {
            context.stop();
            context = null;
        }
    }

    private PooledStats run(String modelSpec, RunSettings settings, List<Task> tasks, Map<String, List<SampleRef>> todo,
                            RunDirectory dir) throws IOException {
        int n = partitions();
        List<List<Executors.Item>> parts = partition(todo, n);
        if (parts.isEmpty()) {
            return new PooledStats();
        }
        int total = parts.stream().mapToInt(List::size).sum();
        log.printf("spark: %d sample(s) in %d partition(s) on %s%n", total, parts.size(), context.master());
        Job job = Job.of(setup, modelSpec, settings);
        // One element per slice: parallelize puts element i of n into partition i.
        JavaRDD<List<Executors.Item>> rdd = context.parallelize(parts, parts.size());
        Map<String, RunDirectory.SampleWriter> writers = new LinkedHashMap<>();
        try {
            for (Task t : tasks) {
                if (!todo.get(t.id()).isEmpty()) {
                    writers.put(t.id(), dir.openWriter(t.id()));
                }
            }
            Receiver receiver = new Receiver(dir, writers, total, log);
            context.sc().runJob(rdd.rdd(), new Work(job), receiver, ClassTag$.MODULE$.apply(Part.class));
            return reduce(context, receiver.states, TREE_DEPTH);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            IOException first = null;
            for (RunDirectory.SampleWriter w : writers.values()) {
                try {
                    w.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /**
     * The partitions' partial metric states combined with Spark's tree aggregation: one state per partition of an
     * RDD, merged on the executors level by level ({@code depth} levels) and finally on the driver. The merges
     * happen in an order of Spark's choosing; {@link PooledStats} merges exactly (exact sums, rows in sample-id
     * order), so the result is the same bits as the plain runner's one pass over the lines in id order.
     *
     * <p>The states are those the partitions' first finished attempts sent with their lines (the ones written), not
     * recomputed from a cached RDD: a partition recomputed after a lost executor would rerun its model, which on a GPU
     * need not reproduce the written lines bit for bit.
     */
    static PooledStats reduce(JavaSparkContext context, List<PooledStats> states, int depth) {
        if (states.isEmpty()) {
            return new PooledStats();
        }
        JavaRDD<PooledStats> partials = context.parallelize(states, states.size());
        return partials.treeAggregate(new PooledStats(), SparkEngine::merge, SparkEngine::merge, depth);
    }

    /** Merges {@code b} into {@code a} (Spark lets aggregation functions modify and return their first argument). */
    private static PooledStats merge(PooledStats a, PooledStats b) {
        return a.merge(b);
    }

    private int partitions() {
        String n = context.getConf().get(PARTITIONS, null);
        if (n == null) {
            return Math.max(1, 4 * context.defaultParallelism());
        }
        try {
            int p = Integer.parseInt(n.trim());
            if (p >= 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // the message below says what is accepted
        }
        throw new IllegalArgumentException(PARTITIONS + " must be a whole number of at least 1, not '" + n + "'");
    }

    /** The samples of shard p/n in partition p, in task order, the empty partitions left out. */
    static List<List<Executors.Item>> partition(Map<String, List<SampleRef>> todo, int n) {
        List<List<Executors.Item>> parts = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            Plan.Shard shard = new Plan.Shard(p, n);
            List<Executors.Item> items = new ArrayList<>();
            todo.forEach((task, refs) -> refs.stream().filter(r -> shard.contains(r.id()))
                    .forEach(r -> items.add(new Executors.Item(task, r.id()))));
            if (!items.isEmpty()) {
                parts.add(items);
            }
        }
        return parts;
    }

    /** The CUDA device of a task's GPU: the first address Spark assigned under the resource name "gpu". */
    static Integer cudaDevice(Map<String, ResourceInformation> resources) {
        ResourceInformation gpu = resources.get("gpu");
        if (gpu == null || gpu.addresses().length == 0) {
            return null;
        }
        String address = gpu.addresses()[0];
        try {
            return Integer.parseInt(address.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Spark assigned GPU address '" + address
                    + "', which is not a CUDA device number (check the GPU discovery script)", e);
        }
    }

    /** The executor's function over one partition (its single element: the partition's samples). */
    private static final class Work extends AbstractFunction2<TaskContext, Iterator<List<Executors.Item>>, Part>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Job job;

        Work(Job job) {
            this.job = job;
        }

        @Override
        public Part apply(TaskContext ctx, Iterator<List<Executors.Item>> it) {
            List<Executors.Item> items = new ArrayList<>();
            while (it.hasNext()) {
                items.addAll(it.next());
            }
            try {
                return Executors.run(job, items, cudaDevice(ctx.resourcesJMap()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The driver's side of each finished partition: files first, then the lines that name them (so a line never
     * points at a missing prediction, even after a kill), flushed as they come. Spark calls it on the driver, one
     * partition at a time, for the first finished attempt of each partition only.
     */
    private static final class Receiver extends AbstractFunction2<Object, Part, BoxedUnit> {
        private final RunDirectory dir;
        private final Map<String, RunDirectory.SampleWriter> writers;
        private final int total;
        private final PrintStream log;
        /** The metric state of each partition received, for the tree aggregation once all are in. */
        final List<PooledStats> states = new ArrayList<>();
        private int done;

        Receiver(RunDirectory dir, Map<String, RunDirectory.SampleWriter> writers, int total, PrintStream log) {
            this.dir = dir;
            this.writers = writers;
            this.total = total;
            this.log = log;
        }

        @Override
        public BoxedUnit apply(Object index, Part part) {
            try {
                for (Map.Entry<String, byte[]> f : part.files().entrySet()) {
                    Path target = dir.dir().resolve(f.getKey()).normalize();
                    if (!target.startsWith(dir.dir())) {
                        throw new IOException("partition " + index + " sent a file outside the run directory: " + f.getKey());
                    }
                    dir.writeAtomically(target, f.getValue());
                }
                for (Map.Entry<String, List<String>> e : part.lines().entrySet()) {
                    RunDirectory.SampleWriter w = writers.get(e.getKey());
                    for (String line : e.getValue()) {
                        w.append(SampleRecord.fromJson(Json.LINES.readTree(line)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            states.add(part.stats());
            done += part.samples();
            log.printf("spark: %d/%d samples%n", done, total);
            return BoxedUnit.UNIT;
        }
    }
}
