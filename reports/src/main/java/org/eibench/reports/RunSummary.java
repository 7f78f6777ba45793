package org.eibench.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A run's summary.json as the reports read it (format eibench/summary@1). Reports depend on this file format only,
 * so they can render runs made anywhere.
 */
public record RunSummary(Path dir, String model, String identity, Map<String, TaskResult> tasks) {

    public record MetricResult(String key, Double value, Double lo, Double hi, boolean higherIsBetter) {
    }

    public record TaskResult(String id, String title, String split, String zeroShot, String kind, int n, int failed,
                             List<MetricResult> metrics, List<String> failures) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static RunSummary read(Path runDir) throws IOException {
        Path file = runDir.resolve("summary.json");
        if (!Files.isRegularFile(file)) {
            throw new IOException(runDir + ": no summary.json (is this a run directory?)");
        }
        JsonNode root = JSON.readTree(file.toFile());
        if (!"eibench/summary@1".equals(root.path("format").asText())) {
            throw new IOException(file + ": field 'format' is not eibench/summary@1");
        }
        Map<String, TaskResult> tasks = new LinkedHashMap<>();
        root.path("tasks").fields().forEachRemaining(e -> {
            JsonNode t = e.getValue();
            List<MetricResult> metrics = new ArrayList<>();
            t.path("metrics").fields().forEachRemaining(m -> {
                JsonNode v = m.getValue();
                JsonNode ci = v.path("ci95");
                metrics.add(new MetricResult(m.getKey(), num(v.get("value")), num(ci.get(0)), num(ci.get(1)),
                        v.path("higher_is_better").asBoolean(true)));
            });
            List<String> failures = new ArrayList<>();
            t.path("failures").forEach(f -> failures.add(f.path("id").asText() + " (" + f.path("stage").asText() + "): "
                    + f.path("reason").asText()));
            tasks.put(e.getKey(), new TaskResult(e.getKey(), t.path("title").asText(e.getKey()), t.path("split").asText(),
                    t.path("zero_shot").asText(), t.path("kind").asText(), t.path("n").asInt(), t.path("failed").asInt(),
                    metrics, failures));
        });
        return new RunSummary(runDir, root.path("run").path("model").asText(), root.path("run").path("identity").asText(), tasks);
    }

    private static Double num(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asDouble();
    }
}
