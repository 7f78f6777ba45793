package org.eibench.tasks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bundled data for tests: $EIBENCH_DATA, else the repository's {@code data/} folder (the surefire property
 * eibench.repo.root names the repository). The folder is part of the repository, so a missing one fails the test.
 */
public final class TestData {

    private TestData() {
    }

    public static Path dir() {
        String env = System.getenv("EIBENCH_DATA");
        Path p = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("eibench.repo.root", "..")).resolve("data");
        p = p.toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("bundled data not found at " + p
                    + " (it is the repository's data/ folder; EIBENCH_DATA overrides it)");
        }
        return p;
    }
}
