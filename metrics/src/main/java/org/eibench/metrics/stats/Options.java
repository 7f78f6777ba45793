package org.eibench.metrics.stats;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a metric's options as a task file gives them (a YAML map such as {@code {name: depth, alignment: median}})
 * with readable errors. Unknown keys are rejected so that a typo never silently falls back to a default.
 */
public final class Options {

    private final String metric;
    private final Map<String, ?> map;

    private Options(String metric, Map<String, ?> map, Collection<String> allowed) {
        this.metric = metric;
        this.map = map == null ? Map.of() : map;
        Set<String> unknown = new TreeSet<>(this.map.keySet());
        unknown.removeAll(allowed);
        unknown.remove("name");
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(metric + ": unknown option(s) " + unknown + "; allowed: " + new TreeSet<>(allowed));
        }
    }

    public static Options of(String metric, Map<String, ?> map, String... allowed) {
        return new Options(metric, map, List.of(allowed));
    }

    public boolean has(String key) {
        return map.containsKey(key) && map.get(key) != null;
    }

    public double number(String key, double fallback) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(metric + ": option '" + key + "' must be a number, got '" + v + "'");
        }
    }

    public int integer(String key, int fallback) {
        double d = number(key, fallback);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(metric + ": option '" + key + "' must be an integer, got " + map.get(key));
        }
        return (int) d;
    }

    public boolean bool(String key, boolean fallback) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim().toLowerCase();
        if (s.equals("true") || s.equals("yes")) {
            return true;
        }
        if (s.equals("false") || s.equals("no")) {
            return false;
        }
        throw new IllegalArgumentException(metric + ": option '" + key + "' must be true or false, got '" + v + "'");
    }

    /** A string that must be one of {@code choices}. */
    public String choice(String key, String fallback, String... choices) {
        Object v = map.get(key);
        String s = v == null ? fallback : v.toString().trim().toLowerCase();
        for (String c : choices) {
            if (c.equals(s)) {
                return c;
            }
        }
        throw new IllegalArgumentException(metric + ": option '" + key + "' must be one of " + List.of(choices) + ", got '" + v + "'");
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(String key) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        throw new IllegalArgumentException(metric + ": option '" + key + "' must be a list, got '" + v + "'");
    }
}
