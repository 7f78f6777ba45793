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
 * What makes two runs comparable (DESIGN §3): the code (EIBench version and git commit), tasks (id, version, spec
 * hash, digest of their data files), model (id, checksum, capabilities), generation params, seed and subset; never
 * transport settings such as threads or batch size. A resumed run reuses finished samples only under an equal
 * identity, so lines scored by other code or on other data are never mixed.
 */
public record RunIdentity(Map<String, Object> components, String sha256, Map<String, TaskData> data) {

    public RunIdentity {
        data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /**
     * @param code       {@link Version#identity()}, or another build's for tests
     * @param data       each task's data digest by task id; its content digest is identity, the rest is recorded
     * @param subsetSeed seed of the {@code --limit} subset; part of the identity only when there is a limit
     */
    public static RunIdentity of(Map<String, Object> code, List<Task> tasks, Map<String, TaskData> data, ModelInfo model,
                                 Map<String, Object> generationParams, long seed, Integer limit, long subsetSeed) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("eibench", new LinkedHashMap<>(code));
        List<Map<String, Object>> ts = new ArrayList<>();
        for (Task t : tasks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id());
            m.put("version", t.spec().version());
            m.put("spec_sha256", t.spec().specHash());
            m.put("data_sha256", data.get(t.id()).sha256());
            ts.add(m);
        }
        c.put("tasks", ts);
        c.put("model", model.id());
        c.put("model_checksum", model.checksum());
        Map<String, Object> caps = new LinkedHashMap<>();
        caps.put("reads_reference", model.capabilities().readsReference());
        caps.put("hints", model.capabilities().sortedHints());
        c.put("model_capabilities", caps);
        c.put("generation_params", new java.util.TreeMap<>(generationParams));
        c.put("seed", seed);
        c.put("limit", limit);
        if (limit != null) {
            c.put("subset_seed", subsetSeed);
        }
        try {
            byte[] canonical = Json.LINES.writeValueAsString(c).getBytes(StandardCharsets.UTF_8);
            return new RunIdentity(c, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical)), data);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Human-readable differences against the identity stored in an existing run.json: the code, each task's spec and
     * data by id, then the other components.
     */
    public List<String> differences(JsonNode stored) {
        List<String> diffs = new ArrayList<>();
        JsonNode mine = Json.LINES.valueToTree(components);
        mine.fieldNames().forEachRemaining(k -> {
            JsonNode a = stored.get(k);
            JsonNode b = mine.get(k);
            if (k.equals("eibench") && (a == null || !a.equals(b))) {
                diffs.add("code: made by EIBench " + describe(a) + ", this is EIBench " + describe(b));
            } else if (k.equals("tasks") && a != null && a.isArray()) {
                diffs.addAll(taskDifferences(a, b));
            } else if (a == null || !a.equals(b)) {
                diffs.add(k + ": " + (a == null ? "(absent)" : a.toString()) + " -> " + b);
            }
        });
        return diffs;
    }

    private static String describe(JsonNode code) {
        if (code == null || code.isMissingNode()) {
            return "(not recorded: before code identity)";
        }
        return code.path("version").asText("?") + (code.has("commit") ? " (commit " + code.path("commit").asText() + ")" : "");
    }

    private static List<String> taskDifferences(JsonNode stored, JsonNode mine) {
        Map<String, JsonNode> before = new LinkedHashMap<>();
        stored.forEach(t -> before.put(t.path("id").asText(), t));
        Map<String, JsonNode> now = new LinkedHashMap<>();
        mine.forEach(t -> now.put(t.path("id").asText(), t));
        List<String> diffs = new ArrayList<>();
        if (!before.keySet().equals(now.keySet())) {
            diffs.add("tasks: " + before.keySet() + " -> " + now.keySet());
        }
        for (Map.Entry<String, JsonNode> e : now.entrySet()) {
            JsonNode old = before.get(e.getKey());
            if (old == null) {
                continue;
            }
            for (String field : List.of("version", "spec_sha256", "data_sha256")) {
                JsonNode a = old.get(field);
                JsonNode b = e.getValue().get(field);
                if (a == null || !a.equals(b)) {
                    String what = field.equals("data_sha256") ? "data files changed" : field.equals("spec_sha256") ? "spec changed" : "version";
                    diffs.add("task " + e.getKey() + ": " + what + " (" + field + " " + (a == null ? "(absent)" : a.asText())
                            + " -> " + b.asText() + ")");
                }
            }
        }
        return diffs;
    }
}
