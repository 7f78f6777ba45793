package org.eibench.tasks.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One sample before its pixels are read: its id, where its input and ground truth are, and layout metadata
 * (a per-sample instruction, a category, ...). {@code input} may be null when the input is synthesised from the
 * target by a degradation.
 *
 * @param annotations      further ground-truth files of the same sample (BSDS: one boundary map per annotator;
 *                         {@code target} is then the first of them)
 * @param depth            a metric depth map that a degradation needs (haze), or null
 * @param instructionIndex index of the instruction in the task's instruction set, or -1 for a per-sample instruction
 *                         from the data (uvt-json) or the task's first instruction
 * @param instructionStyle {@code explanatory}, {@code paraphrase}, {@code terminological}, or null when unknown
 */
public record SampleRef(String id, Path input, Path target, String instruction, Map<String, Object> meta,
                        List<Path> annotations, Path depth, int instructionIndex, String instructionStyle) {

    public SampleRef {
        meta = meta == null ? Map.of() : Map.copyOf(meta);
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
    }

    public SampleRef(String id, Path input, Path target, String instruction, Map<String, Object> meta) {
        this(id, input, target, instruction, meta, List.of(), null, -1, null);
    }

    /** This sample asked with another instruction; {@code newId} keeps samples of one task distinct. */
    public SampleRef withInstruction(String newId, String text, int index, String style) {
        return new SampleRef(newId, input, target, text, meta, annotations, depth, index, style);
    }

    public SampleRef withDepth(Path depthMap) {
        return new SampleRef(id, input, target, instruction, meta, annotations, depthMap, instructionIndex, instructionStyle);
    }
}
