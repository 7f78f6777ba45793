package org.eibench.runtime.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The YAML card that says how to feed an ONNX image-to-image model (docs/models.md): which tensors, colour space,
 * normalisation and output scale. {@code tensor = (pixel / scale - mean) / std}; the output is mapped back with the
 * inverse of the output side's settings.
 *
 * @param file   the .onnx file: absolute, relative to the card, or {@code ${EIBENCH_DATA}/...}
 * @param kinds  task kinds this model serves
 */
public record ModelCard(String id, String description, String file, List<String> kinds, TensorSpec input,
                        TensorSpec output, int batch) {

    /** Colour space of a tensor: one gray plane, BT.601 full-range Y (as OpenCV's YCrCb), or three planes. */
    public enum Color {
        GRAY, Y, RGB, BGR;

        public int planes() {
            return this == RGB || this == BGR ? 3 : 1;
        }
    }

    public record TensorSpec(String name, Color color, double scale, double mean, double std) {
    }

    public static final String FORMAT = "eibench/model@1";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static ModelCard read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return parse(in, path.toString());
        }
    }

    public static ModelCard parse(InputStream in, String name) throws IOException {
        JsonNode root = YAML.readTree(in);
        if (root == null || !root.isObject()) {
            throw new IOException(name + ": a model card is a YAML mapping");
        }
        String format = text(root, "format", name, null);
        if (!FORMAT.equals(format)) {
            throw new IOException(name + ": field 'format' must be '" + FORMAT + "', found '" + format + "'");
        }
        for (var it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!List.of("format", "id", "description", "file", "kinds", "input", "output", "batch").contains(f)) {
                throw new IOException(name + ": unknown field '" + f + "'");
            }
        }
        List<String> kinds = root.has("kinds")
                ? YAML.convertValue(root.get("kinds"), YAML.getTypeFactory().constructCollectionType(List.class, String.class))
                : List.of("*");
        return new ModelCard(text(root, "id", name, null), text(root, "description", name, ""), text(root, "file", name, null),
                kinds, tensor(root, "input", name), tensor(root, "output", name),
                root.has("batch") ? root.get("batch").asInt() : 1);
    }

    private static TensorSpec tensor(JsonNode root, String field, String name) throws IOException {
        JsonNode t = root.get(field);
        if (t == null || !t.isObject()) {
            throw new IOException(name + ": field '" + field + "' must be a mapping with name, color, scale");
        }
        for (var it = t.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!List.of("name", "color", "scale", "mean", "std").contains(f)) {
                throw new IOException(name + ": unknown field '" + field + "." + f + "'");
            }
        }
        String color = text(t, "color", name + ": " + field, "rgb");
        Color c;
        try {
            c = Color.valueOf(color.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IOException(name + ": field '" + field + ".color' must be gray, y, rgb or bgr, not '" + color + "'");
        }
        return new TensorSpec(text(t, "name", name + ": " + field, null), c, number(t, "scale", 255.0),
                number(t, "mean", 0.0), number(t, "std", 1.0));
    }

    private static double number(JsonNode n, String field, double fallback) {
        return n.has(field) ? n.get(field).asDouble() : fallback;
    }

    private static String text(JsonNode n, String field, String where, String fallback) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                throw new IOException(where + ": missing field '" + field + "'");
            }
            return fallback;
        }
        return v.asText();
    }

    /** The model file, resolved against the card's folder and the data folder. */
    public Path resolveFile(Path cardDir, Path dataDir) {
        String f = file;
        if (f.startsWith("${EIBENCH_DATA}/")) {
            return dataDir.resolve(f.substring("${EIBENCH_DATA}/".length()));
        }
        Path p = Path.of(f);
        return p.isAbsolute() || cardDir == null ? p : cardDir.resolve(p);
    }

    public Map<String, Object> describe() {
        return Map.of("id", id, "file", file, "input", input.toString(), "output", output.toString());
    }
}
