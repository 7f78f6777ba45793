package org.eibench.tasks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eibench.tasks.spec.SpecException;
import org.eibench.tasks.spec.SpecProblem;
import org.eibench.tasks.spec.YamlNode;

/**
 * A suite file ({@code format: eibench/suite@1}): tasks, the models to run (each on every task, or on the tasks it
 * lists) and run options such as seed and limit. A CI job pins its suite in its own repository.
 */
public record SuiteSpec(String name, List<String> tasks, List<ModelEntry> models, Map<String, Object> options) {

    public static final String FORMAT = "eibench/suite@1";

    /** A model and the tasks it runs on (empty: all of the suite's tasks). */
    public record ModelEntry(String model, List<String> tasks) {
        public boolean runsOn(String taskId) {
            return tasks.isEmpty() || tasks.contains(taskId);
        }
    }

    public SuiteSpec {
        tasks = List.copyOf(tasks);
        models = List.copyOf(models);
        options = Map.copyOf(options);
    }

    public static SuiteSpec parse(byte[] bytes, String source) throws SpecException {
        YamlNode root;
        try {
            root = YamlNode.parse(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new SpecException(List.of(YamlNode.syntaxProblem(source, e)));
        }
        List<SpecProblem> problems = new ArrayList<>();
        Map<String, YamlNode> top = root.map();
        if (top == null) {
            throw new SpecException(source, "a suite file is a YAML mapping");
        }
        for (Map.Entry<String, YamlNode> e : top.entrySet()) {
            if (!Set.of("format", "name", "description", "tasks", "models", "options").contains(e.getKey())) {
                problems.add(at(source, e.getValue(), e.getKey(), "unknown key; known keys: format, name, description, tasks, models, options"));
            }
        }
        YamlNode format = top.get("format");
        if (format == null || !FORMAT.equals(format.value())) {
            problems.add(at(source, format == null ? root : format, "format", "must be '" + FORMAT + "'"));
        }
        String name = top.get("name") != null && top.get("name").value() instanceof String s ? s : source;
        List<String> tasks = new ArrayList<>();
        YamlNode t = top.get("tasks");
        if (t == null || t.list() == null || t.list().isEmpty()) {
            problems.add(at(source, t == null ? root : t, "tasks", "is required: a non-empty list of task ids or files"));
        } else {
            for (YamlNode n : t.list()) {
                if (n.value() instanceof String s) {
                    tasks.add(s);
                } else {
                    problems.add(at(source, n, "tasks", "entries must be task ids or paths"));
                }
            }
        }
        List<ModelEntry> models = new ArrayList<>();
        YamlNode m = top.get("models");
        if (m != null && m.list() == null) {
            problems.add(at(source, m, "models", "must be a list"));
        } else if (m != null) {
            for (int i = 0; i < m.list().size(); i++) {
                YamlNode n = m.list().get(i);
                if (n.value() instanceof String s) {
                    models.add(new ModelEntry(s, List.of()));
                } else if (n.map() != null && n.map().get("model") != null && n.map().get("model").value() instanceof String s) {
                    List<String> only = new ArrayList<>();
                    YamlNode on = n.map().get("tasks");
                    if (on != null && on.list() != null) {
                        on.list().forEach(x -> only.add(String.valueOf(x.value())));
                    }
                    for (String id : only) {
                        if (!tasks.contains(id)) {
                            problems.add(at(source, on, "models[" + i + "].tasks", "task '" + id + "' is not in the suite's tasks"));
                        }
                    }
                    models.add(new ModelEntry(s, only));
                } else {
                    problems.add(at(source, n, "models[" + i + "]", "must be a model spec or {model: SPEC, tasks: [...]}"));
                }
            }
        }
        Map<String, Object> options = new LinkedHashMap<>();
        YamlNode o = top.get("options");
        if (o != null) {
            if (o.map() == null) {
                problems.add(at(source, o, "options", "must be a mapping"));
            } else {
                o.map().forEach((k, v) -> {
                    if (!Set.of("seed", "limit").contains(k)) {
                        problems.add(at(source, v, "options." + k, "unknown option; known: seed, limit"));
                    } else if (v.value() != null && !(v.value() instanceof Integer)) {
                        problems.add(at(source, v, "options." + k, "must be a whole number"));
                    } else if (v.value() != null) {
                        options.put(k, v.value());
                    }
                });
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return new SuiteSpec(name, tasks, models, options);
    }

    private static SpecProblem at(String source, YamlNode n, String field, String message) {
        return new SpecProblem(source, n.line(), n.column(), field, message);
    }
}
