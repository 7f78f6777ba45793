package org.eibench.runtime;

import java.util.List;
import java.util.Optional;

/**
 * Service-provider interface (java.util.ServiceLoader) through which modules and third-party jars contribute models.
 * A spec is {@code NAME[,key=value...]} or a scheme such as {@code onnx:PATH} or {@code http://HOST:PORT}.
 */
public interface ModelProvider {

    /** Models offered by name. */
    List<ModelDescriptor> models(ModelContext context);

    /** Opens the model a spec names, or empty when this provider does not handle the spec. */
    Optional<ModelRuntime> open(ModelSpec spec, ModelContext context) throws ModelSpecException;

    /**
     * The spec forms this provider opens besides its named models, each as a user writes it followed by what it is,
     * e.g. {@code onnx:PATH ... for an ONNX model with a card}: shown by {@code models list} and when a spec is unknown.
     */
    default List<String> specForms() {
        return List.of();
    }
}
