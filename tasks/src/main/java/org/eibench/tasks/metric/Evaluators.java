package org.eibench.tasks.metric;

import java.util.Map;
import java.util.TreeMap;

/**
 * The evaluator networks of one invocation by role ({@code --evaluator features=PATH.onnx}, {@code lpips=...}): task
 * files name a role, the command line says which network plays it. Opened and closed by the caller.
 */
public record Evaluators(Map<String, EvaluatorNetwork> byRole) {

    public static final Evaluators NONE = new Evaluators(Map.of());

    public Evaluators {
        byRole = Map.copyOf(new TreeMap<>(byRole));
    }

    public EvaluatorNetwork get(String role) {
        return byRole.get(role);
    }
}
