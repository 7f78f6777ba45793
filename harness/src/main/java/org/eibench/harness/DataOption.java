package org.eibench.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eibench.tasks.TaskCatalog;
import picocli.CommandLine.Option;

/**
 * Where the data lives. The bundled data: --data, else $EIBENCH_DATA, else the {@code data/} folder of the repository
 * this code was built in (found from the jar's or classes folder's location). A user's local datasets for the paper's
 * tasks: --data-root NAME=DIR (repeatable), standing for ${EIBENCH_ROOT_NAME} in task files, else that environment
 * variable.
 */
final class DataOption {

    @Option(names = "--data", paramLabel = "DIR", description = "bundled data folder (default: $EIBENCH_DATA, else the repository's data/)")
    Path data;

    @Option(names = "--data-root", paramLabel = "NAME=DIR",
            description = "a local dataset root for task files that use $${EIBENCH_ROOT_NAME}, e.g. nyuv2=/data/nyu "
                    + "(repeatable; default: the environment variable EIBENCH_ROOT_NAME)")
    Map<String, Path> roots = new LinkedHashMap<>();

    Path resolve() {
        String env = System.getenv("EIBENCH_DATA");
        String from = data != null ? "--data" : env != null && !env.isBlank() ? "EIBENCH_DATA" : null;
        Path p = data != null ? data : from != null ? Path.of(env) : bundled();
        if (p == null) {
            throw new Main.UsageError("the bundled data folder was not found: it is the data/ folder of the EIBench "
                    + "repository, next to harness/target/eibench.jar; run from a checkout, or give --data DIR or set "
                    + "EIBENCH_DATA. Real datasets for the paper's tasks: eibench data list");
        }
        p = p.toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new Main.UsageError("data folder " + p + " (from " + (from == null ? "the repository" : from)
                    + ") does not exist; the bundled data is the data/ folder of the EIBench repository");
        }
        return p;
    }

    /** Folders above the code's own location searched for data/MANIFEST.json (target/classes or target/x.jar). */
    private static final int BUNDLED_SEARCH_DEPTH = 4;

    /** The repository's data/ folder, found upwards from where this class was loaded; null when there is none. */
    static Path bundled() {
        Path here;
        try {
            here = Path.of(DataOption.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
        Path dir = here.toAbsolutePath();
        for (int i = 0; i <= BUNDLED_SEARCH_DEPTH && dir != null; i++, dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("data").resolve("MANIFEST.json"))) {
                return dir.resolve("data");
            }
        }
        return null;
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
