package org.eibench.tasks;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eibench.tasks.metric.Evaluators;

/**
 * What task files are read against: the bundled data folder ({@code ${EIBENCH_DATA}}), the user's dataset roots
 * ({@code ${EIBENCH_ROOT_NAME}}, from {@code --data-root name=DIR} or the environment variable of that name), the
 * plugins on the class path and the evaluator networks given on the command line ({@code --evaluator ROLE=PATH}).
 */
public record TaskContext(Path dataDir, Map<String, Path> roots, Function<String, String> env, Plugins plugins,
                          Evaluators evaluators) {

    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

    public TaskContext {
        Map<String, Path> r = new TreeMap<>();
        roots.forEach((k, v) -> r.put(k.toUpperCase(java.util.Locale.ROOT).replace('-', '_'), v));
        roots = Map.copyOf(r);
        evaluators = evaluators == null ? Evaluators.NONE : evaluators;
    }

    /** Without evaluator networks. */
    public TaskContext(Path dataDir, Map<String, Path> roots, Function<String, String> env, Plugins plugins) {
        this(dataDir, roots, env, plugins, Evaluators.NONE);
    }

    /** The same context with these evaluator networks. */
    public TaskContext withEvaluators(Evaluators e) {
        return new TaskContext(dataDir, roots, env, plugins, e);
    }

    /** Bundled data only, environment variables, no plugins. */
    public static TaskContext of(Path dataDir) {
        return new TaskContext(dataDir, Map.of(), System::getenv, Plugins.classPath());
    }

    /** The environment variable a dataset root name is read from: nyuv2 -> EIBENCH_ROOT_NYUV2. */
    public static String rootVariable(String name) {
        return "EIBENCH_ROOT_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    /** Result of expanding the variables of a path text. */
    public record Expanded(String text, String missing) {
    }

    /**
     * Replaces {@code ${EIBENCH_DATA}} and {@code ${EIBENCH_ROOT_X}}; {@code missing} names the first variable that
     * has no value (other variables are left alone and reported by the caller as unknown).
     */
    public Expanded expand(String text) {
        Matcher m = VAR.matcher(text);
        StringBuilder sb = new StringBuilder();
        String missing = null;
        while (m.find()) {
            String var = m.group(1);
            String value = null;
            if (var.equals("EIBENCH_DATA")) {
                value = dataDir == null ? null : dataDir.toString();
            } else if (var.startsWith("EIBENCH_ROOT_")) {
                Path p = roots.get(var.substring("EIBENCH_ROOT_".length()));
                value = p != null ? p.toString() : env.apply(var);
                if (value != null && value.isBlank()) {
                    value = null;
                }
            } else {
                missing = missing == null ? var + " (only EIBENCH_DATA and EIBENCH_ROOT_* are expanded)" : missing;
            }
            if (value == null && missing == null) {
                missing = var;
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(sb);
        return new Expanded(sb.toString(), missing);
    }
}
