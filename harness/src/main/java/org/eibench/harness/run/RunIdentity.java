package org.eibench.harness.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.eibench.runtime.ModelInfo;
import org.eibench.tasks.Task;

/**
 * What makes two runs comparable (DESIGN §3): tasks (id, version, spec hash), model (id, checksum), generation
 * params, seed and subset; never transport settings such as threads or batch size. A resumed run reuses finished
 * samples only under an equal identity.
 */
public record RunIdentity(Map<String, Object> components, String sha256) {

    public static RunIdentity of(List<Task> tasks, ModelInfo model, Map<String, Object> generationParams, long seed,
                                 Integer limit) {
        return of(tasks, model, generationParams, seed, limit, seed);
    }

    /** @param subsetSeed seed of the {@code --limit} subset; part of the identity only when there is a limit */
    public static RunIdentity of(List<Task> tasks, ModelInfo model, Map<String, Object> generationParams, long seed,
                                 Integer limit, long subsetSeed) {
        Map<String, Object> c = new LinkedHashMap<>();
        List<Map<String, Object>> ts = new ArrayList<>();
        for (Task t : tasks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id());
            m.put("version", t.spec().version());
            m.put("spec_sha256", t.spec().specHash());
            ts.add(m);
        }
        c.put("tasks", ts);
        c.put("model", model.id());
        c.put("model_checksum", model.checksum());
        c.put("generation_params", new java.util.TreeMap<>(generationParams));
        c.put("seed", seed);
        c.put("limit", limit);
        if (limit != null) {
            c.put("subset_seed", subsetSeed);
        }
        try {
            byte[] canonical = Json.LINES.writeValueAsString(c).getBytes(StandardCharsets.UTF_8);
            return new RunIdentity(c, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Human-readable differences against the identity stored in an existing run.json. */
    public List<String> differences(JsonNode stored) {
        List<String> diffs = new ArrayList<>();
        JsonNode mine = Json.LINES.valueToTree(components);
        mine.fieldNames().forEachRemaining(k -> {
            JsonNode a = stored.get(k);
            JsonNode b = mine.get(k);
            if (a == null || !a.equals(b)) {
                diffs.add(k + ": " + (a == null ? "(absent)" : a.toString()) + " -> " + b);
            }
        });
        return diffs;
    }
}
