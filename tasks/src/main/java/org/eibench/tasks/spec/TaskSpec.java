package org.eibench.tasks.spec;

import java.util.List;

/**
 * A task as its file declares it (format {@code eibench/task@1}, docs/tasks.md), with the data root resolved.
 *
 * @param instructions    the texts of {@code instructionSet}, in order
 * @param instructionSet  the instructions with their styles
 * @param instructionMode {@code first} (each sample once, with its own or the first instruction), {@code each} (each
 *                        sample once per instruction; ids get {@code @i<k>}) or {@code random} (one per sample, chosen
 *                        by a hash of the sample id)
 * @param source          where it was read from (a path or a built-in resource name); not part of the identity
 * @param metrics         one entry per metric: its key in results (type) and its name and options
 * @param specHash        SHA-256 of the spec's canonical JSON: changes whenever results could change
 * @param protocol        the evaluation protocol the task reproduces, named for reports (the catalog's paper tasks name
 *                        their peer's script, docs/protocols.md); empty when the file names none
 */
public record TaskSpec(String id, String title, int version, Split split, ZeroShot zeroShot, TaskKind kind, DataSpec data,
                       List<String> instructions, ComponentSpec decoder, List<ComponentSpec> metrics, String source,
                       String specHash, List<Instruction> instructionSet, String instructionMode, String description,
                       String protocol) {

    public TaskSpec {
        instructions = List.copyOf(instructions);
        metrics = List.copyOf(metrics);
        instructionSet = List.copyOf(instructionSet);
        protocol = protocol == null ? "" : protocol;
    }

    public TaskSpec(String id, String title, int version, Split split, ZeroShot zeroShot, TaskKind kind, DataSpec data,
                    List<String> instructions, ComponentSpec decoder, List<ComponentSpec> metrics, String source,
                    String specHash, List<Instruction> instructionSet, String instructionMode, String description) {
        this(id, title, version, split, zeroShot, kind, data, instructions, decoder, metrics, source, specHash,
                instructionSet, instructionMode, description, "");
    }

    /** The pre-instruction-set form: plain texts, all explanatory, mode {@code first}. */
    public TaskSpec(String id, String title, int version, Split split, ZeroShot zeroShot, TaskKind kind, DataSpec data,
                    List<String> instructions, ComponentSpec decoder, List<ComponentSpec> metrics, String source,
                    String specHash) {
        this(id, title, version, split, zeroShot, kind, data, instructions, decoder, metrics, source, specHash,
                instructions.stream().map(t -> new Instruction(t, "explanatory")).toList(), "first", "");
    }
}
