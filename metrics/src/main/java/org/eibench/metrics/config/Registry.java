package org.eibench.metrics.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Named components of one sort (decoders, metrics, layouts, degradations, models): built-ins and plugins enter the same
 * way, through {@link ServiceLoader} ({@link #load}). Two entries with one name are an error, so a plugin can never
 * silently change what a name means; a name that is not there is answered with the names that are.
 *
 * @param <T> the entry type, usually a provider
 */
public final class Registry<T> {

    private final String sort;
    private final Map<String, T> entries = new LinkedHashMap<>();

    /** @param sort what one entry is, singular and lower-case ({@code decoder}), for messages */
    public Registry(String sort) {
        this.sort = sort;
    }

    /** Every provider of {@code service} that {@code loader} sees, in class-path order, named by {@code name}. */
    public static <T> Registry<T> load(String sort, Class<T> service, Function<T, String> name, ClassLoader loader) {
        Registry<T> r = new Registry<>(sort);
        for (T p : ServiceLoader.load(service, loader)) {
            r.register(name.apply(p), p);
        }
        return r;
    }

    /** @throws IllegalStateException when the name is taken */
    public Registry<T> register(String name, T entry) {
        T before = entries.putIfAbsent(name, entry);
        if (before != null) {
            throw new IllegalStateException("two " + sort + "s named '" + name + "': " + before.getClass().getName() + " and "
                    + entry.getClass().getName());
        }
        return this;
    }

    /** What one entry is, e.g. {@code decoder}. */
    public String sort() {
        return sort;
    }

    /** The entry, or null. */
    public T find(String name) {
        return entries.get(name);
    }

    /** @throws IllegalArgumentException naming every entry when {@code name} is unknown */
    public T get(String name) {
        T t = entries.get(name);
        if (t == null) {
            throw new IllegalArgumentException(unknown(name));
        }
        return t;
    }

    /** "unknown decoder 'x'; decoders: a, b, c" */
    public String unknown(String name) {
        return "unknown " + sort + " '" + name + "'; " + sort + "s: " + String.join(", ", names());
    }

    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    public Collection<T> entries() {
        return Collections.unmodifiableCollection(new ArrayList<>(entries.values()));
    }
}
