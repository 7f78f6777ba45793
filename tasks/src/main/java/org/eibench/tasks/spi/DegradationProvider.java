package org.eibench.tasks.spi;

import java.nio.file.Path;
import java.util.function.Function;

import org.eibench.metrics.config.Options;
import org.eibench.tasks.data.Degradation;

/**
 * A degradation that makes a task's input from its clean target
 * ({@code META-INF/services/org.eibench.tasks.spi.DegradationProvider}); {@link #name()} is {@code data.degrade.type}.
 */
public interface DegradationProvider extends Component {

    /**
     * @param files resolves a file the task file names (a blur kernel) with the task file's rules
     * @return the degradation, or null when a problem was recorded in {@code options}
     */
    Degradation create(Options options, Function<String, Path> files);
}
