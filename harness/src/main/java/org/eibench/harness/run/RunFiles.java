package org.eibench.harness.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.eibench.runtime.Capabilities;
import org.eibench.runtime.ModelInfo;
import org.eibench.tasks.Task;
import org.eibench.tasks.TaskCatalog;
import org.eibench.tasks.spec.SpecException;

/** Reading back what a run directory's run.json says: its tasks (re-loaded from their sources), model, settings. */
public final class RunFiles {

    private RunFiles() {
    }

    public static JsonNode runJson(Path dir) throws IOException {
        Path f = dir.resolve(RunDirectory.RUN_JSON);
        if (!Files.isRegularFile(f)) {
            throw new IOException(dir + " is not a run directory (no run.json)");
        }
        return Json.LINES.readTree(f.toFile());
    }

    /**
     * The run's tasks with their current specs: built-in ones by id, task files by path. For rescore this is the
     * point (the spec may have changed); for merge and compare the identity check says whether it did.
     */
    public static List<Task> tasks(JsonNode run, TaskCatalog catalog) throws SpecException {
        List<Task> tasks = new ArrayList<>();
        for (JsonNode t : run.path("tasks")) {
            String source = t.path("source").asText("");
            String ref = source.startsWith("builtin:") ? source.substring("builtin:".length())
                    : source.isEmpty() ? t.path("id").asText() : source;
            tasks.add(catalog.task(ref));
        }
        return tasks;
    }

    public static ModelInfo model(JsonNode run) {
        JsonNode m = run.path("model");
        Map<String, Object> details = Json.LINES.convertValue(m.path("details"),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        java.util.Set<String> hints = new java.util.TreeSet<>();
        m.path("capabilities").path("hints").forEach(h -> hints.add(h.asText()));
        return new ModelInfo(m.path("id").asText(), m.path("checksum").asText(null), m.path("device").asText(null),
                details, new Capabilities(m.path("capabilities").path("reads_reference").asBoolean(false), hints));
    }

    /** The settings a run was made with (threads as recorded; they do not change results); see RunSettings.toJson. */
    public static RunSettings settings(JsonNode run) {
        JsonNode s = run.path("settings");
        String shard = s.path("shard").asText("all");
        Map<String, Object> params = s.has("generation_params")
                ? Json.LINES.convertValue(s.get("generation_params"),
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { })
                : Map.of();
        long seed = s.path("seed").asLong(0);
        return RunSettings.builder()
                .threads(s.path("loader_threads").asInt(2), s.path("score_threads").asInt(2))
                .batchSize(s.hasNonNull("batch_size") ? s.get("batch_size").asInt() : null)
                .seed(seed)
                .subsetSeed(s.path("subset_seed").asLong(seed))
                .limit(s.hasNonNull("limit") ? s.get("limit").asInt() : null)
                .shard("all".equals(shard) ? null : Plan.Shard.parse(shard))
                .generationParams(params)
                .predictionPng(PredictionPng.Compression.valueOf(
                        s.path("prediction_png").asText("small").toUpperCase(java.util.Locale.ROOT)))
                .copyPredictions("copy".equals(s.path("prediction_files").asText("link")))
                .build();
    }
}
