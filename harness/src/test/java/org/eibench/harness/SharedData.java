package org.eibench.harness;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** The bundled data for tests: $EIBENCH_DATA, else ../shared/data beside the checkout. */
final class SharedData {

    private SharedData() {
    }

    static Path dir() {
        String env = System.getenv("EIBENCH_DATA");
        Path p = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("eibench.repo.root", ".")).resolve("../shared/data");
        p = p.toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(p), "bundled data not found at " + p);
        return p;
    }
}
