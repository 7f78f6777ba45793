package org.eibench.tasks.spec;

import java.util.List;

/**
 * A task as its file declares it (format {@code eibench/task@1}, docs/tasks.md), with the data root resolved.
 *
 * @param source   where it was read from (a path or a built-in resource name); not part of the identity
 * @param metrics  one entry per metric: its key in results (type) and its name and options
 * @param specHash SHA-256 of the spec's canonical JSON: changes whenever results could change
 */
public record TaskSpec(String id, String title, int version, Split split, ZeroShot zeroShot, TaskKind kind, DataSpec data,
                       List<String> instructions, ComponentSpec decoder, List<ComponentSpec> metrics, String source,
                       String specHash) {

    public TaskSpec {
        instructions = List.copyOf(instructions);
        metrics = List.copyOf(metrics);
    }
}
