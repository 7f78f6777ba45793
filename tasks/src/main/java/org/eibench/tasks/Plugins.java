package org.eibench.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.eibench.tasks.spi.DecoderProvider;
import org.eibench.tasks.spi.LayoutProvider;
import org.eibench.tasks.spi.MetricProvider;
import org.eibench.tasks.spi.TaskProvider;

/**
 * Layouts, decoders, metrics and tasks contributed by code through {@link ServiceLoader}, read once from one class
 * loader. Built-in names win: a provider cannot silently change what a built-in name means.
 */
public final class Plugins {

    private static final Plugins NONE = new Plugins(Map.of(), Map.of(), Map.of(), List.of());

    private final Map<String, LayoutProvider> layouts;
    private final Map<String, DecoderProvider> decoders;
    private final Map<String, MetricProvider> metrics;
    private final List<TaskProvider> tasks;

    private Plugins(Map<String, LayoutProvider> layouts, Map<String, DecoderProvider> decoders,
                    Map<String, MetricProvider> metrics, List<TaskProvider> tasks) {
        this.layouts = layouts;
        this.decoders = decoders;
        this.metrics = metrics;
        this.tasks = tasks;
    }

    /** No plugins: built-in components only. */
    public static Plugins none() {
        return NONE;
    }

    /** Every provider visible from {@code loader}. */
    public static Plugins load(ClassLoader loader) {
        Map<String, LayoutProvider> l = new LinkedHashMap<>();
        ServiceLoader.load(LayoutProvider.class, loader).forEach(p -> l.putIfAbsent(p.name(), p));
        Map<String, DecoderProvider> d = new LinkedHashMap<>();
        ServiceLoader.load(DecoderProvider.class, loader).forEach(p -> d.putIfAbsent(p.type(), p));
        Map<String, MetricProvider> m = new LinkedHashMap<>();
        ServiceLoader.load(MetricProvider.class, loader).forEach(p -> m.putIfAbsent(p.name(), p));
        List<TaskProvider> t = new java.util.ArrayList<>();
        ServiceLoader.load(TaskProvider.class, loader).forEach(t::add);
        return new Plugins(Map.copyOf(l), Map.copyOf(d), Map.copyOf(m), List.copyOf(t));
    }

    public LayoutProvider layout(String name) {
        return layouts.get(name);
    }

    public DecoderProvider decoder(String type) {
        return decoders.get(type);
    }

    public MetricProvider metric(String name) {
        return metrics.get(name);
    }

    public List<TaskProvider> taskProviders() {
        return tasks;
    }

    public List<String> layoutNames() {
        return List.copyOf(layouts.keySet());
    }

    public List<String> decoderTypes() {
        return List.copyOf(decoders.keySet());
    }

    public List<String> metricNames() {
        return List.copyOf(metrics.keySet());
    }
}
