package org.eibench.runtime.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The YAML card ({@code format: eibench/model@1}, every key in docs/models.md) that says how to feed an ONNX
 * image-to-image model: which tensors, their layout, colour and normalisation, how image sizes are handled, and an
 * optional tokenised instruction. {@code tensor = (pixel / scale - mean[c]) / std[c]}; the output is mapped back with
 * the inverse of the output side's settings and clipped to its range.
 *
 * @param file  the .onnx file: absolute, relative to the card, or {@code ${EIBENCH_DATA}/...}
 * @param kinds task kinds this model serves
 * @param size  how input sizes are handled (dynamic, fixed, multiple-of padding, tiling)
 * @param text  the instruction as token ids, or null for image-only models
 */
public record ModelCard(String id, String description, String file, List<String> kinds, TensorSpec input,
                        TensorSpec output, int batch, SizeSpec size, TextSpec text) {

    /** Colour space of a tensor: one gray plane, BT.601 full-range Y (as OpenCV's YCrCb), or three planes. */
    public enum Color {
        GRAY, Y, RGB, BGR;

        public int planes() {
            return this == RGB || this == BGR ? 3 : 1;
        }
    }

    /** Memory order of an image tensor. */
    public enum Layout { NCHW, NHWC }

    /**
     * One image tensor.
     *
     * @param mean  per channel in the tensor's channel order (one value applies to all channels)
     * @param std   as mean
     * @param range output values are clipped to [range[0], range[1]] (in pixel units) when present; empty = no clip
     * @param round input only: round the converted planes to whole grey levels first, as a pipeline that converts
     *              colour on 8-bit images does (for Y: OpenCV's 8-bit YCrCb conversion, as dnn_superres)
     * @param chroma output only, Y colour: the input's chroma resized {@code bicubic} or {@code bilinear}, or
     *              {@code dnn_superres}: 8-bit chroma resized bilinearly, merged and converted back in 8 bits
     */
    public record TensorSpec(String name, Layout layout, Color color, double scale, List<Double> mean, List<Double> std,
                             List<Double> range, boolean round, String chroma) {

        public TensorSpec {
            mean = List.copyOf(mean);
            std = List.copyOf(std);
            range = range == null ? List.of() : List.copyOf(range);
            chroma = chroma == null ? "bicubic" : chroma;
        }

        /** The original five-field form: NCHW, one mean and std for all channels, no clipping. */
        public TensorSpec(String name, Color color, double scale, double mean, double std) {
            this(name, Layout.NCHW, color, scale, List.of(mean), List.of(std), List.of(), false, "bicubic");
        }

        public double mean(int channel) {
            return mean.get(mean.size() == 1 ? 0 : channel);
        }

        public double std(int channel) {
            return std.get(std.size() == 1 ? 0 : channel);
        }
    }

    /** How image sizes reach the model. */
    public enum SizeMode { DYNAMIC, FIXED, MULTIPLE, TILE }

    /**
     * @param width    FIXED: the model's input width
     * @param height   FIXED: the model's input height
     * @param fit      FIXED: {@code stretch} (resize to width x height) or {@code cover} (resize the shorter side,
     *                 centre crop, as torchvision's Resize + CenterCrop)
     * @param interpolation FIXED: bilinear, bicubic or area
     * @param multiple MULTIPLE and TILE: pad H and W up to a multiple of this (reflect padding, bottom/right), crop back
     * @param tile     TILE: tile side in input pixels
     * @param overlap  TILE: overlap between neighbouring tiles; overlapping outputs are averaged
     */
    public record SizeSpec(SizeMode mode, int width, int height, String fit, String interpolation, int multiple, int tile,
                           int overlap) {

        public static final SizeSpec DYNAMIC = new SizeSpec(SizeMode.DYNAMIC, 0, 0, "stretch", "bilinear", 1, 0, 0);
    }

    /**
     * The instruction as an int64 tensor {@code [N, max_length]} of WordPiece ids (see {@link Tokenizer}).
     *
     * @param vocab     JSON file {@code {"token": id, ...}}, resolved like {@code file}
     * @param mask      name of an optional int64 attention-mask input (1 for tokens, 0 for padding), or null
     */
    public record TextSpec(String name, String vocab, int maxLength, boolean lowercase, String pad, String unk,
                           String bos, String eos, String mask) {
    }

    public static final String FORMAT = "eibench/model@1";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The original seven-field form: dynamic size, no text input. */
    public ModelCard(String id, String description, String file, List<String> kinds, TensorSpec input,
                     TensorSpec output, int batch) {
        this(id, description, file, kinds, input, output, batch, SizeSpec.DYNAMIC, null);
    }

    public ModelCard {
        kinds = List.copyOf(kinds);
        size = size == null ? SizeSpec.DYNAMIC : size;
    }

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
        allow(root, name, "", "format", "id", "description", "file", "kinds", "input", "output", "batch", "size", "text");
        List<String> kinds = root.has("kinds")
                ? YAML.convertValue(root.get("kinds"), YAML.getTypeFactory().constructCollectionType(List.class, String.class))
                : List.of("*");
        int batch = root.has("batch") ? root.get("batch").asInt() : 1;
        if (batch < 1) {
            throw new IOException(name + ": field 'batch' must be at least 1");
        }
        TensorSpec input = tensor(root, "input", name);
        TensorSpec output = tensor(root, "output", name);
        if (!input.range().isEmpty()) {
            throw new IOException(name + ": field 'input.range' is not allowed (inputs are not clipped)");
        }
        return new ModelCard(text(root, "id", name, null), text(root, "description", name, ""), text(root, "file", name, null),
                kinds, input, output, batch, size(root.get("size"), name), text(root.get("text"), name));
    }

    static void allow(JsonNode n, String name, String prefix, String... keys) throws IOException {
        List<String> ok = List.of(keys);
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ok.contains(f)) {
                throw new IOException(name + ": unknown field '" + prefix + f + "' (allowed: " + String.join(", ", ok) + ")");
            }
        }
    }

    static TensorSpec tensor(JsonNode root, String field, String name) throws IOException {
        JsonNode t = root.get(field);
        if (t == null || !t.isObject()) {
            throw new IOException(name + ": field '" + field + "' must be a mapping with name, color, scale");
        }
        allow(t, name, field + ".", "name", "layout", "color", "scale", "mean", "std", "range", "round", "chroma");
        if (field.equals("input") && t.has("chroma") || field.equals("output") && t.has("round")) {
            throw new IOException(name + ": '" + field + (field.equals("input") ? ".chroma'" : ".round'")
                    + " is not allowed (round is for inputs, chroma for outputs)");
        }
        String chroma = text(t, "chroma", name, "bicubic");
        if (!List.of("bicubic", "bilinear", "dnn_superres").contains(chroma)) {
            throw new IOException(name + ": field '" + field + ".chroma' must be bicubic, bilinear or dnn_superres, not '"
                    + chroma + "'");
        }
        Color c = enumValue(Color.class, text(t, "color", name, "rgb"), name, field + ".color", "gray, y, rgb or bgr");
        Layout layout = enumValue(Layout.class, text(t, "layout", name, "nchw"), name, field + ".layout", "nchw or nhwc");
        List<Double> mean = numbers(t.get("mean"), 0.0, c.planes(), name, field + ".mean");
        List<Double> std = numbers(t.get("std"), 1.0, c.planes(), name, field + ".std");
        if (std.stream().anyMatch(s -> s == 0)) {
            throw new IOException(name + ": field '" + field + ".std' must not be 0");
        }
        double scale = t.has("scale") ? t.get("scale").asDouble() : 255.0;
        if (!(scale > 0)) {
            throw new IOException(name + ": field '" + field + ".scale' must be positive");
        }
        List<Double> range = List.of();
        if (t.has("range")) {
            range = numbers(t.get("range"), 0.0, 2, name, field + ".range");
            if (range.size() != 2 || !(range.get(0) < range.get(1))) {
                throw new IOException(name + ": field '" + field + ".range' must be [min, max] with min < max");
            }
        }
        return new TensorSpec(text(t, "name", name, null), layout, c, scale, mean, std, range,
                t.path("round").asBoolean(false), chroma);
    }

    static SizeSpec size(JsonNode s, String name) throws IOException {
        if (s == null || s.isNull()) {
            return SizeSpec.DYNAMIC;
        }
        if (!s.isObject()) {
            throw new IOException(name + ": field 'size' must be a mapping with 'mode'");
        }
        allow(s, name, "size.", "mode", "width", "height", "fit", "interpolation", "multiple", "tile", "overlap");
        SizeMode mode = enumValue(SizeMode.class, text(s, "mode", name, "dynamic"), name, "size.mode",
                "dynamic, fixed, multiple or tile");
        int width = s.path("width").asInt(0);
        int height = s.path("height").asInt(0);
        String fit = text(s, "fit", name, "stretch");
        String interp = text(s, "interpolation", name, "bilinear");
        int multiple = s.path("multiple").asInt(1);
        int tile = s.path("tile").asInt(0);
        int overlap = s.path("overlap").asInt(0);
        if (!List.of("stretch", "cover").contains(fit)) {
            throw new IOException(name + ": field 'size.fit' must be stretch or cover, not '" + fit + "'");
        }
        if (!List.of("bilinear", "bicubic", "area").contains(interp)) {
            throw new IOException(name + ": field 'size.interpolation' must be bilinear, bicubic or area, not '" + interp + "'");
        }
        if (multiple < 1) {
            throw new IOException(name + ": field 'size.multiple' must be at least 1");
        }
        switch (mode) {
            case FIXED -> {
                if (width < 1 || height < 1) {
                    throw new IOException(name + ": size mode 'fixed' needs 'width' and 'height'");
                }
            }
            case MULTIPLE -> {
                if (!s.has("multiple")) {
                    throw new IOException(name + ": size mode 'multiple' needs 'multiple'");
                }
            }
            case TILE -> {
                if (tile < 1 || overlap < 0 || overlap >= tile) {
                    throw new IOException(name + ": size mode 'tile' needs 'tile' > 0 and 0 <= 'overlap' < 'tile'");
                }
                if (tile % multiple != 0) {
                    throw new IOException(name + ": field 'size.tile' must be a multiple of 'size.multiple'");
                }
            }
            default -> { }
        }
        return new SizeSpec(mode, width, height, fit, interp, multiple, tile, overlap);
    }

    private static TextSpec text(JsonNode t, String name) throws IOException {
        if (t == null || t.isNull()) {
            return null;
        }
        if (!t.isObject()) {
            throw new IOException(name + ": field 'text' must be a mapping with name and vocab");
        }
        allow(t, name, "text.", "name", "vocab", "max_length", "lowercase", "pad", "unk", "bos", "eos", "mask");
        int max = t.path("max_length").asInt(0);
        if (max < 1) {
            throw new IOException(name + ": field 'text.max_length' must be at least 1");
        }
        return new TextSpec(text(t, "name", name, null), text(t, "vocab", name, null), max,
                !t.has("lowercase") || t.get("lowercase").asBoolean(), text(t, "pad", name, "[PAD]"),
                text(t, "unk", name, "[UNK]"), optional(t, "bos"), optional(t, "eos"), optional(t, "mask"));
    }

    private static String optional(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String name, String field, String allowed)
            throws IOException {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IOException(name + ": field '" + field + "' must be " + allowed + ", not '" + value + "'");
        }
    }

    private static List<Double> numbers(JsonNode n, double fallback, int channels, String name, String field)
            throws IOException {
        if (n == null || n.isNull()) {
            return List.of(fallback);
        }
        if (n.isNumber()) {
            return List.of(n.asDouble());
        }
        if (n.isArray()) {
            List<Double> out = new ArrayList<>();
            for (JsonNode v : n) {
                if (!v.isNumber()) {
                    throw new IOException(name + ": field '" + field + "' must hold numbers");
                }
                out.add(v.asDouble());
            }
            if (out.size() != 1 && out.size() != channels) {
                throw new IOException(name + ": field '" + field + "' has " + out.size() + " values; give 1 or " + channels);
            }
            return Collections.unmodifiableList(out);
        }
        throw new IOException(name + ": field '" + field + "' must be a number or a list of numbers");
    }

    static String text(JsonNode n, String field, String where, String fallback) throws IOException {
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
        return resolve(file, cardDir, dataDir);
    }

    static Path resolve(String f, Path cardDir, Path dataDir) {
        if (f.startsWith("${EIBENCH_DATA}/")) {
            Path data = dataDir != null ? dataDir : Path.of(System.getenv().getOrDefault("EIBENCH_DATA", "."));
            return data.resolve(f.substring("${EIBENCH_DATA}/".length()));
        }
        Path p = Path.of(f);
        return p.isAbsolute() || cardDir == null ? p : cardDir.resolve(p);
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("file", file);
        m.put("input", input.toString());
        m.put("output", output.toString());
        m.put("size", size.toString());
        if (text != null) {
            m.put("text", text.toString());
        }
        return m;
    }
}
