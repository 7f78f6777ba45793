package org.eibench.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

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
}
