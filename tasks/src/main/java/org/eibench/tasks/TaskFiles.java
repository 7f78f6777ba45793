package org.eibench.tasks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.eibench.metrics.Metric;
import org.eibench.tasks.data.DataRoot;
import org.eibench.tasks.data.Degradation;
import org.eibench.tasks.data.Degradations;
import org.eibench.tasks.data.Layout;
import org.eibench.tasks.data.LayoutContext;
import org.eibench.tasks.data.Layouts;
import org.eibench.tasks.data.TargetFormat;
import org.eibench.tasks.data.Targets;
import org.eibench.tasks.decode.Decoder;
import org.eibench.tasks.decode.Decoders;
import org.eibench.metrics.image.MaskedFidelityMetric;
import org.eibench.tasks.metric.InactiveMetric;
import org.eibench.tasks.metric.MetricFactory;
import org.eibench.tasks.spec.ComponentSpec;
import org.eibench.tasks.spec.DataSpec;
import org.eibench.tasks.spec.Instruction;
import org.eibench.metrics.config.Options;
import org.eibench.tasks.spec.SpecException;
import org.eibench.tasks.spec.SpecProblem;
import org.eibench.tasks.spec.Split;
import org.eibench.tasks.spec.TaskKind;
import org.eibench.tasks.spec.TaskSpec;
import org.eibench.tasks.spec.YamlNode;
import org.eibench.tasks.spec.ZeroShot;

/**
 * Reads task files ({@code format: eibench/task@1}) and builds {@link Task}s, reporting every problem with file,
 * line, column and field before any work starts.
 */
public final class TaskFiles {

    public static final String FORMAT = "eibench/task@1";
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern ID_KEY = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Set<String> TOP_KEYS = Set.of("format", "id", "version", "split", "zero_shot", "kind", "title",
            "description", "data", "instructions", "instruction_mode", "decoder", "metrics", "protocol");
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private TaskFiles() {
    }

    public static Task load(Path file, Path dataDir) throws SpecException {
        return load(file, TaskContext.of(dataDir));
    }

    public static Task load(Path file, TaskContext context) throws SpecException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SpecException(file.toString(), "cannot read: " + e.getMessage());
        }
        return parse(bytes, file.toString(), file.toAbsolutePath().getParent(), context);
    }

    /**
     * @param baseDir folder that relative data roots are resolved against (null for built-in tasks)
     * @param dataDir value of {@code ${EIBENCH_DATA}}
     */
    public static Task parse(byte[] bytes, String source, Path baseDir, Path dataDir) throws SpecException {
        return parse(bytes, source, baseDir, TaskContext.of(dataDir));
    }

    /**
     * @param baseDir folder that relative paths of the task file are resolved against (null for built-in tasks)
     * @param context data folder, dataset roots and plugins
     */
    public static Task parse(byte[] bytes, String source, Path baseDir, TaskContext context) throws SpecException {
        YamlNode root;
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            root = YamlNode.parse(in);
        } catch (IOException e) {
            throw new SpecException(List.of(YamlNode.syntaxProblem(source, e)));
        }
        return new Parser(source, baseDir, context).task(root);
    }

    /** Collects problems while reading one file. */
    private static final class Parser {
        private final String source;
        private final Path baseDir;
        private final TaskContext context;
        private final List<SpecProblem> problems = new ArrayList<>();

        Parser(String source, Path baseDir, TaskContext context) {
            this.source = source;
            this.baseDir = baseDir;
            this.context = context;
        }

        void problem(YamlNode at, String field, String message) {
            problems.add(new SpecProblem(source, at == null ? 0 : at.line(), at == null ? 0 : at.column(), field, message));
        }

        Task task(YamlNode root) throws SpecException {
            Map<String, YamlNode> top = root.map();
            if (top == null) {
                problem(root, "", "a task file is a YAML mapping, found " + root.describeType());
                throw new SpecException(problems);
            }
            for (Map.Entry<String, YamlNode> e : top.entrySet()) {
                if (!TOP_KEYS.contains(e.getKey())) {
                    problem(e.getValue(), e.getKey(), "unknown key; known keys: " + String.join(", ", new java.util.TreeSet<>(TOP_KEYS)));
                }
            }
            String format = string(top, root, "format");
            if (format != null && !format.equals(FORMAT)) {
                problem(top.get("format"), "format", "must be '" + FORMAT + "', not '" + format + "'");
            }
            String id = string(top, root, "id");
            if (id != null && !ID.matcher(id).matches()) {
                problem(top.get("id"), "id", "must be kebab-case (a-z, 0-9 and single dashes), not '" + id + "'");
            }
            int version = 1;
            YamlNode v = top.get("version");
            if (v == null || !(v.value() instanceof Integer) || (Integer) v.value() < 1) {
                problem(v == null ? root : v, "version", v == null ? "is required" : "must be a whole number >= 1");
            } else {
                version = (Integer) v.value();
            }
            Split split = parseEnum(top, root, "split", Split::parse);
            ZeroShot zeroShot = parseEnum(top, root, "zero_shot", ZeroShot::parse);
            TaskKind kind = parseEnum(top, root, "kind", TaskKind::parse);
            List<Instruction> instructionSet = instructions(top.get("instructions"));
            List<String> instructions = instructionSet.stream().map(Instruction::text).toList();
            String instructionMode = "first";
            YamlNode modeNode = top.get("instruction_mode");
            if (modeNode != null) {
                if (!(modeNode.value() instanceof String m) || !List.of("first", "each", "random").contains(m)) {
                    problem(modeNode, "instruction_mode", "must be first, each or random, not " + describe(modeNode));
                } else {
                    instructionMode = m;
                }
            }

            DataSpec data = null;
            Layout layout = null;
            Targets targets = null;
            Degradation degradation = null;
            YamlNode dataNode = top.get("data");
            if (dataNode == null || dataNode.map() == null) {
                problem(dataNode == null ? root : dataNode, "data", dataNode == null ? "is required" : "must be a mapping");
            } else {
                Map<String, YamlNode> d = dataNode.map();
                String rootText = string(d, dataNode, "root", "data.root");
                String layoutName = string(d, dataNode, "layout", "data.layout");
                Path rootPath = rootText == null ? null : resolvePath(rootText, d.get("root"), "data.root");
                Map<String, Object> layoutOptions = new LinkedHashMap<>();
                d.forEach((k, n) -> {
                    if (!Layouts.DATA_KEYS.contains(k)) {
                        layoutOptions.put(k, n.plain());
                    }
                });
                if (rootPath != null && !Files.isDirectory(rootPath)) {
                    problem(d.get("root"), "data.root", "folder " + rootPath + " does not exist"
                            + (rootText.contains("${EIBENCH_DATA}") ? " (set --data or EIBENCH_DATA)" : "")
                            + (rootText.contains("${EIBENCH_ROOT_") ? " (check --data-root or the EIBENCH_ROOT_* variable)" : ""));
                    rootPath = null;
                }
                if (layoutName != null && rootPath != null) {
                    Options lo = Options.of(layoutOptions);
                    YamlNode where = dataNode;
                    layout = Layouts.create(layoutName, new LayoutContext(new DataRoot(rootPath),
                            text -> resolvePath(text, d.get("file") == null ? where : d.get("file"), "data.file")), lo, context.plugins());
                    report(lo, d, "data.", dataNode);
                }
                targets = targets(d, dataNode, kind, layout);
                if (d.containsKey("degrade")) {
                    YamlNode dg = d.get("degrade");
                    if (dg.map() == null) {
                        problem(dg, "data.degrade", "must be a mapping with a type");
                    } else {
                        Options o = Options.of(plainMap(dg));
                        degradation = Degradations.create(o, text -> {
                            Path p = resolvePath(text, dg.map().getOrDefault("kernel", dg), "data.degrade.kernel");
                            return p == null ? Path.of(text) : p;
                        }, context.plugins());
                        report(o, dg.map(), "data.degrade.", dg);
                        if (degradation != null && kind != null && kind != TaskKind.RESTORATION && kind != TaskKind.GENERATION) {
                            problem(dg, "data.degrade", "a degradation makes the input from an image target; it does not fit a "
                                    + kind.key() + " task");
                        }
                    }
                }
                if (rootPath != null && layoutName != null) {
                    data = new DataSpec(rootPath, layoutName, layoutOptions);
                }
            }

            Decoder decoder = null;
            ComponentSpec decoderSpec = null;
            YamlNode dec = top.get("decoder");
            if (dec == null || dec.map() == null || !(dec.map().get("type") != null && dec.map().get("type").value() instanceof String)) {
                problem(dec == null ? root : dec, "decoder", "is required: a mapping with a type ("
                        + String.join(", ", context.plugins().decoders().names()) + ")");
            } else if (kind != null) {
                String type = (String) dec.map().get("type").value();
                Options o = new Options(plainMap(dec), Set.of("type"));
                decoder = Decoders.create(type, o, kind, context.plugins());
                report(o, dec.map(), "decoder.", dec);
                decoderSpec = new ComponentSpec(type, o.usedValues());
            }

            List<Task.KeyedMetric> metrics = new ArrayList<>();
            List<ComponentSpec> metricSpecs = new ArrayList<>();
            List<String> inactive = new ArrayList<>();
            YamlNode ms = top.get("metrics");
            if (ms == null || ms.list() == null || ms.list().isEmpty()) {
                problem(ms == null ? root : ms, "metrics", "is required: a non-empty list of {name: ...}");
            } else {
                for (int i = 0; i < ms.list().size(); i++) {
                    YamlNode m = ms.list().get(i);
                    String field = "metrics[" + i + "]";
                    if (m.map() == null || m.map().get("name") == null || !(m.map().get("name").value() instanceof String)) {
                        problem(m, field, "must be a mapping with a name (" + String.join(", ", context.plugins().metrics().names()) + ")");
                        continue;
                    }
                    if (kind == null) {
                        continue;
                    }
                    String name = (String) m.map().get("name").value();
                    YamlNode keyNode = m.map().get("key");
                    Options o = new Options(plainMap(m), Set.of("name", "key"));
                    Metric<?, ?> metric = MetricFactory.create(name, o, kind, context.plugins(), context.evaluators());
                    report(o, m.map(), field + ".", m);
                    if (metric instanceof InactiveMetric im) {
                        inactive.add(name + " " + im.reason());
                        continue;
                    }
                    // Without an explicit key a metric reports under its own name (bsds -> bsds_edges: ods, ois, ap)
                    String key = keyNode != null && keyNode.value() instanceof String k ? k
                            : metric != null && ID_KEY.matcher(metric.name()).matches() ? metric.name() : name;
                    if (!ID_KEY.matcher(key).matches()) {
                        problem(keyNode, field + ".key", "must be lower-case letters, digits and underscores, not '" + key + "'");
                    } else if (metricSpecs.stream().anyMatch(x -> x.type().equals(key))) {
                        problem(m, field, "a second metric keyed '" + key + "': give each a distinct key (e.g. key: " + name + "_y)");
                    }
                    if (metric != null && !metric.targetType().isAssignableFrom(Decoders.targetType(kind))) {
                        problem(m.map().get("name"), field + ".name", "metric '" + name + "' scores against a "
                                + metric.targetType().getSimpleName() + " ground truth, but a " + kind.key() + " task's ground truth is a "
                                + Decoders.targetType(kind).getSimpleName());
                    }
                    if (metric != null) {
                        if (decoder != null && !metric.predictionType().isAssignableFrom(decoder.predictionType())) {
                            problem(m.map().get("name"), field + ".name", "metric '" + name + "' scores "
                                    + metric.predictionType().getSimpleName() + " but decoder '" + decoder.type()
                                    + "' produces " + decoder.predictionType().getSimpleName());
                        }
                        metrics.add(new Task.KeyedMetric(key, metric));
                        Map<String, Object> recorded = new LinkedHashMap<>();
                        recorded.put("name", name);
                        recorded.putAll(metric.options());
                        metricSpecs.add(new ComponentSpec(key, recorded));
                    }
                }
            }
            YamlNode pn = top.get("protocol");
            if (pn != null && !(pn.value() instanceof String)) {
                problem(pn, "protocol", "must be a string naming the evaluation protocol, found " + pn.describeType());
            }
            for (Task.KeyedMetric km : metrics) {
                if (km.metric() instanceof MaskedFidelityMetric && !(degradation instanceof Degradation.Masking)) {
                    problem(ms, "metrics", "masked_fidelity needs an input made with a mask (data.degrade type inpaint-mask or "
                            + "outpaint-crop), not " + (degradation == null ? "no degradation" : degradation.options().get("type")));
                }
            }
            if (!problems.isEmpty()) {
                // in file order, so a user can fix them top to bottom
                problems.sort(java.util.Comparator.comparingInt(SpecProblem::line).thenComparingInt(SpecProblem::column));
                throw new SpecException(problems);
            }
            YamlNode titleNode = top.get("title");
            String title = titleNode != null && titleNode.value() instanceof String t ? t : id;
            YamlNode descNode = top.get("description");
            String description = descNode != null && descNode.value() instanceof String t ? t.strip() : "";
            YamlNode protocolNode = top.get("protocol");
            String protocol = protocolNode != null && protocolNode.value() instanceof String t ? t.strip() : "";
            TaskSpec spec = new TaskSpec(id, title, version, split, zeroShot, kind, data, instructions, decoderSpec, metricSpecs,
                    source, withEvaluators(hash(root), metricSpecs), instructionSet, instructionMode, description, protocol);
            return new Task(spec, layout, degradation, decoder, metrics, targets, inactive);
        }

        /** A path named by the task file: variables expanded, relative to the task file's folder, normalised. */
        private Path resolvePath(String text, YamlNode at, String field) {
            TaskContext.Expanded e = context.expand(text);
            if (e.missing() != null) {
                String var = e.missing();
                String hint = var.startsWith("EIBENCH_ROOT_")
                        ? "give --data-root " + var.substring("EIBENCH_ROOT_".length()).toLowerCase(java.util.Locale.ROOT)
                          + "=DIR or set " + var
                        : var.equals("EIBENCH_DATA") ? "give --data DIR or set EIBENCH_DATA" : "";
                problem(at, field, "${" + var + "} has no value" + (hint.isEmpty() ? "" : "; " + hint));
                return null;
            }
            Path p = Path.of(e.text());
            if (!p.isAbsolute() && baseDir != null) {
                p = baseDir.resolve(p);
            }
            return p.toAbsolutePath().normalize();
        }

        /** How ground truth is read: data.target_format (else the layout's default), depth_scale, intrinsics. */
        private Targets targets(Map<String, YamlNode> d, YamlNode dataNode, TaskKind kind, Layout layout) {
            if (kind == null) {
                return null;
            }
            TargetFormat format = layout == null ? TargetFormat.defaultFor(kind) : layout.targetFormat(kind);
            YamlNode f = d.get("target_format");
            if (f != null) {
                TargetFormat given = f.value() instanceof String s ? TargetFormat.parse(s) : null;
                if (given == null) {
                    problem(f, "data.target_format", "must be one of " + String.join(", ", TargetFormat.keys()) + ", not " + describe(f));
                } else if (!given.fits(kind)) {
                    problem(f, "data.target_format", "'" + given.key() + "' does not fit a " + kind.key() + " task");
                } else {
                    format = given;
                }
            }
            double scale = 0.001;
            YamlNode sc = d.get("depth_scale");
            if (sc != null) {
                if (!(sc.value() instanceof Number n) || !(n.doubleValue() > 0)) {
                    problem(sc, "data.depth_scale", "must be a positive number (metres per depth-PNG unit), not " + describe(sc));
                } else {
                    scale = n.doubleValue();
                }
            }
            double[] k = {525, 525, 319.5, 239.5};
            YamlNode in = d.get("intrinsics");
            if (in != null) {
                if (in.list() == null || in.list().size() != 4 || !in.list().stream().allMatch(x -> x.value() instanceof Number)) {
                    problem(in, "data.intrinsics", "must be a list of four numbers [fx, fy, cx, cy]");
                } else {
                    for (int i = 0; i < 4; i++) {
                        k[i] = ((Number) in.list().get(i).value()).doubleValue();
                    }
                }
            }
            return new Targets(format, scale, k[0], k[1], k[2], k[3]);
        }

        private static String describe(YamlNode n) {
            return n.value() instanceof String s ? "'" + s + "'" : n.describeType();
        }

        private List<Instruction> instructions(YamlNode n) {
            List<Instruction> out = new ArrayList<>();
            if (n == null) {
                return out;
            }
            if (n.list() == null) {
                problem(n, "instructions", "must be a list of strings or of {text: ..., style: explanatory|paraphrase|terminological}");
                return out;
            }
            for (int i = 0; i < n.list().size(); i++) {
                YamlNode s = n.list().get(i);
                String field = "instructions[" + i + "]";
                if (s.value() instanceof String str && !str.isBlank()) {
                    out.add(new Instruction(str, "explanatory"));
                } else if (s.map() != null) {
                    Map<String, YamlNode> m = s.map();
                    for (String k : m.keySet()) {
                        if (!k.equals("text") && !k.equals("style")) {
                            problem(m.get(k), field + "." + k, "unknown key; known keys: text, style");
                        }
                    }
                    YamlNode text = m.get("text");
                    YamlNode style = m.get("style");
                    String st = "explanatory";
                    if (style != null) {
                        if (!(style.value() instanceof String ss) || !Instruction.STYLES.contains(ss)) {
                            problem(style, field + ".style", "must be one of " + String.join(", ", Instruction.STYLES) + ", not " + describe(style));
                        } else {
                            st = ss;
                        }
                    }
                    if (text == null || !(text.value() instanceof String ts) || ts.isBlank()) {
                        problem(text == null ? s : text, field + ".text", "is required: a non-empty string");
                    } else {
                        out.add(new Instruction(ts, st));
                    }
                } else {
                    problem(s, field, "must be a non-empty string or {text: ..., style: ...}");
                }
            }
            return out;
        }

        private void report(Options o, Map<String, YamlNode> nodes, String prefix, YamlNode whole) {
            for (Options.Problem p : o.problems()) {
                YamlNode at = nodes.getOrDefault(p.key(), whole);
                // a value the component rejects as a whole is reported on the component (metrics[0], not metrics[0].)
                problem(at, p.key().isEmpty() ? prefix.substring(0, prefix.length() - 1) : prefix + p.key(), p.message());
            }
        }

        private String string(Map<String, YamlNode> m, YamlNode parent, String key) {
            return string(m, parent, key, key);
        }

        private String string(Map<String, YamlNode> m, YamlNode parent, String key, String field) {
            YamlNode n = m.get(key);
            if (n == null || n.value() == null) {
                problem(n == null ? parent : n, field, "is required");
                return null;
            }
            if (!(n.value() instanceof String s)) {
                problem(n, field, "must be a string, found " + n.describeType());
                return null;
            }
            return s;
        }

        private <E> E parseEnum(Map<String, YamlNode> m, YamlNode parent, String key, java.util.function.Function<String, E> parse) {
            String s = string(m, parent, key);
            if (s == null) {
                return null;
            }
            try {
                return parse.apply(s);
            } catch (IllegalArgumentException e) {
                problem(m.get(key), key, e.getMessage() + ", not '" + s + "'");
                return null;
            }
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> plainMap(YamlNode n) {
            return (Map<String, Object>) n.plain();
        }

        /**
         * The spec hash bound to the evaluator networks its metrics run with (their SHA-256), so that results of two
         * networks never mix in one run directory; unchanged for tasks without evaluator metrics.
         */
        private static String withEvaluators(String specHash, List<ComponentSpec> metricSpecs) {
            List<String> bound = new ArrayList<>();
            for (ComponentSpec m : metricSpecs) {
                Object sha = m.options().get("evaluator_sha256");
                if (sha != null) {
                    bound.add(m.type() + "=" + sha);
                }
            }
            if (bound.isEmpty()) {
                return specHash;
            }
            try {
                byte[] text = (specHash + "|evaluators:" + String.join(",", bound)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Hash of the spec's content, without data.root (where the data lives is not what the task is). */
        private static String hash(YamlNode root) {
            @SuppressWarnings("unchecked")
            Map<String, Object> plain = (Map<String, Object>) root.plain();
            Object data = plain.get("data");
            if (data instanceof Map<?, ?> dm) {
                Map<Object, Object> copy = new LinkedHashMap<>(dm);
                copy.remove("root");
                plain.put("data", copy);
            }
            try {
                byte[] canonical = CANONICAL.writeValueAsBytes(plain);
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
            } catch (IOException | NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
