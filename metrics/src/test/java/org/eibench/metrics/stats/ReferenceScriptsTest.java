package org.eibench.metrics.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Re-runs each Python reference script (when /usr/bin/python3 with its stack is present; the data is the bundled data/; under
 * EIBENCH_REQUIRE_REFERENCES=1 a missing Python fails) and checks that it reproduces the committed fixture, so a
 * fixture can never drift from the script that claims to have made it. image_golden.py has its own test
 * (ImageGoldenScriptTest: images pixel for pixel), and so has the benchmark script image_bench.py.
 */
class ReferenceScriptsTest {

    // Relative tolerance per fixture: 1e-12, except FD, whose scipy.linalg.sqrtm (a Schur decomposition through the
    // machine's BLAS/LAPACK) moves by ~1e-10 between CPUs, as OpenBLAS picks its kernels by CPU model: the same Debian
    // packages gave 107.73178887053957 where the fixture was made and 107.7317888558345 on another machine.
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "seg_golden.py, segmentation/seg_golden.json, 1e-12",
        "depth_golden.py, depth/depth_golden.json, 1e-12",
        "normals_golden.py, normals/normals_golden.json, 1e-12",
        "mask_golden.py, mask/mask_golden.json, 1e-12",
        "distribution_golden.py, distribution/distribution_golden.json, 1e-9",
        "generation_golden.py, generation/masked_golden.json, 1e-12",
    })
    void scriptReproducesFixture(String script, String fixture, double tolerance, @TempDir Path tmp) throws Exception {
        Path data = Golden.dataDir();
        Path out = tmp.resolve("out.json");
        Golden.runPython(Golden.repoRoot().resolve("metrics/src/test/python").resolve(script), data.toString(), out.toString());
        assertThat(Files.exists(out)).isTrue();
        String d = Golden.diff(Golden.readJson(Golden.fixture(fixture)), Golden.readJson(out), tolerance, "$");
        assertThat(d).as("fixture " + fixture + " differs from a fresh run of " + script).isNull();
    }

    /**
     * edges_golden.py writes text fixtures (thinning cases from scikit-image, optimal matchings from scipy's LAPJV):
     * a fresh run must give the committed files byte for byte, since the Java tests compare against them exactly.
     */
    @Test
    void edgesScriptReproducesItsFixtures(@TempDir Path tmp) throws Exception {
        Path data = Golden.dataDir();
        Golden.runPython(Golden.repoRoot().resolve("metrics/src/test/python/edges_golden.py"), data.toString(), tmp.toString());
        for (String f : List.of("thin_cases.txt", "match_fixture.txt")) {
            assertThat(Files.readString(tmp.resolve(f))).as("fixture edges/" + f + " differs from a fresh run of edges_golden.py")
                    .isEqualTo(Files.readString(Golden.fixture("edges/" + f)));
        }
    }

    /** Every script in the Python reference folder is re-run by a test of this module. */
    @Test
    void everyScriptIsReRun() throws Exception {
        try (var scripts = Files.list(Golden.repoRoot().resolve("metrics/src/test/python"))) {
            assertThat(scripts.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".py")).sorted().toList())
                    .containsExactly("depth_golden.py", "distribution_golden.py", "edges_golden.py", "generation_golden.py",
                            "image_bench.py", "image_golden.py", "mask_golden.py", "normals_golden.py", "seg_golden.py",
                            "ssim_window_golden.py");
        }
    }
}
