package org.eibench.tasks.data;

import java.nio.file.Path;
import java.util.function.Function;

import org.eibench.metrics.config.OptionSpec;
import org.eibench.metrics.config.Options;
import org.eibench.tasks.Plugins;
import org.eibench.tasks.spi.DegradationProvider;

/** Builds the degradation a task file's {@code data.degrade} names; the options the seeded ones share. */
public final class Degradations {

    /** The task seed of the per-sample random stream ({@link SampleSeeds#forSample}). */
    public static final OptionSpec SEED = OptionSpec.integer("seed", 0, 0, Integer.MAX_VALUE, "task seed of the per-sample random stream");

    private Degradations() {
    }

    /**
     * @param files resolves a file named by the task file (a blur kernel) with the task file's rules
     * @return the degradation, or null when a problem was recorded
     */
    public static Degradation create(Options o, Function<String, Path> files, Plugins plugins) {
        String type = o.string("type", null);
        if (type == null) {
            return null;
        }
        DegradationProvider p = Plugins.find(plugins.degradations(), type, o, "type", null);
        return p == null ? null : p.create(o, files);
    }
}
