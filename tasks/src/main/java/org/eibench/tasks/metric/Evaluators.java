package org.eibench.tasks.metric;

import java.util.Map;
import java.util.TreeMap;

import org.eibench.runtime.onnx.OnnxEvaluator;

/**
 * The evaluator networks of one invocation by role ({@code --evaluator features=PATH.onnx}, {@code lpips=...}): task
 * files name a role, the command line says which network plays it. Opened and closed by the caller.
 */
public record Evaluators(Map<String, OnnxEvaluator> byRole) {

    public static final Evaluators NONE = new Evaluators(Map.of());

    public Evaluators {
        byRole = Map.copyOf(new TreeMap<>(byRole));
    }

    public OnnxEvaluator get(String role) {
        return byRole.get(role);
    }
}
