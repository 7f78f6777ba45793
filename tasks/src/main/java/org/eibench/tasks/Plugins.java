package org.eibench.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import org.eibench.metrics.config.Options;
import org.eibench.metrics.config.Registry;
import org.eibench.tasks.spec.TaskKind;
import org.eibench.tasks.spi.Component;
import org.eibench.tasks.spi.DecoderProvider;
import org.eibench.tasks.spi.DegradationProvider;
import org.eibench.tasks.spi.LayoutProvider;
import org.eibench.tasks.spi.MetricProvider;
import org.eibench.tasks.spi.TaskProvider;

/**
 * The layouts, decoders, metrics, degradations and tasks that one class loader sees through {@link ServiceLoader}:
 * the built-ins (listed in this module's {@code META-INF/services}) and any plugin jar's, registered alike. A plugin
 * that reuses a built-in name is an error, not an override.
 */
public final class Plugins {

    private static Plugins classPath;

    private final Registry<LayoutProvider> layouts;
    private final Registry<DecoderProvider> decoders;
    private final Registry<MetricProvider> metrics;
    private final Registry<DegradationProvider> degradations;
    private final List<TaskProvider> tasks;

    private Plugins(ClassLoader loader) {
        layouts = Registry.load("layout", LayoutProvider.class, Component::name, loader);
        decoders = Registry.load("decoder", DecoderProvider.class, Component::name, loader);
        metrics = Registry.load("metric", MetricProvider.class, Component::name, loader);
        degradations = Registry.load("degradation", DegradationProvider.class, Component::name, loader);
        List<TaskProvider> t = new ArrayList<>();
        ServiceLoader.load(TaskProvider.class, loader).forEach(t::add);
        tasks = List.copyOf(t);
    }

    /** The components this module's class loader sees: the built-ins and any plugin jar on the class path. */
    public static synchronized Plugins classPath() {
        if (classPath == null) {
            classPath = new Plugins(Plugins.class.getClassLoader());
        }
        return classPath;
    }

    /** Every provider visible from {@code loader}. */
    public static Plugins load(ClassLoader loader) {
        return loader == Plugins.class.getClassLoader() ? classPath() : new Plugins(loader);
    }

    public Registry<LayoutProvider> layouts() {
        return layouts;
    }

    public Registry<DecoderProvider> decoders() {
        return decoders;
    }

    public Registry<MetricProvider> metrics() {
        return metrics;
    }

    public Registry<DegradationProvider> degradations() {
        return degradations;
    }

    public List<TaskProvider> taskProviders() {
        return tasks;
    }

    /**
     * The component a task file names, checked against the task's kind; a problem on {@code field} when it is unknown
     * (its other keys are then not reported) or does not fit the kind (it is still returned, so its own keys are
     * checked too).
     *
     * @return the provider, or null when the name is unknown
     */
    public static <P extends Component> P find(Registry<P> registry, String name, Options options, String field, TaskKind kind) {
        P p = registry.find(name);
        if (p == null) {
            options.markAllUsed();
            options.fail(field, registry.unknown(name));
            return null;
        }
        if (kind != null && !p.kinds().isEmpty() && !p.kinds().contains(kind)) {
            List<String> fits = p.kinds().stream().sorted().map(TaskKind::key).toList();
            options.fail(field, registry.sort() + " '" + name + "' does not fit a " + kind.key() + " task (it fits: " + String.join(", ", fits) + ")");
        }
        return p;
    }
}
