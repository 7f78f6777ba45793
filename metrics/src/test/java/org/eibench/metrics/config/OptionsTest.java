package org.eibench.metrics.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OptionsTest {

    static final OptionSpec WINDOW = OptionSpec.integer("window", 7, 3, 99, "side");
    static final OptionSpec MODE = OptionSpec.choice("mode", List.of("fast", "exact"), "how");

    @Test
    void defaultsComeFromTheDeclaration() {
        Options o = Options.of(Map.of());
        assertThat(o.integer(WINDOW)).isEqualTo(7);
        assertThat(o.choice(MODE)).isEqualTo("fast");
        assertThat(o.problems()).isEmpty();
    }

    @Test
    void everyProblemIsKeptWithItsKey() {
        Options o = new Options(Map.of("window", 2.5, "mode", "slow", "typo", 1, "name", "x"), Set.of("name"));
        o.integer(WINDOW);
        o.choice(MODE);
        assertThat(o.problems()).extracting(Options.Problem::key).containsExactly("window", "mode", "typo");
        assertThat(o.problems().get(2).message()).isEqualTo("unknown key; known keys: window, mode");
    }

    @Test
    void lenientWhereTheMeaningIsPlain() {
        Options o = Options.of(Map.of("window", 5.0, "mode", "EXACT", "n", "2.5", "b", "true"));
        assertThat(o.integer(WINDOW)).isEqualTo(5);
        assertThat(o.choice(MODE)).isEqualTo("exact");
        assertThat(o.number("n", 0)).isEqualTo(2.5);
        assertThat(o.bool("b", false)).isTrue();
        assertThat(o.problems()).isEmpty();
    }

    @Test
    void checkTurnsProblemsIntoOneException() {
        Options o = Options.of(Map.of("window", 200));
        o.integer(WINDOW);
        assertThatThrownBy(() -> o.check("blur")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("blur: option 'window' must be between 3 and 99, not 200");
    }

    @Test
    void aPositiveNumberWithoutDefaultIsRequired() {
        OptionSpec sigma = OptionSpec.number("sigma", null, "noise");
        OptionSpec range = OptionSpec.number("range", 10.0, "metres");
        Options o = Options.of(Map.of("range", -1));
        assertThat(o.positive(sigma)).isNaN();
        assertThat(o.positive(range)).isEqualTo(10.0);
        assertThat(o.problems()).extracting(Options.Problem::message)
                .containsExactly("is required (a positive number)", "must be a positive number");
    }
}
