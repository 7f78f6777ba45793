package org.eibench.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eibench.runtime.ModelSpecException;
import org.eibench.runtime.onnx.OnnxEvaluator;
import org.eibench.tasks.Task;
import org.eibench.tasks.TaskCatalog;
import org.eibench.harness.run.OnnxEvaluatorNetwork;
import org.eibench.tasks.metric.EvaluatorNetwork;
import org.eibench.tasks.metric.Evaluators;
import picocli.CommandLine.Option;

/**
 * Scoring networks for metrics that need one: {@code --evaluator features=PATH.onnx} (FD/KD),
 * {@code --evaluator lpips=PATH.onnx} (a pair distance), {@code --evaluator clip=CARD.yaml} (CLIP score), each an .onnx
 * file (card beside it, or defaults) or an evaluator card. Task files name the role; without a network the metric is left out, with a note.
 */
final class EvaluatorOption implements AutoCloseable {

    @Option(names = "--evaluator", paramLabel = "ROLE=PATH",
            description = "a scoring network for task metrics that name this role, e.g. features=inception.onnx (FD/KD) or "
                    + "lpips=lpips_alex.onnx, or a CLIP card, clip=clip.yaml (repeatable; docs/metrics-generation.md)")
    Map<String, Path> paths = new LinkedHashMap<>();

    private final List<OnnxEvaluator> opened = new ArrayList<>();

    /** The catalog with the networks opened (a usage error when one cannot be). */
    TaskCatalog apply(TaskCatalog catalog) {
        if (paths.isEmpty()) {
            return catalog;
        }
        Map<String, EvaluatorNetwork> byRole = new TreeMap<>();
        paths.forEach((role, path) -> {
            if (!role.matches("[a-z][a-z0-9_]*")) {
                close();
                throw new Main.UsageError("--evaluator " + role + "=" + path + ": the role must be lower-case letters, digits and _");
            }
            try {
                OnnxEvaluator e = OnnxEvaluator.open(path, 1);
                opened.add(e);
                byRole.put(role, new OnnxEvaluatorNetwork(e));
            } catch (ModelSpecException e) {
                close();
                throw new Main.UsageError("--evaluator " + role + "=" + path + ": " + e.getMessage());
            }
        });
        return catalog.withEvaluators(new Evaluators(byRole));
    }

    /** One line per metric the tasks leave out, naming the tasks. */
    static List<String> notes(Iterable<Task> tasks) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (Task t : tasks) {
            for (String m : t.inactiveMetrics()) {
                byReason.computeIfAbsent(m, k -> new ArrayList<>()).add(t.id());
            }
        }
        List<String> out = new ArrayList<>();
        byReason.forEach((m, ids) -> out.add("note: " + m + " (" + String.join(", ", ids) + "); left out"));
        return out;
    }

    @Override
    public void close() {
        opened.forEach(OnnxEvaluator::close);
        opened.clear();
    }
}
