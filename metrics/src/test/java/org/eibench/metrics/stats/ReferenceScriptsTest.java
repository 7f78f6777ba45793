package org.eibench.metrics.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
    // machine's BLAS/LAPACK) moves between CPUs, as OpenBLAS picks its kernels by CPU model: the same Debian packages
    // gave 107.73178887053957 where the fixture was made and 107.7317888558345 on another machine (1.4e-10), and
    // 31.815786020760335 vs 31.81578597696746 (1.4e-9) for the rank-deficient case that needs sqrtm's retry. The last
    // column is an absolute floor: values that are rounding noise around zero (a KID std of 3e-16) count as zero.
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "seg_golden.py, segmentation/seg_golden.json, 1e-12, 0",
        "depth_golden.py, depth/depth_golden.json, 1e-12, 0",
        "normals_golden.py, normals/normals_golden.json, 1e-12, 0",
        "mask_golden.py, mask/mask_golden.json, 1e-12, 0",
        "distribution_golden.py, distribution/distribution_golden.json, 1e-8, 1e-12",
        "generation_golden.py, generation/masked_golden.json, 1e-12, 0",
    })
    void scriptReproducesFixture(String script, String fixture, double tolerance, double floor, @TempDir Path tmp) throws Exception {
        Path data = Golden.dataDir();
        Path out = tmp.resolve("out.json");
        Golden.runPython(Golden.repoRoot().resolve("metrics/src/test/python").resolve(script), data.toString(), out.toString());
        assertThat(Files.exists(out)).isTrue();
        Map<String, Object> expected = Golden.readJson(Golden.fixture(fixture));
        Map<String, Object> actual = Golden.readJson(out);
        // sqrtm_imag is rounding noise (the largest imaginary part sqrtm left), different on every BLAS; what matters,
        // as pytorch-fid checks it, is that it stays far below 1e-3. It is recorded, not compared.
        for (Map<String, Object> doc : List.of(expected, actual)) {
            if (doc.get("cases") instanceof List<?> cases) {
                for (Object c : cases) {
                    if (c instanceof Map<?, ?> m && m.remove("sqrtm_imag") instanceof Number imag) {
                        assertThat(Math.abs(imag.doubleValue())).as(fixture + ": sqrtm's imaginary part").isLessThan(1e-3);
                    }
                }
            }
        }
        String d = Golden.diff(zeroBelow(expected, floor), zeroBelow(actual, floor), tolerance, "$");
        assertThat(d).as("fixture " + fixture + " differs from a fresh run of " + script).isNull();
    }

    /** The document with every number whose magnitude is below {@code floor} replaced by 0. */
    private static Object zeroBelow(Object v, double floor) {
        if (v instanceof Number n) {
            return Math.abs(n.doubleValue()) < floor ? (Object) 0.0 : v;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((key, x) -> out.put(key, zeroBelow(x, floor)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(x -> zeroBelow(x, floor)).toList();
        }
        return v;
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

    /** Every script in the Python reference folder is re-run by a test of this module (fsum_golden.py: ExactSumTest). */
    @Test
    void everyScriptIsReRun() throws Exception {
        try (var scripts = Files.list(Golden.repoRoot().resolve("metrics/src/test/python"))) {
            assertThat(scripts.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".py")).sorted().toList())
                    .containsExactly("depth_golden.py", "distribution_golden.py", "edges_golden.py", "fsum_golden.py", "generation_golden.py",
                            "image_bench.py", "image_golden.py", "mask_golden.py", "normals_golden.py", "seg_golden.py",
                            "ssim_window_golden.py");
        }
    }
}
