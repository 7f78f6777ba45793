package org.eibench.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eibench.harness.run.Plan;
import org.eibench.harness.run.PredictionPng;
import org.eibench.harness.run.RunDirectory;
import org.eibench.harness.run.RunSettings;
import org.eibench.harness.run.Runner;
import org.eibench.runtime.ModelCatalog;
import org.eibench.runtime.ModelContext;
import org.eibench.runtime.ModelRuntime;
import org.eibench.tasks.Task;
import org.eibench.tasks.TaskCatalog;
import org.eibench.tasks.data.SampleRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runner throughput against the floor of just reading and decoding the same samples, measured in one JVM,
 * alternating, after a warm-up (bench/runner-throughput.sh). Hidden: a tool for developers, not for users.
 */
@Command(name = "bench-runner", hidden = true, mixinStandardHelpOptions = true,
        description = "Measures runner throughput (model SPEC on a suite) against read + decode of the same samples.")
final class RunnerBenchCommand extends CatalogCommand implements Callable<Integer> {

    @Option(names = "--suite", defaultValue = "quick")
    String suite;

    @Option(names = "--model", defaultValue = "oracle")
    String model;

    @Option(names = "--reps", defaultValue = "5")
    int reps;

    @Option(names = "--threads", paramLabel = "N")
    Integer threads;

    @Option(names = "--score-threads", paramLabel = "N")
    Integer scoreThreads;

    @Option(names = "--prediction-png", paramLabel = "small|fast", defaultValue = "small",
            converter = RunCommand.PredictionPngConverter.class)
    PredictionPng.Compression predictionPng;

    @Option(names = "--work", paramLabel = "DIR", description = "scratch folder for the run directories")
    Path work;

    @Override
    public Integer call() throws Exception {
        Path dataDir = data.resolve();
        TaskCatalog catalog = data.catalog();
        List<Task> tasks = new ArrayList<>();
        for (String id : catalog.suite(suite).tasks()) {
            tasks.add(catalog.task(id));
        }
        RunSettings settings = RunSettings.builder().threads(threads, scoreThreads != null ? scoreThreads : threads)
                .predictionPng(predictionPng).build();
        int t = settings.loaderThreads();
        int st = settings.scoreThreads();
        Path scratch = work != null ? work : Files.createTempDirectory("eibench-bench");
        int samples = 0;
        for (Task task : tasks) {
            samples += task.samples().size();
        }
        try (ModelRuntime m = ModelCatalog.load(new ModelContext(dataDir)).open(model)) {
            double[] read = new double[reps];
            double[] run = new double[reps];
            double[] readCpu = new double[reps];
            double[] runCpu = new double[reps];
            readAll(tasks, t);
            runOnce(m, tasks, settings, scratch.resolve("warmup"));
            for (int r = 0; r < reps; r++) {
                double c0 = cpuSeconds();
                read[r] = readAll(tasks, t);
                double c1 = cpuSeconds();
                run[r] = runOnce(m, tasks, settings, scratch.resolve("rep" + r));
                readCpu[r] = c1 - c0;
                runCpu[r] = cpuSeconds() - c1;
            }
            Map<String, Double> stages = stageTotals(m, tasks, settings, scratch.resolve("stages"));
            Map<String, Double> byThread = cpuByThread(m, tasks, settings, scratch.resolve("threads"));
            double readMed = median(read);
            double runMed = median(run);
            System.out.printf("samples: %d (%s suite, %d task(s)); threads: %d loaders + %d scorers (read+decode: %d loaders); model: %s; prediction PNGs: %s; %d reps after a warm-up; %d cores%n",
                    samples, suite, tasks.size(), t, st, t, model, predictionPng.name().toLowerCase(java.util.Locale.ROOT), reps, Runtime.getRuntime().availableProcessors());
            System.out.printf("read+decode only: median %.3f s (%.1f samples/s); runs: %s%n", readMed, samples / readMed, Arrays.toString(read));
            System.out.printf("full run:         median %.3f s (%.1f samples/s); runs: %s%n", runMed, samples / runMed, Arrays.toString(run));
            System.out.printf("throughput ratio (run / read+decode): %.2f%n", readMed / runMed);
            // CPU seconds of this JVM (all threads) per pass: what the wall times come to when every core is busy,
            // and much less sensitive than wall time to other load on a shared machine.
            double readCpuMed = median(readCpu);
            double runCpuMed = median(runCpu);
            System.out.printf("cpu time (process): read+decode median %.3f s, full run median %.3f s; cpu ratio %.2f%n",
                    readCpuMed, runCpuMed, readCpuMed / runCpuMed);
            System.out.printf("per-stage time summed over samples of one more run (ms, wall clock per stage): %s%n", stages);
            System.out.printf("cpu seconds of one more run by thread: %s%n", byThread);
        } finally {
            if (work == null) {
                RescoreCommand.deleteTree(scratch);
            }
        }
        return Main.OK;
    }

    /** Task.load for every sample (input, target, reference), on a pool of the runner's loader size. */
    private static double readAll(List<Task> tasks, int threads) throws Exception {
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (Task task : tasks) {
                for (SampleRef ref : Plan.of(task.samples(), 0, null, null)) {
                    fs.add(pool.submit(() -> task.load(ref)));
                }
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double runOnce(ModelRuntime m, List<Task> tasks, RunSettings settings, Path dir) throws Exception {
        long t0 = System.nanoTime();
        new Runner(settings, null).run(m, tasks, new RunDirectory(dir));
        double s = (System.nanoTime() - t0) / 1e9;
        RescoreCommand.deleteTree(dir);
        return s;
    }

    /**
     * CPU seconds of one run by thread group (loaders, scorers, the calling thread), sampled every 10 ms from
     * ThreadMXBean since pool threads end with the run; "jvm" is the rest of the process (GC, JIT compilers).
     */
    private static Map<String, Double> cpuByThread(ModelRuntime m, List<Task> tasks, RunSettings settings, Path dir)
            throws Exception {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<Long, double[]> seen = new java.util.concurrent.ConcurrentHashMap<>();
        Map<Long, String> names = new java.util.concurrent.ConcurrentHashMap<>();
        long self = Thread.currentThread().getId();
        java.util.function.Consumer<Boolean> sample = baseline -> {
            for (long id : mx.getAllThreadIds()) {
                long ns = mx.getThreadCpuTime(id);
                java.lang.management.ThreadInfo info = mx.getThreadInfo(id);
                if (ns < 0 || info == null) {
                    continue;
                }
                names.putIfAbsent(id, id == self ? "main" : info.getThreadName());
                double[] v = seen.computeIfAbsent(id, k -> new double[] {baseline ? ns / 1e9 : 0, 0});
                v[1] = ns / 1e9;
            }
        };
        sample.accept(true);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread sampler = new Thread(() -> {
            while (!stop.get()) {
                sample.accept(false);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cpu-sampler");
        sampler.setDaemon(true);
        double p0 = cpuSeconds();
        sampler.start();
        new Runner(settings, null).run(m, tasks, new RunDirectory(dir));
        sample.accept(false);
        stop.set(true);
        sampler.join();
        double process = cpuSeconds() - p0;
        RescoreCommand.deleteTree(dir);
        Map<String, Double> groups = new java.util.LinkedHashMap<>();
        double javaThreads = 0;
        for (var e : seen.entrySet()) {
            String n = names.get(e.getKey());
            String g = n.startsWith("eibench-load") ? "loaders" : n.startsWith("eibench-score") ? "scorers"
                    : n.equals("main") ? "main" : n.equals("cpu-sampler") ? "sampler" : "other java";
            double d = e.getValue()[1] - e.getValue()[0];
            groups.merge(g, d, Double::sum);
            javaThreads += d;
        }
        groups.put("jvm (gc, jit)", process - javaThreads);
        groups.replaceAll((k, v) -> Math.round(v * 1000) / 1000.0);
        return groups;
    }

    /** Sums each sample's timing_ms entries over one run: which stage costs what. */
    private static Map<String, Double> stageTotals(ModelRuntime m, List<Task> tasks, RunSettings settings, Path dir) throws Exception {
        new Runner(settings, null).run(m, tasks, new RunDirectory(dir));
        Map<String, Double> sums = new java.util.LinkedHashMap<>();
        RunDirectory d = new RunDirectory(dir);
        for (Task task : tasks) {
            for (var rec : d.readSamples(task.id()).values()) {
                rec.timingMs().forEach((k, v) -> sums.merge(k, v, Double::sum));
            }
        }
        sums.replaceAll((k, v) -> Math.round(v * 10) / 10.0);
        RescoreCommand.deleteTree(dir);
        return sums;
    }

    /** CPU time of this process (all threads) in seconds, or NaN where the JVM does not tell. */
    private static double cpuSeconds() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

}
