package org.eibench.metrics.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegistryTest {

    @Test
    void aNameIsTakenOnce() {
        Registry<String> r = new Registry<String>("decoder").register("rgb", "first");
        assertThatThrownBy(() -> r.register("rgb", "second")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two decoders named 'rgb'");
        assertThat(r.get("rgb")).isEqualTo("first");
    }

    @Test
    void anUnknownNameIsAnsweredWithTheKnownOnes() {
        Registry<String> r = new Registry<String>("layout").register("voc", "v").register("bsds", "b");
        assertThat(r.find("ade20k")).isNull();
        assertThatThrownBy(() -> r.get("ade20k")).hasMessage("unknown layout 'ade20k'; layouts: voc, bsds");
        assertThat(r.names()).containsExactly("voc", "bsds");
    }
}
