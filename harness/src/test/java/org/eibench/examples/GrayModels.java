package org.eibench.examples;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eibench.metrics.FloatImage;
import org.eibench.runtime.ModelContext;
import org.eibench.runtime.ModelDescriptor;
import org.eibench.runtime.ModelInfo;
import org.eibench.runtime.ModelProvider;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.ModelSpec;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;

/** {@code --model gray}: answers every request with a mid-grey image of the requested size. */
public final class GrayModels implements ModelProvider {

    @Override
    public List<ModelDescriptor> models(ModelContext context) {
        return List.of(new ModelDescriptor("gray", "mid-grey at the target size", Set.of("restoration")));
    }

    @Override
    public Optional<ModelRuntime> open(ModelSpec spec, ModelContext context) {
        if (!spec.name().equals("gray")) {
            return Optional.empty();
        }
        return Optional.of(new ModelRuntime() {
            public ModelInfo info() {
                return new ModelInfo("gray", "none", "cpu", Map.of());
            }

            public List<Output> generate(List<Request> batch) {
                return batch.stream().<Output>map(r -> {
                    float[] grey = new float[r.targetWidth() * r.targetHeight() * 3];
                    java.util.Arrays.fill(grey, 128);
                    return new Output.Generated(r.id(), new FloatImage(r.targetWidth(), r.targetHeight(), 3, grey), Map.of(), 0);
                }).toList();
            }
        });
    }
}
