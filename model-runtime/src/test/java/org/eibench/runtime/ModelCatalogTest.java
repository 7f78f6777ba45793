package org.eibench.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ModelCatalogTest {

    /** An unknown spec names every form the providers on the class path open, not only the named models. */
    @Test
    void anUnknownModelNamesEverySpecForm() {
        ModelCatalog catalog = ModelCatalog.load(new ModelContext(Path.of(".")));
        assertThat(catalog.specForms()).anyMatch(f -> f.startsWith("onnx:PATH")).anyMatch(f -> f.startsWith("http://HOST:PORT"));
        assertThatThrownBy(() -> catalog.open("nope")).isInstanceOf(ModelSpecException.class)
                .hasMessageContaining("unknown model 'nope'").hasMessageContaining("onnx:PATH")
                .hasMessageContaining("http://HOST:PORT");
    }

    record Named(String... names) implements ModelProvider {
        @Override
        public List<ModelDescriptor> models(ModelContext context) {
            return java.util.Arrays.stream(names).map(n -> new ModelDescriptor(n, "", Set.of("*"))).toList();
        }

        @Override
        public Optional<ModelRuntime> open(ModelSpec spec, ModelContext context) {
            return Optional.empty();
        }
    }

    @Test
    void aNameOfferedTwiceIsAnError() {
        ModelCatalog c = new ModelCatalog(List.of(new Named("identity"), new Named("identity")), new ModelContext(Path.of(".")));
        assertThatThrownBy(c::models).hasMessageContaining("two models named 'identity'");
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        ModelCatalog c = new ModelCatalog(List.of(new Named("oracle", "identity")), new ModelContext(Path.of(".")));
        assertThat(c.models()).extracting(ModelDescriptor::name).containsExactly("identity", "oracle");
        assertThatThrownBy(() -> c.open("nope")).isInstanceOf(ModelSpecException.class)
                .hasMessageStartingWith("unknown model 'nope'; models: identity, oracle");
    }
}
