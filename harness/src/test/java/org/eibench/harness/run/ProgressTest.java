package org.eibench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void theRateIsShownOnlyOnceThereIsSomethingToMeasure() {
        assertThat(Progress.rate(0, 0, 2_000_000_000L)).isEmpty();
        assertThat(Progress.rate(5, 7, 7)).isEmpty();
        assertThat(Progress.rate(5, 0, 2_000_000_000L)).isEqualTo("2.50 samples/s");
        // A task faster than a second still gets its rate (the bar library's own speed shows "?" then).
        assertThat(Progress.rate(12, 0, 40_000_000L)).isEqualTo("300.00 samples/s");
    }

    @Test
    void linesNeverShowAnUnknownRate() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Progress resumedDone = new Progress.Lines(out, "t", 3, 3);
        resumedDone.finish();
        Progress fast = new Progress.Lines(out, "u", 2, 0);
        fast.step(true);
        fast.step(false);
        fast.finish();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("[t] resuming: 3 of 3 samples already done\n[t] 3/3 samples\n")
                .containsPattern("\\[u\\] 2/2 samples \\(1 failed\\), [0-9.]+ samples/s\n").doesNotContain("?");
    }
}
