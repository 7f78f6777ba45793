package org.eibench.tasks.data;

import java.util.List;

import org.eibench.tasks.spec.TaskKind;

/**
 * How a ground-truth file is read into task space ({@code data.target_format}); each kind has a default and the
 * VOC and ADE20K layouts pick theirs.
 */
public enum TargetFormat {
    /** An 8- or 16-bit image, values as stored (restoration, generation). */
    IMAGE("image"),
    /** A one-channel class-index PNG (gray 8- or 16-bit, or paletted: the indices are read, never the colours). */
    LABELS("labels"),
    /** ADE20K's reduce-zero-label: 0 (other) becomes 255 (ignored), 1..150 become 0..149. */
    ADE20K_LABELS("ade20k-labels"),
    /** A 16-bit depth PNG times {@code depth_scale} (default 0.001: millimetres) in metres; 0 stays 0 (invalid). */
    DEPTH_PNG("depth-png"),
    /** An RGB normal map, n = 2 rgb / 255 - 1 normalised; black (0, 0, 0) pixels are invalid (zero vectors). */
    NORMALS_RGB("normals-rgb"),
    /** Pseudo ground truth: normals derived from a 16-bit depth PNG and pinhole intrinsics (bundled twins). */
    NORMALS_FROM_DEPTH("normals-from-depth"),
    /** A one-channel mask 0..255 (foreground > 128; VOC-derived masks use 128 for void). */
    MASK("mask"),
    /** One boundary map per annotator (BSDS), each 0/255. */
    EDGE_MAPS("edge-maps"),
    /**
     * A per-category mask from an ADE20K label PNG (reduce-zero-label): 255 where the label is the sample's
     * {@code meta.class}, 128 (void) where it is ignored, 0 elsewhere. For UVT's per-category overlay protocol.
     */
    ADE20K_CLASS_MASK("ade20k-class-mask");

    private final String key;

    TargetFormat(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static List<String> keys() {
        return java.util.Arrays.stream(values()).map(TargetFormat::key).toList();
    }

    public static TargetFormat parse(String s) {
        for (TargetFormat f : values()) {
            if (f.key.equals(s)) {
                return f;
            }
        }
        return null;
    }

    /** The formats a task kind can score. */
    public boolean fits(TaskKind kind) {
        return switch (this) {
            case IMAGE -> kind == TaskKind.RESTORATION || kind == TaskKind.GENERATION;
            case LABELS, ADE20K_LABELS -> kind == TaskKind.SEGMENTATION;
            case DEPTH_PNG -> kind == TaskKind.DEPTH;
            case NORMALS_RGB, NORMALS_FROM_DEPTH -> kind == TaskKind.NORMALS;
            case MASK, ADE20K_CLASS_MASK -> kind == TaskKind.MASK;
            case EDGE_MAPS -> kind == TaskKind.EDGES;
        };
    }

    public static TargetFormat defaultFor(TaskKind kind) {
        return switch (kind) {
            case RESTORATION, GENERATION -> IMAGE;
            case SEGMENTATION -> LABELS;
            case DEPTH -> DEPTH_PNG;
            case NORMALS -> NORMALS_RGB;
            case MASK -> MASK;
            case EDGES -> EDGE_MAPS;
        };
    }
}
