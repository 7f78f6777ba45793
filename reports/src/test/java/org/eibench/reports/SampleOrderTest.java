package org.eibench.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports read a run's sample lines in sample-id order, whatever order the runner's threads appended them in. */
class SampleOrderTest {

    @TempDir
    Path tmp;

    @Test
    void linesInAnyOrderGiveTheSameTablesByteForByte() throws IOException {
        Path run = Fixtures.run(tmp.resolve("a"), "a", "identity", 0);
        Path copy = Fixtures.run(tmp.resolve("b"), "a", "identity", 0);
        Path lines = copy.resolve("samples/udc-toled.jsonl");
        List<String> shuffled = new ArrayList<>(Files.readAllLines(lines, StandardCharsets.UTF_8));
        Collections.reverse(shuffled);
        Files.write(lines, shuffled, StandardCharsets.UTF_8);

        List<String> ids = Reports.read(List.of(copy)).get(0).samples().get("udc-toled").stream()
                .map(RunData.SampleLine::id).toList();
        assertThat(ids).isSorted().hasSize(shuffled.size());
        Reports.write(List.of(run), tmp.resolve("ra"), null);
        Reports.write(List.of(copy), tmp.resolve("rb"), null);
        for (String table : List.of("per_instruction.csv", "results.csv")) {
            assertThat(Files.readString(tmp.resolve("rb/tables").resolve(table)))
                    .as(table).isEqualTo(Files.readString(tmp.resolve("ra/tables").resolve(table)));
        }
    }
}
