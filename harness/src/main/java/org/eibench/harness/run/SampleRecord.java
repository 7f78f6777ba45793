package org.eibench.harness.run;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eibench.metrics.Stats;

/**
 * One line of {@code samples/<task>.jsonl}: a finished sample, scored or failed. Per-metric statistics are what the
 * summary is rebuilt from; values are there for people and for per-sample charts.
 *
 * @param stage     for a failure: load, model, decode or score
 * @param metrics   metric key -> (values, statistics)
 * @param timingMs  load, model, score milliseconds
 */
public record SampleRecord(String id, boolean ok, String stage, String reason, String instruction,
                           Map<String, MetricResult> metrics, String prediction, String predictionSha256,
                           Map<String, Double> timingMs) {

    public record MetricResult(Map<String, Double> values, Stats stats) {
    }

    public static SampleRecord failed(String id, String stage, String reason, String instruction) {
        return new SampleRecord(id, false, stage, reason, instruction, Map.of(), null, null, Map.of());
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
        return new SampleRecord(o.path("id").asText(), ok, o.path("stage").asText(null), o.path("reason").asText(null),
                o.path("instruction").asText(null), metrics, o.path("prediction").asText(null),
                o.path("prediction_sha256").asText(null), timing);
    }
}
