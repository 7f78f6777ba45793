package org.eibench.runtime.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The YAML card ({@code format: eibench/evaluator@1}, docs/metrics-generation.md) of a network that scores images
 * rather than makes them: a feature network (image to vector: FD, KD), a pair network (two images to a distance:
 * LPIPS) or CLIP (image and text to two embeddings: CLIP score; {@link ClipSpec} has the text side). Tensors follow the model cards' rules ({@code tensor = (pixel / scale - mean[c]) / std[c]}, layout, colour,
 * size); {@code sources} name the published weight files the ONNX file was exported from, which decide whether
 * results may carry a protocol's name ({@link KnownWeights}).
 *
 * @param id      kebab- or snake-case; results of an unknown network are named {@code fd_<id>} etc.
 * @param input   the image tensor (the first image of a pair)
 * @param input2  the second image of a pair (null for feature networks)
 * @param output  the output tensor's name ([1, D] or [1, D, 1, 1]; for a pair also a scalar or [1])
 * @param sources the weight files it was exported from (may be empty)
 * @param clip    CLIP's text encoder and tokenizer (null unless the type is clip)
 */
public record EvaluatorCard(String id, String description, String file, Type type, ModelCard.TensorSpec input,
                            ModelCard.TensorSpec input2, String output, ModelCard.SizeSpec size, List<Source> sources,
                            ClipSpec clip) {

    public static final String FORMAT = "eibench/evaluator@1";
    private static final Pattern ID = Pattern.compile("[a-z0-9]+([-_][a-z0-9]+)*");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What the network computes. */
    public enum Type {
        FEATURES, PAIR, CLIP;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A weight file the ONNX file was made from: its SHA-256 and, optionally, where it lies (then it is checked). */
    public record Source(String sha256, String file) {
    }

    public EvaluatorCard {
        sources = List.copyOf(sources);
        size = size == null ? ModelCard.SizeSpec.DYNAMIC : size;
    }

    /** The id as it appears in metric keys: lower case, dashes as underscores. */
    public String keyId() {
        return id.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /** The card for an ONNX file without one: RGB, NCHW, pixel / 255, dynamic size, named after the file. */
    public static EvaluatorCard defaults(Path onnx, Type type, String inputName, String input2Name, String outputName) {
        String stem = onnx.getFileName().toString().replaceFirst("\\.onnx$", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        ModelCard.TensorSpec in = new ModelCard.TensorSpec(inputName, ModelCard.Color.RGB, 255, 0, 1);
        ModelCard.TensorSpec in2 = input2Name == null ? null : new ModelCard.TensorSpec(input2Name, ModelCard.Color.RGB, 255, 0, 1);
        return new EvaluatorCard(stem.isEmpty() ? "network" : stem, "", onnx.getFileName().toString(), type, in, in2,
                outputName, ModelCard.SizeSpec.DYNAMIC, List.of(), null);
    }

    public static EvaluatorCard read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return parse(in, path.toString());
        }
    }

    public static EvaluatorCard parse(InputStream in, String name) throws IOException {
        JsonNode root = YAML.readTree(in);
        if (root == null || !root.isObject()) {
            throw new IOException(name + ": an evaluator card is a YAML mapping");
        }
        String format = ModelCard.text(root, "format", name, "");
        if (!FORMAT.equals(format)) {
            throw new IOException(name + ": field 'format' must be '" + FORMAT + "', found '" + format + "'");
        }
        ModelCard.allow(root, name, "", "format", "id", "description", "file", "type", "input", "input2", "output", "size",
                "sources", "text", "tokenizer");
        String id = ModelCard.text(root, "id", name, null);
        if (!ID.matcher(id).matches()) {
            throw new IOException(name + ": field 'id' must be lower-case letters and digits joined by - or _, not '" + id + "'");
        }
        String typeText = ModelCard.text(root, "type", name, "features");
        Type type = switch (typeText) {
            case "features" -> Type.FEATURES;
            case "pair" -> Type.PAIR;
            case "clip" -> Type.CLIP;
            default -> throw new IOException(name + ": field 'type' must be features, pair or clip, not '" + typeText + "'");
        };
        ClipSpec clip = null;
        if (type == Type.CLIP) {
            clip = ClipSpec.parse(root, name);
        } else if (root.has("text") || root.has("tokenizer")) {
            throw new IOException(name + ": 'text' and 'tokenizer' are for clip cards only");
        }
        ModelCard.TensorSpec input = ModelCard.tensor(root, "input", name);
        ModelCard.TensorSpec input2 = null;
        if (type == Type.PAIR) {
            if (!root.has("input2")) {
                throw new IOException(name + ": a pair network needs 'input2' (the second image's tensor)");
            }
            input2 = ModelCard.tensor(root, "input2", name);
        } else if (root.has("input2")) {
            throw new IOException(name + ": 'input2' is for pair networks only");
        }
        for (ModelCard.TensorSpec t : input2 == null ? List.of(input) : List.of(input, input2)) {
            if (!t.range().isEmpty()) {
                throw new IOException(name + ": 'range' is not allowed on input tensors");
            }
        }
        JsonNode out = root.get("output");
        if (out == null || !out.isObject()) {
            throw new IOException(name + ": field 'output' must be a mapping with a name");
        }
        ModelCard.allow(out, name, "output.", "name");
        String output = ModelCard.text(out, "name", name, null);
        ModelCard.SizeSpec size = ModelCard.size(root.get("size"), name);
        if (size.mode() == ModelCard.SizeMode.TILE || size.mode() == ModelCard.SizeMode.MULTIPLE) {
            throw new IOException(name + ": an evaluator's size mode must be dynamic or fixed");
        }
        List<Source> sources = new ArrayList<>();
        JsonNode src = root.get("sources");
        if (src != null) {
            if (!src.isArray()) {
                throw new IOException(name + ": field 'sources' must be a list of {sha256, file}");
            }
            for (JsonNode s : src) {
                ModelCard.allow(s, name, "sources[].", "sha256", "file");
                if (s.has("sha256") && !s.get("sha256").isTextual()) {
                    throw new IOException(name + ": 'sources[].sha256' must be quoted (YAML read " + s.get("sha256")
                            + " as a number)");
                }
                String sha = ModelCard.text(s, "sha256", name, null).toLowerCase(Locale.ROOT);
                if (!sha.matches("[0-9a-f]{64}")) {
                    throw new IOException(name + ": 'sources[].sha256' must be 64 hex digits, not '" + sha + "'");
                }
                sources.add(new Source(sha, s.hasNonNull("file") ? s.get("file").asText() : null));
            }
        }
        return new EvaluatorCard(id, ModelCard.text(root, "description", name, ""), ModelCard.text(root, "file", name, null),
                type, input, input2, output, size, sources, clip);
    }
}
