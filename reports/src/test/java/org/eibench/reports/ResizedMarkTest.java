package org.eibench.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs the decoder resized are counted from the sample lines and marked in the Results table; old lines show none. */
class ResizedMarkTest {

    @TempDir
    Path tmp;

    @Test
    void theResultsCellSaysHowManyOutputsTheDecoderResized() throws IOException {
        Path run = Fixtures.run(tmp, "a", "identity", 0);
        Path lines = run.resolve("samples/udc-toled.jsonl");
        List<String> marked = new ArrayList<>();
        List<String> old = Files.readAllLines(lines, StandardCharsets.UTF_8);
        for (int i = 0; i < old.size(); i++) {
            String l = old.get(i);
            // two of the three scored samples were a quarter of the target's size
            marked.add(i < 2 ? l.substring(0, l.length() - 1) + ",\"decoder_resized\":\"5x5 to 20x20\"}" : l);
        }
        Files.write(lines, marked, StandardCharsets.UTF_8);

        List<RunData> runs = Reports.read(List.of(run));
        assertThat(runs.get(0).resized("udc-toled")).isEqualTo(2);
        assertThat(runs.get(0).resized("derain-rain100l")).isZero(); // lines without the field: a run that predates it
        Path index = Reports.write(List.of(run), tmp.resolve("report"), null);
        String html = Files.readString(index);
        // udc-toled's two headline metrics (psnr, ssim) each carry the mark; derain's cells carry none
        assertThat(html.split("resized: 2 of 3 †", -1)).hasSize(3);
        assertThat(html).doesNotContain("resized: 0");
    }
}
