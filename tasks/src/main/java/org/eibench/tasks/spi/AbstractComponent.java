package org.eibench.tasks.spi;

import java.util.List;
import java.util.Set;

import org.eibench.metrics.config.OptionSpec;
import org.eibench.tasks.spec.TaskKind;

/** A component's name, kinds and declared options held as fields: a provider extends it and adds {@code create}. */
public abstract class AbstractComponent implements Component {

    private final String name;
    private final Set<TaskKind> kinds;
    private final List<OptionSpec> options;

    /** @param kinds the kinds it fits, empty for every kind */
    protected AbstractComponent(String name, Set<TaskKind> kinds, OptionSpec... options) {
        this.name = name;
        this.kinds = Set.copyOf(kinds);
        this.options = List.of(options);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<TaskKind> kinds() {
        return kinds;
    }

    @Override
    public final List<OptionSpec> options() {
        return options;
    }
}
