package org.eibench.harness;

import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * Where the bundled data lives: --data, else $EIBENCH_DATA, else the launcher's guess (system property eibench.data),
 * else ../shared/data from the current folder.
 */
final class DataOption {

    @Option(names = "--data", paramLabel = "DIR", description = "data folder (default: $EIBENCH_DATA, else ../shared/data)")
    Path data;

    Path resolve() {
        Path p = data;
        if (p == null && System.getenv("EIBENCH_DATA") != null && !System.getenv("EIBENCH_DATA").isBlank()) {
            p = Path.of(System.getenv("EIBENCH_DATA"));
        }
        if (p == null && System.getProperty("eibench.data") != null) {
            p = Path.of(System.getProperty("eibench.data"));
        }
        if (p == null) {
            p = Path.of("..", "shared", "data");
        }
        p = p.toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new Main.UsageError("data folder " + p + " does not exist; give --data DIR or set EIBENCH_DATA");
        }
        return p;
    }
}
