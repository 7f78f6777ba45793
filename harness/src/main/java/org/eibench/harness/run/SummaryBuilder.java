package org.eibench.harness.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eibench.metrics.Metric;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;
import org.eibench.metrics.stats.Bootstrap;
import org.eibench.runtime.ModelInfo;
import org.eibench.tasks.Task;

/**
 * Rebuilds summary.json from the sample lines alone: per task the planned, scored, failed and missing samples and the
 * coverage, and per metric the statistics of the ok samples, in id order, summed (exactly: the sums do not depend on
 * the order) and finished, with seeded bootstrap intervals. Nothing here depends on when or in how many pieces the samples ran,
 * so resumed, sharded and uninterrupted runs give the same bytes.
 */
public final class SummaryBuilder {

    private final Bootstrap bootstrap;

    public SummaryBuilder(Bootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    public ObjectNode build(RunDirectory dir, List<Task> tasks, RunIdentity identity, ModelInfo model,
                            Map<String, List<String>> sampleIdsByTask) throws IOException {
        Map<String, ObjectNode> parts = new LinkedHashMap<>();
        for (Task task : tasks) {
            parts.put(task.id(), task(task, dir.readSamples(task.id()), sampleIdsByTask.get(task.id())));
        }
        return assemble(identity, model, parts);
    }

    /**
     * summary.json from the per-task parts made by {@link #task}, in the given order. The model's capabilities say
     * whether its numbers are a model's own (reports keep runs that read the ground truth or took hints out of
     * rankings).
     */
    public static ObjectNode assemble(RunIdentity identity, ModelInfo model, Map<String, ObjectNode> tasks) {
        ObjectNode root = Json.PRETTY.createObjectNode();
        root.put("format", "eibench/summary@1");
        ObjectNode run = root.putObject("run");
        run.put("identity", identity.sha256());
        run.put("model", model.id());
        run.put("model_checksum", model.checksum());
        run.set("model_capabilities", RunManifest.capabilities(model.capabilities()));
        run.put("seed", ((Number) identity.components().get("seed")).longValue());
        ObjectNode ts = root.putObject("tasks");
        tasks.forEach(ts::set);
        return root;
    }

    /**
     * One task's part of summary.json from its sample records (as read from its samples file) and its planned ids;
     * records of samples outside the plan are ignored.
     */
    public ObjectNode task(Task task, Map<String, SampleRecord> samples, List<String> planned) {
        return task(task, samples, planned, null);
    }

    /**
     * The same, with the pooled statistics of the ok samples per metric key given (as a cluster engine combined
     * them, {@link PooledStats}) instead of added up here from the lines; they must hold exactly the ok samples the
     * lines do. Bootstrap intervals still come from the lines' per-sample statistics, in id order.
     *
     * @param pooled metric key -> the accumulated statistics, or null to add up the lines
     */
    public ObjectNode task(Task task, Map<String, SampleRecord> samples, List<String> planned,
                           Map<String, Stats.Accumulator> pooled) {
        Map<String, SampleRecord> records = new TreeMap<>(samples);
        records.keySet().retainAll(planned);
        ObjectNode t = Json.PRETTY.createObjectNode();
        t.put("title", task.spec().title());
        t.put("split", task.spec().split().key());
        t.put("zero_shot", task.spec().zeroShot().key());
        t.put("kind", task.spec().kind().key());
        if (!task.spec().protocol().isEmpty()) {
            t.put("protocol", task.spec().protocol());
        }
        int ok = 0;
        List<SampleRecord> failed = new ArrayList<>();
        for (SampleRecord r : records.values()) {
            if (r.ok()) {
                ok++;
            } else {
                failed.add(r);
            }
        }
        t.put("planned", planned.size());
        t.put("n", ok);
        t.put("failed", failed.size());
        t.put("missing", planned.size() - records.size());
        putCoverage(t, planned.size(), ok);
        ObjectNode ms = t.putObject("metrics");
        ObjectNode notes = Json.PRETTY.createObjectNode();
        for (Task.KeyedMetric km : task.metrics()) {
            List<Stats> perSample = new ArrayList<>();
            java.util.TreeSet<String> ids = new java.util.TreeSet<>();
            for (SampleRecord r : records.values()) {
                if (r.ok() && r.metrics().containsKey(km.key())) {
                    perSample.add(r.metrics().get(km.key()).stats());
                    ids.add(r.id());
                }
            }
            addMetric(ms, notes, km, perSample, pooled == null ? null : pooled(task, km, pooled.get(km.key()), ids));
        }
        // Per-sample notes (e.g. instruction_opposite_convention), counted over the ok samples.
        Map<String, Integer> sampleNotes = new TreeMap<>();
        for (SampleRecord r : records.values()) {
            if (r.ok()) {
                r.notes().keySet().forEach(k -> sampleNotes.merge(k, 1, Integer::sum));
            }
        }
        if (!notes.isEmpty()) {
            t.set("notes", notes);
        }
        if (!sampleNotes.isEmpty()) {
            ObjectNode sn = t.putObject("sample_notes");
            sampleNotes.forEach(sn::put);
        }
        if (!failed.isEmpty()) {
            ArrayNode f = t.putArray("failures");
            for (SampleRecord r : failed) {
                ObjectNode o = f.addObject();
                o.put("id", r.id());
                o.put("stage", r.stage());
                o.put("reason", r.reason());
            }
        }
        return t;
    }

    /**
     * {@code scored} (the samples the metric values are over, the same as {@code n}) and {@code coverage} = scored /
     * planned: a value over part of a task is not the task's value, and readers must be able to tell. 1 when nothing
     * was planned (a shard with no sample of a small task left nothing out).
     */
    static void putCoverage(ObjectNode task, int planned, int scored) {
        task.put("scored", scored);
        task.put("coverage", planned == 0 ? 1.0 : scored / (double) planned);
    }

    /** The given pooled statistics of a metric, checked to be over exactly the ok samples of the lines. */
    private static Stats pooled(Task task, Task.KeyedMetric km, Stats.Accumulator acc, java.util.SortedSet<String> ids) {
        java.util.SortedSet<String> have = acc == null ? new java.util.TreeSet<>() : acc.ids();
        if (!have.equals(ids)) {
            throw new IllegalStateException("task " + task.id() + ", metric " + km.key() + ": the pooled statistics hold "
                    + have.size() + " sample(s), the lines " + ids.size() + " ok sample(s), not the same ones");
        }
        return acc == null ? Stats.EMPTY : acc.result();
    }

    /** @param pooled the ok samples' combined statistics, or null to add up {@code perSample} */
    private void addMetric(ObjectNode ms, ObjectNode notes, Task.KeyedMetric km, List<Stats> perSample, Stats pooled) {
        Metric<?, ?> metric = km.metric();
        Stats total = pooled;
        if (total == null) {
            Stats.Accumulator acc = Stats.Accumulator.of(metric);
            perSample.forEach(acc::add);
            total = acc.result();
        }
        MetricValues values = perSample.isEmpty() ? null : metric.finish(total);
        Map<String, double[]> ci = perSample.isEmpty() ? Map.of() : bootstrap.interval(metric, perSample);
        if (values == null) {
            return;
        }
        for (MetricValue v : values.values()) {
            ObjectNode m = ms.putObject(km.valueKey(v.key()));
            Json.putNumber(m, "value", v.value());
            ArrayNode c = m.putArray("ci95");
            double[] bounds = ci.get(v.key());
            for (int i = 0; i < 2; i++) {
                if (bounds != null && Double.isFinite(bounds[i])) {
                    c.add(bounds[i]);
                } else {
                    c.addNull();
                }
            }
            m.put("higher_is_better", v.higherIsBetter());
        }
        if (!values.notes().isEmpty()) {
            ObjectNode n = notes.putObject(km.key());
            new TreeMap<>(values.notes()).forEach((k, v) -> n.set(k, Json.PRETTY.valueToTree(v)));
        }
    }
}
