package org.eibench.tasks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.GenerationTarget;
import org.eibench.metrics.LabelMap;
import org.eibench.metrics.Metric;
import org.eibench.imaging.ImageFiles;
import org.eibench.tasks.data.Blur;
import org.eibench.tasks.data.Degradation;
import org.eibench.tasks.data.SampleSeeds;
import org.eibench.tasks.data.Layout;
import org.eibench.tasks.data.SampleRef;
import org.eibench.tasks.decode.Decoder;
import org.eibench.tasks.data.TargetFormat;
import org.eibench.tasks.data.Targets;
import org.eibench.tasks.spec.Instruction;
import org.eibench.tasks.spec.TaskKind;
import org.eibench.tasks.spec.TaskSpec;

/**
 * A runnable task (Inspect AI's Task = dataset + solver + scorer, here dataset + instructions + decoder + metrics):
 * lists its samples, loads one, and knows how to decode and score a model output.
 */
public final class Task {

    private final TaskSpec spec;
    private final Layout layout;
    private final Degradation degradation;
    private final Decoder decoder;
    private final List<KeyedMetric> metrics;

    /** A metric under the key its values are reported with (its name unless the task file gave a key). */
    public record KeyedMetric(String key, Metric<?, ?> metric) {

        /** A reported value's key: the metric's own key renamed after the entry's key when they differ. */
        public String valueKey(String metricValueKey) {
            if (key.equals(metric.name())) {
                return metricValueKey;
            }
            return metricValueKey.equals(metric.name()) ? key : key + "." + metricValueKey;
        }
    }

    private final Targets targets;
    private final List<String> inactiveMetrics;

    Task(TaskSpec spec, Layout layout, Degradation degradation, Decoder decoder, List<KeyedMetric> metrics) {
        this(spec, layout, degradation, decoder, metrics, Targets.of(layout == null ? TargetFormat.defaultFor(spec.kind())
                : layout.targetFormat(spec.kind())));
    }

    Task(TaskSpec spec, Layout layout, Degradation degradation, Decoder decoder, List<KeyedMetric> metrics, Targets targets) {
        this(spec, layout, degradation, decoder, metrics, targets, List.of());
    }

    Task(TaskSpec spec, Layout layout, Degradation degradation, Decoder decoder, List<KeyedMetric> metrics, Targets targets,
         List<String> inactiveMetrics) {
        this.inactiveMetrics = List.copyOf(inactiveMetrics);
        this.spec = spec;
        this.layout = layout;
        this.degradation = degradation;
        this.decoder = decoder;
        this.metrics = List.copyOf(metrics);
        this.targets = targets;
    }

    /** How ground-truth files are read (format, depth scale, intrinsics). */
    public Targets targets() {
        return targets;
    }

    public TaskSpec spec() {
        return spec;
    }

    public String id() {
        return spec.id();
    }

    public Decoder decoder() {
        return decoder;
    }

    public List<KeyedMetric> metrics() {
        return metrics;
    }

    public Degradation degradation() {
        return degradation;
    }

    /** Metrics of the task file left out of this invocation, each with why (an evaluator network nobody gave). */
    public List<String> inactiveMetrics() {
        return inactiveMetrics;
    }

    /**
     * Samples sorted by id. Under {@code instruction_mode: each} every sample appears once per instruction of the
     * task's set, its id suffixed {@code @i<k>} (k = index in the set), after the sample with its own instruction when
     * the data gives one; under {@code random} each sample gets one instruction chosen by a hash of its id.
     */
    public List<SampleRef> samples() throws IOException {
        List<SampleRef> base = layout.list();
        List<Instruction> set = spec.instructionSet();
        List<SampleRef> out = new ArrayList<>();
        for (SampleRef r : base) {
            switch (spec.instructionMode()) {
                case "each" -> {
                    if (r.instruction() != null) {
                        out.add(r);
                    }
                    for (int i = 0; i < set.size(); i++) {
                        out.add(r.withInstruction(r.id() + "@i" + i, set.get(i).text(), i, set.get(i).style()));
                    }
                    if (r.instruction() == null && set.isEmpty()) {
                        out.add(r);
                    }
                }
                case "random" -> {
                    if (r.instruction() != null || set.isEmpty()) {
                        out.add(r);
                    } else {
                        int i = Math.floorMod(Long.hashCode(SampleSeeds.forSample(0x5EED, r.id())), set.size());
                        out.add(r.withInstruction(r.id(), set.get(i).text(), i, set.get(i).style()));
                    }
                }
                default -> {
                    if (r.instruction() != null || set.isEmpty()) {
                        out.add(r);
                    } else {
                        out.add(r.withInstruction(r.id(), set.get(0).text(), 0, set.get(0).style()));
                    }
                }
            }
        }
        out.sort(java.util.Comparator.comparing(SampleRef::id));
        return out;
    }

    /**
     * Files the task reads besides its samples' inputs and targets: the layout's index files (manifest, instruction
     * file, class names). With the samples' files they are the task's data, whose digest is part of a run's identity.
     */
    public List<java.nio.file.Path> indexFiles() throws IOException {
        return layout == null ? List.of() : layout.indexFiles();
    }

    /** Reads and prepares one sample; the exception names the file and the reason. */
    public Sample load(SampleRef ref) throws IOException {
        Object target;
        try {
            target = targets.read(ref);
        } catch (IllegalArgumentException e) {
            throw new IOException(ref.target() + ": " + e.getMessage(), e);
        }
        Sample.Part input;
        if (degradation != null) {
            FloatImage clean = ref.input() == null ? targetAsImage(target, ref) : ImageFiles.read(ref.input());
            FloatImage depth = null;
            if (degradation.needsDepth()) {
                if (ref.depth() == null) {
                    throw new IOException("sample " + ref.id() + ": degradation " + degradation.options().get("type")
                            + " needs a depth map (depth-png layout with target: rgb, or 'depth' in a manifest)");
                }
                depth = Targets.depth(ref.depth(), targets.depthScale());
            }
            try {
                if (degradation instanceof Degradation.Masking masking) {
                    // The mask goes with the ground truth: the masked metrics score inside and outside it.
                    FloatImage mask = masking.mask(clean, ref.id());
                    FloatImage filled = masking.fill(clean, mask);
                    input = () -> filled;
                    if (target instanceof FloatImage image && spec.kind() == TaskKind.GENERATION) {
                        target = new GenerationTarget(image, mask);
                    }
                } else {
                    FloatImage degraded = degradation.apply(clean, ref.id(), depth);
                    input = () -> degraded;
                }
            } catch (IllegalArgumentException e) {
                throw new IOException("sample " + ref.id() + ": " + e.getMessage(), e);
            }
        } else {
            if (ref.input() == null) {
                throw new IOException("sample " + ref.id() + ": no input image and no degradation to make one");
            }
            java.nio.file.Path file = ref.input();
            input = () -> ImageFiles.read(file);
        }
        if (target instanceof FloatImage image && spec.kind() == TaskKind.GENERATION) {
            target = GenerationTarget.of(image);
        }
        String instruction = ref.instruction() != null ? ref.instruction()
                : spec.instructions().isEmpty() ? "" : spec.instructions().get(0);
        if (target instanceof GenerationTarget g) {
            // the text CLIP score compares the output with: the sample's caption (a manifest's meta.caption), else its
            // instruction
            Object caption = ref.meta().get("caption");
            target = g.withText(caption instanceof String c && !c.isBlank() ? c : instruction.isEmpty() ? null : instruction);
        }
        Object truth = target;
        Map<String, Object> meta = withInstruction(ref.meta(), instruction);
        Sample.Rendering reference = given -> {
            FloatImage in = inputIfRead(given);
            try {
                return decoder.encode(truth, in, meta);
            } catch (RuntimeException e) {
                throw new IOException("sample " + ref.id() + ": cannot render the ground truth for the oracle: " + e.getMessage(), e);
            }
        };
        Map<String, Object> hints = new java.util.LinkedHashMap<>();
        Object kernel = ref.meta().get("kernel");
        if (kernel == null && degradation instanceof Blur blur) {
            kernel = blur.kernelRows();
        }
        if (kernel != null) {
            // What non-blind deblurring methods need: the kernel the input was blurred with (a sample's own, from the
            // data, else the task's degradation kernel).
            hints.put(Sample.BLUR_KERNEL, kernel);
        }
        return Sample.deferred(ref.id(), input, target, reference, instruction, ref.meta(), ref.instructionIndex(),
                ref.instructionStyle(), hints);
    }

    /**
     * Pictures of a scored sample for the report's gallery, beyond the prediction: for generation tasks the input the
     * model saw ({@code input}, synthesised, so no file holds it) and, with a {@code canny_f1} metric, the output's
     * Canny map over the condition ({@code canny}: green both, red condition only, blue output only). Empty for other
     * tasks.
     *
     * @param prediction the decoded prediction (in the target's geometry)
     */
    public Map<String, FloatImage> views(Sample sample, Object prediction) {
        if (spec.kind() != TaskKind.GENERATION || !(sample.target() instanceof GenerationTarget t)
                || !(prediction instanceof FloatImage p)) {
            return Map.of();
        }
        Map<String, FloatImage> v = new java.util.LinkedHashMap<>();
        v.put("input", sample.input().quantized8());
        for (KeyedMetric km : metrics) {
            if (km.metric() instanceof org.eibench.tasks.metric.MetricFactory.Overlay o) {
                v.put("canny", o.overlay(p, t));
                break;
            }
        }
        return v;
    }

    private static FloatImage targetAsImage(Object target, SampleRef ref) throws IOException {
        if (target instanceof FloatImage f) {
            return f;
        }
        throw new IOException("sample " + ref.id() + ": a degradation needs an image target");
    }

    /** The input for the decoder: read (on first use) only when the decoder looks at it, else null. */
    private FloatImage inputIfRead(java.util.function.Supplier<FloatImage> input) {
        return decoder.readsInput() ? input.get() : null;
    }

    /** Decodes a (quantised) model output into a prediction in the target's space and geometry. */
    public Object decode(FloatImage output, Sample sample) {
        return decoder.decode(output, inputIfRead(sample::input), sample.target(),
                withInstruction(sample.meta(), sample.instruction()));
    }

    /**
     * {@link #decode} of a one-channel output read as class indices, for a decoder that {@linkplain
     * Decoder#takesLabelMaps takes label maps}: the same prediction, without the float image.
     */
    public Object decodeLabels(LabelMap output, Sample sample) {
        return decoder.decodeLabels(output, sample.target());
    }

    /**
     * The decoder's remarks on a sample, by key (e.g. {@code instruction_opposite_convention}: the instruction states the
     * depth convention opposite to the decoder's); the runner writes them into the sample's line and the summary
     * counts them.
     */
    public Map<String, String> notes(Sample sample) {
        return decoder.notes(withInstruction(sample.meta(), sample.instruction()));
    }

    /** The sample's metadata with its instruction under {@link Decoder#INSTRUCTION}, for decoders that read it. */
    private static Map<String, Object> withInstruction(Map<String, Object> meta, String instruction) {
        if (instruction == null) {
            return meta;
        }
        Map<String, Object> m = new java.util.LinkedHashMap<>(meta);
        m.put(Decoder.INSTRUCTION, instruction);
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * What the run learnt about its data, for run.json: how ground truth was read (for depth PNGs, how many files of
     * each kind, told apart by bit depth) and, for layouts that report it, which entries were missing.
     */
    public Map<String, Object> dataReport() {
        Map<String, Object> m = new java.util.LinkedHashMap<>(targets.describe());
        if (layout != null) {
            m.putAll(layout.report());
        }
        return m;
    }
}
