package org.eibench.tasks;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Metric;
import org.eibench.runtime.image.ImageFiles;
import org.eibench.tasks.data.Degradation;
import org.eibench.tasks.data.Layout;
import org.eibench.tasks.data.SampleRef;
import org.eibench.tasks.decode.Decoder;
import org.eibench.tasks.decode.Labels;
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

    Task(TaskSpec spec, Layout layout, Degradation degradation, Decoder decoder, List<KeyedMetric> metrics) {
        this.spec = spec;
        this.layout = layout;
        this.degradation = degradation;
        this.decoder = decoder;
        this.metrics = List.copyOf(metrics);
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

    /** Samples sorted by id. */
    public List<SampleRef> samples() throws IOException {
        return layout.list();
    }

    /** Reads and prepares one sample; the exception names the file and the reason. */
    public Sample load(SampleRef ref) throws IOException {
        Object target = readTarget(ref);
        FloatImage input;
        if (degradation != null) {
            FloatImage clean = ref.input() == null ? (FloatImage) targetAsImage(target, ref) : ImageFiles.read(ref.input());
            input = degradation.apply(clean, ref.id());
        } else {
            if (ref.input() == null) {
                throw new IOException("sample " + ref.id() + ": no input image and no degradation to make one");
            }
            input = ImageFiles.read(ref.input());
        }
        String instruction = ref.instruction() != null ? ref.instruction()
                : spec.instructions().isEmpty() ? "" : spec.instructions().get(0);
        return new Sample(ref.id(), input, target, decoder.encode(target), instruction, ref.meta());
    }

    private Object readTarget(SampleRef ref) throws IOException {
        FloatImage raw = ImageFiles.read(ref.target());
        if (spec.kind() == TaskKind.SEGMENTATION) {
            try {
                return Labels.fromImage(raw, ref.target().toString());
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        return raw;
    }

    private static Object targetAsImage(Object target, SampleRef ref) throws IOException {
        if (target instanceof FloatImage f) {
            return f;
        }
        throw new IOException("sample " + ref.id() + ": a degradation needs an image target");
    }

    /** Decodes a (quantised) model output into a prediction in the target's space and geometry. */
    public Object decode(FloatImage output, Sample sample) {
        return decoder.decode(output, sample.input(), sample.target());
    }

    public Map<String, Object> describe() {
        return Map.of("id", spec.id(), "version", spec.version(), "spec_sha256", spec.specHash());
    }
}
