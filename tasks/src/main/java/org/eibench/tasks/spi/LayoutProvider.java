package org.eibench.tasks.spi;

import org.eibench.metrics.config.Options;
import org.eibench.tasks.data.Layout;
import org.eibench.tasks.data.LayoutContext;

/**
 * A dataset layout ({@code META-INF/services/org.eibench.tasks.spi.LayoutProvider}); a task file names it in
 * {@code data.layout}.
 */
public interface LayoutProvider extends Component {

    /**
     * Builds the layout from the {@code data} keys. Read every key through {@code options} (unread keys are reported
     * as unknown) and record problems with {@link Options#fail} rather than throwing.
     *
     * @return the layout, or null when a problem was recorded
     */
    Layout create(LayoutContext context, Options options);
}
