package org.eibench.tasks.spi;

import java.util.List;
import java.util.Set;

import org.eibench.metrics.config.OptionSpec;
import org.eibench.tasks.spec.TaskKind;

/**
 * What every named component a task file picks (layout, decoder, metric, degradation) says about itself. Built-ins and
 * plugins are found the same way: listed in {@code META-INF/services} and loaded into a
 * {@link org.eibench.metrics.config.Registry}.
 */
public interface Component {

    /** The name task files use ({@code decoder.type}, {@code metrics[].name}, {@code data.layout}, {@code data.degrade.type}). */
    String name();

    /** The task kinds it fits; empty for every kind. */
    default Set<TaskKind> kinds() {
        return Set.of();
    }

    /**
     * The options it reads, with their defaults: shown by {@code eibench tasks show} and checked against the docs' key
     * tables. A component may read keys it does not declare (they are still accepted), but then no listing shows them.
     */
    default List<OptionSpec> options() {
        return List.of();
    }
}
