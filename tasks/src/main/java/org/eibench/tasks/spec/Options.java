package org.eibench.tasks.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of one component (layout, decoder, metric) as a task file gives them. Readers record which keys they
 * used and every problem they meet, so a file with many mistakes is reported in one go; keys nobody read are
 * reported as unknown.
 */
public final class Options {

    /** A problem with one key ({@code ""} for the component as a whole). */
    public record Problem(String key, String message) {
    }

    private final Map<String, Object> values;
    private final Set<String> used = new LinkedHashSet<>();
    private final Set<String> ignored;
    private final List<Problem> problems = new ArrayList<>();

    /** @param ignored keys that belong to the caller (such as {@code type} or {@code name}) */
    public Options(Map<String, Object> values, Set<String> ignored) {
        this.values = new LinkedHashMap<>(values);
        this.ignored = Set.copyOf(ignored);
    }

    public static Options of(Map<String, Object> values) {
        return new Options(values, Set.of());
    }

    public boolean has(String key) {
        used.add(key);
        return values.get(key) != null;
    }

    public Object raw(String key) {
        used.add(key);
        return values.get(key);
    }

    public String string(String key, String fallback) {
        Object v = raw(key);
        if (v == null) {
            if (fallback == null) {
                fail(key, "is required");
            }
            return fallback;
        }
        if (v instanceof Map || v instanceof List) {
            fail(key, "must be a string");
            return fallback;
        }
        return v.toString();
    }

    public String choice(String key, String fallback, List<String> allowed) {
        String s = string(key, fallback);
        if (s != null && !allowed.contains(s)) {
            fail(key, "must be one of " + String.join(", ", allowed) + ", not '" + s + "'");
            return fallback;
        }
        return s;
    }

    public double number(String key, double fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        fail(key, "must be a number, not '" + v + "'");
        return fallback;
    }

    public int integer(String key, int fallback, int min, int max) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Integer || v instanceof Long) {
            long l = ((Number) v).longValue();
            if (l < min || l > max) {
                fail(key, "must be between " + min + " and " + max + ", not " + l);
                return fallback;
            }
            return (int) l;
        }
        fail(key, "must be a whole number, not '" + v + "'");
        return fallback;
    }

    public boolean bool(String key, boolean fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        fail(key, "must be true or false, not '" + v + "'");
        return fallback;
    }

    public List<String> strings(String key) {
        Object v = raw(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) {
                if (o == null || o instanceof Map || o instanceof List) {
                    fail(key, "must be a list of strings");
                    return List.of();
                }
                out.add(o.toString());
            }
            return out;
        }
        fail(key, "must be a list");
        return List.of();
    }

    /** Marks every key read: after an unknown component name its options are not worth a problem each. */
    public void markAllUsed() {
        used.addAll(values.keySet());
    }

    public void fail(String key, String message) {
        problems.add(new Problem(key, message));
    }

    /** Every problem so far, plus one for each key nobody read. */
    public List<Problem> problems() {
        List<Problem> all = new ArrayList<>(problems);
        for (String k : values.keySet()) {
            if (!used.contains(k) && !ignored.contains(k)) {
                List<String> known = new ArrayList<>(used);
                all.add(new Problem(k, "unknown key" + (known.isEmpty() ? "" : "; known keys: " + String.join(", ", known))));
            }
        }
        return all;
    }

    /** Values actually read, for recording in run.json. */
    public Map<String, Object> usedValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : used) {
            if (values.get(k) != null) {
                m.put(k, values.get(k));
            }
        }
        return m;
    }
}
