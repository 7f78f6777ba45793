package org.eibench.baselines;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** The shared data folder: $EIBENCH_DATA, else {@code <repo root>/../shared/data} (surefire sets the root). */
final class TestData {

    private TestData() {
    }

    static Path dir() {
        String env = System.getenv("EIBENCH_DATA");
        Path p = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("eibench.repo.root", ".")).resolve("../shared/data").normalize();
        Assumptions.assumeTrue(Files.isDirectory(p), "shared data folder not found: " + p);
        return p;
    }
}
