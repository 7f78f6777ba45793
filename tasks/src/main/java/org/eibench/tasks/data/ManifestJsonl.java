package org.eibench.tasks.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One JSON object per line: {@code {"id": "...", "input": "in/a.png", "target": "gt/a.png", "instruction": "...",
 * "meta": {...}}}, plus optional {@code annotations} (a list of further ground-truth files, for edges) and {@code
 * depth} (a depth map for haze synthesis). Paths are relative to the dataset root and may not leave it. Blank lines
 * and lines starting with {@code #} are skipped. Every error names the file and line.
 */
final class ManifestJsonl implements Layout {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("id", "input", "target", "instruction", "meta", "annotations", "depth");

    private final DataRoot root;
    private final String file;

    ManifestJsonl(DataRoot root, String file) {
        this.root = root;
        this.file = file;
    }

    @Override
    public String name() {
        return "manifest-jsonl";
    }

    @Override
    public List<java.nio.file.Path> indexFiles() throws IOException {
        return List.of(root.resolve(file, "data.file"));
    }

    @Override
    public List<SampleRef> list() throws IOException {
        Path manifest = root.resolve(file, "data.file");
        if (!Files.isRegularFile(manifest)) {
            throw new IOException("data.file: manifest '" + file + "' not found under " + root.root());
        }
        List<SampleRef> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (BufferedReader r = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                String where = manifest + ":" + n;
                JsonNode o;
                try {
                    o = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new IOException(where + ": not valid JSON: " + e.getOriginalMessage());
                }
                if (o == null || !o.isObject()) {
                    throw new IOException(where + ": each line must be a JSON object");
                }
                for (var it = o.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!KEYS.contains(k)) {
                        throw new IOException(where + ": unknown key '" + k + "'; keys: id, input, target, instruction, meta, annotations, depth");
                    }
                }
                String id = text(o, "id", where, true);
                if (!ids.add(id)) {
                    throw new IOException(where + ": duplicate id '" + id + "'");
                }
                if (id.contains("/") || id.contains("\\") || id.equals("..") || id.equals(".")) {
                    throw new IOException(where + ": id '" + id + "' must not contain path separators");
                }
                String input = text(o, "input", where, false);
                String target = text(o, "target", where, true);
                String instruction = text(o, "instruction", where, false);
                Map<String, Object> meta = new LinkedHashMap<>();
                if (o.has("meta")) {
                    if (!o.get("meta").isObject()) {
                        throw new IOException(where + ": 'meta' must be an object");
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = JSON.convertValue(o.get("meta"), Map.class);
                    meta.putAll(m);
                }
                List<Path> annotations = new ArrayList<>();
                if (o.has("annotations")) {
                    if (!o.get("annotations").isArray()) {
                        throw new IOException(where + ": 'annotations' must be a list of paths");
                    }
                    for (JsonNode a : o.get("annotations")) {
                        annotations.add(root.resolve(a.asText(), where + " annotations"));
                    }
                }
                Path depth = o.has("depth") ? root.resolve(text(o, "depth", where, true), where + " depth") : null;
                out.add(new SampleRef(id, input == null ? null : root.resolve(input, where + " input"),
                        root.resolve(target, where + " target"), instruction, meta, annotations, depth, -1, null));
            }
        }
        out.sort(java.util.Comparator.comparing(SampleRef::id));
        return out;
    }

    private static String text(JsonNode o, String key, String where, boolean required) throws IOException {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IOException(where + ": '" + key + "' is required");
            }
            return null;
        }
        if (!v.isTextual() && !(key.equals("id") && v.isIntegralNumber())) {
            throw new IOException(where + ": '" + key + "' must be a string");
        }
        return v.asText();
    }
}
