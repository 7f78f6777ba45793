package org.eibench.tasks.spi;

import org.eibench.tasks.data.Layout;
import org.eibench.tasks.data.LayoutContext;
import org.eibench.tasks.spec.Options;

/**
 * A dataset layout contributed by code, found with {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/org.eibench.tasks.spi.LayoutProvider}). A task file names it in {@code data.layout}.
 */
public interface LayoutProvider {

    /** The name task files use; must not clash with a built-in layout. */
    String name();

    /**
     * Builds the layout from the {@code data} keys. Read every key through {@code options} (unread keys are reported
     * as unknown) and record problems with {@link Options#fail} rather than throwing.
     */
    Layout create(LayoutContext context, Options options);
}
