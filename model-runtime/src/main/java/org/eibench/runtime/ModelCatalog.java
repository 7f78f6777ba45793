package org.eibench.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

import org.eibench.metrics.config.Registry;

/** All models contributed through {@link ModelProvider}s on the class path, built-in and plugin alike. */
public final class ModelCatalog {

    private final List<ModelProvider> providers;
    private final ModelContext context;

    public ModelCatalog(List<ModelProvider> providers, ModelContext context) {
        this.providers = List.copyOf(providers);
        this.context = context;
    }

    public static ModelCatalog load(ModelContext context) {
        List<ModelProvider> found = new ArrayList<>();
        ServiceLoader.load(ModelProvider.class).forEach(found::add);
        return new ModelCatalog(found, context);
    }

    public List<ModelDescriptor> models() {
        return List.copyOf(registry().entries());
    }

    /**
     * Every provider's named models, by name. Two providers offering one name is an error rather than a silent choice.
     *
     * @throws IllegalStateException on a name offered twice
     */
    public Registry<ModelDescriptor> registry() {
        Registry<ModelDescriptor> r = new Registry<>("model");
        providers.stream().flatMap(p -> p.models(context).stream())
                .sorted(Comparator.comparing(ModelDescriptor::name)).forEach(d -> r.register(d.name(), d));
        return r;
    }

    /** Every provider's spec forms ({@link ModelProvider#specForms}), in class-path order. */
    public List<String> specForms() {
        return providers.stream().flatMap(p -> p.specForms().stream()).toList();
    }

    /** Opens a model, or explains which names and schemes exist. */
    public ModelRuntime open(String rawSpec) throws ModelSpecException {
        ModelSpec spec = ModelSpec.parse(rawSpec);
        for (ModelProvider p : providers) {
            Optional<ModelRuntime> r = p.open(spec, context);
            if (r.isPresent()) {
                return r.get();
            }
        }
        String forms = specForms().isEmpty() ? "" : "; or " + String.join("; or ", specForms());
        throw new ModelSpecException(registry().unknown(spec.name()) + forms);
    }
}
