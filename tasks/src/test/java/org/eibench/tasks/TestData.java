package org.eibench.tasks;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** The bundled data for tests: $EIBENCH_DATA, else ../shared/data beside the checkout (system property eibench.repo.root). */
public final class TestData {

    private TestData() {
    }

    public static Path dir() {
        String env = System.getenv("EIBENCH_DATA");
        Path p = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("eibench.repo.root", ".")).resolve("../shared/data");
        p = p.toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            p = Path.of("").toAbsolutePath().resolve("../../shared/data").normalize();
        }
        Assumptions.assumeTrue(Files.isDirectory(p), "bundled data not found at " + p);
        return p;
    }
}
