package org.eibench.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eibench.tasks.TaskCatalog;
import picocli.CommandLine.Option;

/**
 * Where the data lives. The bundled data: --data, else $EIBENCH_DATA, else the launcher's guess (system property
 * eibench.data), else ../shared/data from the current folder. A user's local datasets for the paper's tasks:
 * --data-root NAME=DIR (repeatable), standing for ${EIBENCH_ROOT_NAME} in task files, else that environment variable.
 */
final class DataOption {

    @Option(names = "--data", paramLabel = "DIR", description = "data folder (default: $EIBENCH_DATA, else ../shared/data)")
    Path data;

    @Option(names = "--data-root", paramLabel = "NAME=DIR",
            description = "a local dataset root for task files that use ${EIBENCH_ROOT_NAME}, e.g. nyuv2=/data/nyu "
                    + "(repeatable; default: the environment variable EIBENCH_ROOT_NAME)")
    Map<String, Path> roots = new LinkedHashMap<>();

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

    /** The catalog over the resolved data folder, the --data-root roots and the plugins on the class path. */
    TaskCatalog catalog() {
        Path dataDir = resolve();
        Map<String, Path> r = new LinkedHashMap<>();
        roots.forEach((k, v) -> {
            if (!k.matches("[A-Za-z][A-Za-z0-9_-]*")) {
                throw new Main.UsageError("--data-root " + k + "=" + v + ": the name must be letters, digits, - and _");
            }
            if (!Files.isDirectory(v)) {
                throw new Main.UsageError("--data-root " + k + "=" + v + ": folder does not exist");
            }
            r.put(k, v.toAbsolutePath().normalize());
        });
        return new TaskCatalog(dataDir, r, Thread.currentThread().getContextClassLoader());
    }
}
