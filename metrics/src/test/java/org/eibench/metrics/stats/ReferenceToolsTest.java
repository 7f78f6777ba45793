package org.eibench.metrics.stats;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The require switch: a missing reference tool skips a test, or fails it when EIBENCH_REQUIRE_REFERENCES is 1. */
class ReferenceToolsTest {

    @Test
    void aMissingToolSkipsUnlessTheSwitchIsOn() {
        assertThatThrownBy(() -> ReferenceTools.require(false, "no pdflatex", null)).isInstanceOf(TestAbortedException.class);
        assertThatThrownBy(() -> ReferenceTools.require(false, "no pdflatex", "0")).isInstanceOf(TestAbortedException.class);
        for (String on : new String[] {"1", "true", " TRUE "}) {
            assertThatThrownBy(() -> ReferenceTools.require(false, "no pdflatex", on)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("no pdflatex").hasMessageContaining("EIBENCH_REQUIRE_REFERENCES");
        }
        assertThatCode(() -> ReferenceTools.require(true, "present", "1")).doesNotThrowAnyException();
    }
}
