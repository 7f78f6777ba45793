package org.eibench.harness.run;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eibench.metrics.Stats;
import org.eibench.tasks.Task;

/**
 * Per task and metric key, the combined statistics of a set of ok samples, each added under its sample id
 * ({@link Stats.Accumulator#add(String, Stats)}: exact sums, rows in id order): the partial state that a cluster
 * engine's workers return for the samples they scored, merged in whatever order or tree the engine chooses (Spark's
 * tree aggregation), then completed by the driver with the samples an earlier run had recorded. Because the
 * accumulators sum exactly and order rows by id, the pooled values equal, bit for bit, those that {@link
 * SummaryBuilder} adds up from the lines in id order. Serializable, to travel between Spark's executors and driver.
 */
public final class PooledStats implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Task id -> metric key (as in the task's metrics and the lines) -> the samples' statistics. */
    private final LinkedHashMap<String, LinkedHashMap<String, Stats.Accumulator>> tasks = new LinkedHashMap<>();

    /**
     * Adds an ok sample's statistics, under its id, for each of the task's metrics the line has; a failed sample has
     * none (the summary leaves failed samples out).
     */
    public PooledStats add(Task task, SampleRecord record) {
        if (!record.ok()) {
            return this;
        }
        for (Task.KeyedMetric km : task.metrics()) {
            SampleRecord.MetricResult m = record.metrics().get(km.key());
            if (m != null) {
                tasks.computeIfAbsent(task.id(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(km.key(), k -> Stats.Accumulator.of(km.metric()))
                        .add(record.id(), m.stats());
            }
        }
        return this;
    }

    /**
     * Adds everything {@code other} holds (exactly: see {@link Stats.Accumulator#merge}); {@code other} is left as it
     * was. Returns this.
     *
     * @throws IllegalArgumentException if a sample is in both
     */
    public PooledStats merge(PooledStats other) {
        other.tasks.keySet().forEach(task -> merge(task, other));
        return this;
    }

    /** Adds what {@code other} holds of one task; returns this. */
    public PooledStats merge(String taskId, PooledStats other) {
        Map<String, Stats.Accumulator> theirs = other.tasks.get(taskId);
        if (theirs == null) {
            return this;
        }
        Map<String, Stats.Accumulator> mine = tasks.computeIfAbsent(taskId, k -> new LinkedHashMap<>());
        theirs.forEach((key, acc) -> {
            Stats.Accumulator a = mine.get(key);
            if (a == null) {
                mine.put(key, acc.copy());
            } else {
                a.merge(acc);
            }
        });
        return this;
    }

    /** A task's accumulated statistics by metric key (absent: no ok sample with that metric); empty for none. */
    public Map<String, Stats.Accumulator> task(String taskId) {
        Map<String, Stats.Accumulator> m = tasks.get(taskId);
        return m == null ? Map.of() : java.util.Collections.unmodifiableMap(m);
    }

    /** How many samples' statistics it holds, over all tasks and metric keys. */
    public long count() {
        return tasks.values().stream().flatMap(m -> m.values().stream()).mapToLong(Stats.Accumulator::count).sum();
    }
}
