package org.eibench.baselines;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eibench.metrics.FloatImage;
import org.eibench.runtime.Capabilities;
import org.eibench.runtime.ModelInfo;
import org.eibench.runtime.ModelSpecException;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;
import org.eibench.imaging.OpenCvLoader;
import org.opencv.core.Core;

/**
 * A classical OpenCV method ({@link ClassicalMethod}) as a model (docs/models.md lists their settings). Each takes its
 * settings from the model spec ({@code nlm,sigma=25}) and, per request, from generation parameters with the same keys,
 * which win; a method that declares a task hint ({@code wiener}: the blur kernel) takes it over both.
 */
final class ClassicalModel extends PerRequestModel {

    /** Every classical method, in the order the model list shows them. */
    static final List<ClassicalMethod> METHODS = List.of(new NonLocalMeans(), new DarkChannelPrior(), new LowLightClahe(),
            new WienerDeconvolution(), new MedianDerain(), new CannyEdgeMap());

    static ClassicalMethod method(String name) {
        return METHODS.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    }

    private final ClassicalMethod method;
    private final Map<String, String> options;
    private final Path dataDir;

    ClassicalModel(ClassicalMethod method, Map<String, String> options, Path dataDir) throws ModelSpecException {
        for (String k : options.keySet()) {
            if (!method.keys().contains(k)) {
                throw new ModelSpecException("model '" + method.name() + "' has no option '" + k + "'; it takes "
                        + String.join(", ", new java.util.TreeSet<>(method.keys())));
            }
        }
        this.method = method;
        this.options = Map.copyOf(options);
        this.dataDir = dataDir;
        OpenCvLoader.ensureLoaded();
    }

    @Override
    public ModelInfo info() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("runtime", "baseline");
        details.put("method", method.description());
        details.put("options", new java.util.TreeMap<>(options));
        details.put("opencv", Core.VERSION);
        // Options change results, so they are part of the checksum (and of the run identity).
        return new ModelInfo(method.name(), "builtin:" + method.name() + "@1" + (options.isEmpty() ? "" : ":" + new java.util.TreeMap<>(options)),
                "cpu", details, method.hint() == null ? Capabilities.NONE : Capabilities.withHints(Set.of(method.hint())));
    }

    @Override
    public int maxBatchSize() {
        return 4;
    }

    @Override
    Output answer(Request r) {
        long t = System.nanoTime();
        Map<String, Object> values = new LinkedHashMap<>(options);
        r.params().forEach((k, v) -> {
            if (method.keys().contains(k)) {
                values.put(k, v);
            }
        });
        if (method.hint() != null && r.hints().get(method.hint()) != null) {
            values.put(method.hintKey(), r.hints().get(method.hint()));
        }
        try {
            FloatImage res = method.apply(r.image(), new ClassicalMethod.Settings(values, dataDir));
            return new Output.Generated(r.id(), res, Map.of(), System.nanoTime() - t);
        } catch (IOException | RuntimeException e) {
            return new Output.Failed(r.id(), method.name() + ": " + e.getMessage());
        }
    }
}
