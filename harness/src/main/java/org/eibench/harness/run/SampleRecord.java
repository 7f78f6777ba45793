package org.eibench.harness.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eibench.metrics.Stats;
import org.eibench.tasks.Task;
import org.eibench.tasks.data.SampleRef;

/**
 * One line of {@code samples/<task>.jsonl}: a finished sample, scored or failed. Per-metric statistics are what the
 * summary is rebuilt from; values are there for people and for per-sample charts.
 *
 * @param stage     for a failure: load, model, decode or score
 * @param metrics   metric key -> (values, statistics)
 * @param timingMs  load, model, score milliseconds
 * @param source    where the sample came from (instruction index/style, input and target files), or null
 * @param notes     the decoder's remarks on the sample by key (e.g. {@code instruction_opposite_convention}); the
 *                  summary counts them per key
 * @param resized   "WxH to WxH" when the output's size differed from the target's, so the decoder resampled it
 *                  (written as {@code decoder_resized}; the report counts it per task); null when the sizes matched.
 *                  Not counted in summary.json, which stays as before for the same outputs
 */
public record SampleRecord(String id, boolean ok, String stage, String reason, String instruction,
                           Map<String, MetricResult> metrics, String prediction, String predictionSha256,
                           Map<String, Double> timingMs, Source source, Map<String, String> notes, String resized) {

    public SampleRecord {
        notes = notes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(notes));
    }

    public SampleRecord(String id, boolean ok, String stage, String reason, String instruction,
                        Map<String, MetricResult> metrics, String prediction, String predictionSha256,
                        Map<String, Double> timingMs, Source source, Map<String, String> notes) {
        this(id, ok, stage, reason, instruction, metrics, prediction, predictionSha256, timingMs, source, notes, null);
    }

    public SampleRecord(String id, boolean ok, String stage, String reason, String instruction,
                        Map<String, MetricResult> metrics, String prediction, String predictionSha256,
                        Map<String, Double> timingMs, Source source) {
        this(id, ok, stage, reason, instruction, metrics, prediction, predictionSha256, timingMs, source, Map.of());
    }

    public record MetricResult(Map<String, Double> values, Stats stats) {
    }

    /**
     * What is known of a sample's origin, written as optional fields of its line: {@code instruction_index} (index in
     * the task's instruction set; null for a per-sample instruction from the data), {@code instruction_style}, and the
     * {@code input} / {@code target} files (relative to the task's {@code data_root} of run.json when inside it, else
     * absolute; the reports gallery resolves them the same way). {@code input} is null when the model's input is
     * synthesised by a degradation: no file holds it.
     */
    public record Source(Integer instructionIndex, String instructionStyle, String input, String target) {

        /** From a sample reference of a task. */
        public static Source of(Task task, SampleRef ref) {
            return of(ref, task.spec().data() == null ? null : task.spec().data().root(), task.degradation() != null);
        }

        /** From a sample reference of a task whose data root is {@code dataRoot}. */
        static Source of(SampleRef ref, Path dataRoot, boolean synthesisedInput) {
            return new Source(ref.instructionIndex() >= 0 ? ref.instructionIndex() : null, ref.instructionStyle(),
                    synthesisedInput ? null : path(ref.input(), dataRoot), path(ref.target(), dataRoot));
        }

        static String path(Path p, Path root) {
            if (p == null) {
                return null;
            }
            Path abs = p.toAbsolutePath().normalize();
            if (root != null) {
                Path r = root.toAbsolutePath().normalize();
                if (abs.startsWith(r) && !abs.equals(r)) {
                    // '/' on every OS: lines are read back elsewhere.
                    return r.relativize(abs).toString().replace(java.io.File.separatorChar, '/');
                }
            }
            return abs.toString();
        }
    }

    public SampleRecord(String id, boolean ok, String stage, String reason, String instruction,
                        Map<String, MetricResult> metrics, String prediction, String predictionSha256,
                        Map<String, Double> timingMs) {
        this(id, ok, stage, reason, instruction, metrics, prediction, predictionSha256, timingMs, null);
    }

    public static SampleRecord failed(String id, String stage, String reason, String instruction) {
        return new SampleRecord(id, false, stage, reason, instruction, Map.of(), null, null, Map.of());
    }

    public SampleRecord withSource(Source s) {
        return new SampleRecord(id, ok, stage, reason, instruction, metrics, prediction, predictionSha256, timingMs, s, notes,
                resized);
    }

    public SampleRecord withNotes(Map<String, String> n) {
        return new SampleRecord(id, ok, stage, reason, instruction, metrics, prediction, predictionSha256, timingMs, source, n,
                resized);
    }

    public SampleRecord withResized(String r) {
        return new SampleRecord(id, ok, stage, reason, instruction, metrics, prediction, predictionSha256, timingMs, source, notes,
                r);
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.LINES.createObjectNode();
        o.put("id", id);
        o.put("status", ok ? "ok" : "failed");
        if (!ok) {
            o.put("stage", stage);
            o.put("reason", reason);
        }
        if (instruction != null) {
            o.put("instruction", instruction);
        }
        if (source != null) {
            if (source.instructionIndex() != null) {
                o.put("instruction_index", source.instructionIndex());
            }
            if (source.instructionStyle() != null) {
                o.put("instruction_style", source.instructionStyle());
            }
            if (source.input() != null) {
                o.put("input", source.input());
            }
            if (source.target() != null) {
                o.put("target", source.target());
            }
        }
        if (ok) {
            ObjectNode ms = o.putObject("metrics");
            metrics.forEach((k, r) -> {
                ObjectNode m = ms.putObject(k);
                ObjectNode vals = m.putObject("values");
                r.values().forEach((vk, vv) -> Json.putNumber(vals, vk, vv));
                m.set("stats", Json.stats(r.stats()));
            });
            o.put("prediction", prediction);
            o.put("prediction_sha256", predictionSha256);
            if (resized != null) {
                o.put("decoder_resized", resized);
            }
        }
        if (!notes.isEmpty()) {
            ObjectNode n = o.putObject("notes");
            notes.forEach(n::put);
        }
        if (!timingMs.isEmpty()) {
            ObjectNode t = o.putObject("timing_ms");
            timingMs.forEach((k, v) -> t.put(k, Math.round(v * 1000) / 1000.0));
        }
        return o;
    }

    public static SampleRecord fromJson(JsonNode o) {
        boolean ok = "ok".equals(o.path("status").asText());
        Map<String, MetricResult> metrics = new LinkedHashMap<>();
        o.path("metrics").fields().forEachRemaining(e -> {
            Map<String, Double> values = new LinkedHashMap<>();
            e.getValue().path("values").fields().forEachRemaining(v ->
                    values.put(v.getKey(), v.getValue().isNull() ? Double.NaN : v.getValue().asDouble()));
            metrics.put(e.getKey(), new MetricResult(values, Json.stats(e.getValue().path("stats"))));
        });
        Map<String, Double> timing = new LinkedHashMap<>();
        o.path("timing_ms").fields().forEachRemaining(e -> timing.put(e.getKey(), e.getValue().asDouble()));
        Source source = null;
        if (o.has("instruction_index") || o.has("instruction_style") || o.has("input") || o.has("target")) {
            source = new Source(o.hasNonNull("instruction_index") ? o.path("instruction_index").asInt() : null,
                    o.path("instruction_style").asText(null), o.path("input").asText(null), o.path("target").asText(null));
        }
        Map<String, String> notes = new LinkedHashMap<>();
        o.path("notes").fields().forEachRemaining(e -> notes.put(e.getKey(), e.getValue().asText()));
        return new SampleRecord(o.path("id").asText(), ok, o.path("stage").asText(null), o.path("reason").asText(null),
                o.path("instruction").asText(null), metrics, o.path("prediction").asText(null),
                o.path("prediction_sha256").asText(null), timing, source, notes, o.path("decoder_resized").asText(null));
    }
}
