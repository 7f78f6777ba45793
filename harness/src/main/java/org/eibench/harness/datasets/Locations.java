package org.eibench.harness.datasets;

import java.nio.file.Path;
import java.util.Map;

import org.eibench.tasks.TaskContext;

/**
 * Where datasets go when no {@code --dir} is given: {@code $EIBENCH_DATASETS/NAME}, else
 * {@code $XDG_CACHE_HOME/eibench/datasets/NAME}, else {@code ~/.cache/eibench/datasets/NAME}. A dataset's copy is
 * looked for first where its task variable points ({@code EIBENCH_ROOT_<ROOT>}), then there.
 */
public final class Locations {

    private Locations() {
    }

    /** The datasets folder; {@code eibench.datasets} (a Java system property) stands in for EIBENCH_DATASETS. */
    public static Path home(Map<String, String> env) {
        String p = System.getProperty("eibench.datasets");
        if (p == null || p.isBlank()) {
            p = env.get("EIBENCH_DATASETS");
        }
        if (p != null && !p.isBlank()) {
            return Path.of(p).toAbsolutePath().normalize();
        }
        return cacheHome(env).resolve("datasets");
    }

    /** EIBench's folder of the user's cache: {@code $XDG_CACHE_HOME/eibench}, else {@code ~/.cache/eibench}. */
    public static Path cacheHome(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("eibench").toAbsolutePath().normalize();
    }

    /** The task variable of a dataset root: nyuv2 -> EIBENCH_ROOT_NYUV2. */
    public static String rootVariable(Dataset d) {
        return TaskContext.rootVariable(d.root());
    }

    /** Where a dataset's copy is: its task variable when set, else the datasets folder. */
    public static Path copyOf(Dataset d, Map<String, String> env) {
        String v = env.get(rootVariable(d));
        return v != null && !v.isBlank() ? Path.of(v).toAbsolutePath().normalize() : home(env).resolve(d.name());
    }
}
