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
 *
 * @param readsReference the model declared that it reads the ground truth (a ceiling check such as the oracle)
 * @param hints          task hints the model declared and was given (e.g. {@code blur_kernel}: non-blind)
 */
public record RunSummary(Path dir, String model, String identity, Map<String, TaskResult> tasks, boolean readsReference,
                         List<String> hints) {

    public RunSummary {
        hints = List.copyOf(hints);
    }

    public record MetricResult(String key, Double value, Double lo, Double hi, boolean higherIsBetter) {
    }

    /**
     * @param n        samples scored (the values are over these)
     * @param planned  samples the run planned for the task
     * @param coverage n / planned (1 when nothing was planned)
     */
    public record TaskResult(String id, String title, String split, String zeroShot, String kind, int n, int failed,
                             List<MetricResult> metrics, List<String> failures, int planned, int missing, double coverage) {

        /** Values over part of the task: readers must see it beside every number. */
        public boolean partial() {
            return coverage < 1;
        }

        /** "coverage 71.4% (5 of 7)" when partial, else "". Rounded down so that 99.96% never reads 100%. */
        public String coverageText() {
            return partial() ? "coverage " + percent(coverage) + " (" + n + " of " + planned + ")" : "";
        }
    }

    /** A fraction as a percentage with one decimal, rounded down. */
    static String percent(double fraction) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", Math.floor(fraction * 1000) / 10);
    }

    /** Not an evaluation of a model on its own: it read the ground truth or was given task hints. */
    public boolean privileged() {
        return readsReference || !hints.isEmpty();
    }

    /** How reports label a privileged run ("ceiling: reads the ground truth", "non-blind: given blur_kernel"), or "". */
    public String privilegeLabel() {
        if (readsReference) {
            return "ceiling: reads the ground truth";
        }
        return hints.isEmpty() ? "" : "non-blind: given " + String.join(", ", hints);
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
            int n = t.path("n").asInt();
            int failed = t.path("failed").asInt();
            int planned = t.path("planned").asInt(n + failed);
            double coverage = t.path("coverage").isNumber() ? t.path("coverage").asDouble()
                    : planned == 0 ? 1.0 : n / (double) planned;
            tasks.put(e.getKey(), new TaskResult(e.getKey(), t.path("title").asText(e.getKey()), t.path("split").asText(),
                    t.path("zero_shot").asText(), t.path("kind").asText(), n, failed, metrics, failures, planned,
                    t.path("missing").asInt(0), coverage));
        });
        JsonNode run = root.path("run");
        JsonNode caps = run.path("model_capabilities");
        List<String> hints = new ArrayList<>();
        caps.path("hints").forEach(h -> hints.add(h.asText()));
        return new RunSummary(runDir, run.path("model").asText(), run.path("identity").asText(), tasks,
                caps.path("reads_reference").asBoolean(false), hints);
    }

    private static Double num(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asDouble();
    }
}
