package org.eibench.metrics.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Re-runs each Python reference script (when /usr/bin/python3 with numpy and PIL and the shared data are present)
 * and checks that it reproduces the committed fixture, so a fixture can never drift from the script that claims to
 * have made it.
 */
class ReferenceScriptsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "seg_golden.py, segmentation/seg_golden.json",
        "depth_golden.py, depth/depth_golden.json",
        "normals_golden.py, normals/normals_golden.json",
        "mask_golden.py, mask/mask_golden.json",
        "distribution_golden.py, distribution/distribution_golden.json",
        "generation_golden.py, generation/masked_golden.json",
    })
    void scriptReproducesFixture(String script, String fixture, @TempDir Path tmp) throws Exception {
        Path data = Golden.dataDir();
        Path out = tmp.resolve("out.json");
        Golden.runPython(Golden.repoRoot().resolve("metrics/src/test/python").resolve(script), data.toString(), out.toString());
        assertThat(Files.exists(out)).isTrue();
        String d = Golden.diff(Golden.readJson(Golden.fixture(fixture)), Golden.readJson(out), 1e-12, "$");
        assertThat(d).as("fixture " + fixture + " differs from a fresh run of " + script).isNull();
    }
}
