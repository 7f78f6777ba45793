package org.eibench.metrics.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options of one component (layout, decoder, metric, degradation) as a task file or a run.json gives them. Readers
 * record which keys they used and every problem they meet, per key, so a file with many mistakes is reported in one go
 * and the task file's reader can point at each key's line and column; keys nobody read are reported as unknown. Code
 * that builds a component from a plain map calls {@link #check} to turn the problems into one exception.
 *
 * <p>Scalars are read leniently where the meaning is plain (a number written as a string, a whole number written
 * {@code 4.0}, {@code "true"}), so a value that went through JSON or a command line reads the same.
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
    public Options(Map<String, ?> values, Set<String> ignored) {
        this.values = new LinkedHashMap<>(values == null ? Map.of() : values);
        this.ignored = Set.copyOf(ignored);
    }

    public static Options of(Map<String, ?> values) {
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

    public String string(OptionSpec s) {
        return string(s.name(), (String) s.fallback());
    }

    /** One of {@code allowed}, compared in lower case. */
    public String choice(String key, String fallback, List<String> allowed) {
        String s = string(key, fallback);
        if (s == null) {
            return null;
        }
        String lower = s.strip().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.toLowerCase(Locale.ROOT).equals(lower)) {
                return a;
            }
        }
        fail(key, "must be one of " + String.join(", ", allowed) + ", not '" + s + "'");
        return fallback;
    }

    public String choice(OptionSpec s) {
        return choice(s.name(), (String) s.fallback(), s.choices());
    }

    public double number(String key, double fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        Double d = v instanceof Number n ? Double.valueOf(n.doubleValue()) : v instanceof String s ? parse(s) : null;
        if (d == null) {
            fail(key, "must be a number, not '" + v + "'");
            return fallback;
        }
        if (!Double.isFinite(d)) {
            fail(key, "must be finite, not " + v);
            return fallback;
        }
        return d;
    }

    public double number(OptionSpec s) {
        return number(s.name(), s.fallback() == null ? Double.NaN : ((Number) s.fallback()).doubleValue());
    }

    /**
     * A number that must be positive; without a declared default the key is required. On a problem the default comes
     * back (NaN when there is none).
     */
    public double positive(OptionSpec s) {
        double v = number(s);
        if (!(v > 0)) {
            fail(s.name(), s.fallback() == null && !has(s.name()) ? "is required (a positive number)" : "must be a positive number");
            return s.fallback() == null ? Double.NaN : ((Number) s.fallback()).doubleValue();
        }
        return v;
    }

    private static Double parse(String s) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public int integer(String key, int fallback, long min, long max) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        Double d = v instanceof Number n ? Double.valueOf(n.doubleValue()) : v instanceof String s ? parse(s) : null;
        if (d == null || d != Math.rint(d) || Math.abs(d) > Long.MAX_VALUE / 2) {
            fail(key, "must be a whole number, not '" + v + "'");
            return fallback;
        }
        long l = v instanceof Integer || v instanceof Long ? ((Number) v).longValue() : d.longValue();
        if (l < min || l > max) {
            fail(key, "must be between " + min + " and " + max + ", not " + l);
            return fallback;
        }
        return (int) l;
    }

    public int integer(OptionSpec s) {
        return integer(s.name(), s.fallback() == null ? 0 : (Integer) s.fallback(), s.min(), s.max());
    }

    public boolean bool(String key, boolean fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v instanceof String str ? str.strip().toLowerCase(Locale.ROOT) : "";
        if (s.equals("true") || s.equals("false")) {
            return s.equals("true");
        }
        fail(key, "must be true or false, not '" + v + "'");
        return fallback;
    }

    public boolean bool(OptionSpec s) {
        return bool(s.name(), (Boolean) s.fallback());
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

    /**
     * For components built from a plain map: throws when there is any problem.
     *
     * @throws IllegalArgumentException "COMPONENT: option 'KEY' MESSAGE", problems joined by "; "
     */
    public void check(String component) {
        List<Problem> all = problems();
        if (!all.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Problem p : all) {
                parts.add(p.key().isEmpty() ? p.message() : "option '" + p.key() + "' " + p.message());
            }
            throw new IllegalArgumentException(component + ": " + String.join("; ", parts));
        }
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
