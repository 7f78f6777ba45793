package org.eibench.tasks.decode;

import java.util.List;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.LabelMap;
import org.eibench.tasks.spec.Options;
import org.eibench.tasks.spec.TaskKind;

/** Builds the decoder a task file names, checking that it fits the task kind. */
public final class Decoders {

    public static final List<String> TYPES = List.of("rgb", "palette", "labels");

    private Decoders() {
    }

    /** @return the decoder, or null when {@code options} recorded a problem that prevents building it */
    public static Decoder create(String type, Options options, TaskKind kind) {
        switch (type) {
            case "rgb" -> {
                requireKind(options, type, kind, TaskKind.RESTORATION, TaskKind.GENERATION);
                return new RgbDecoder();
            }
            case "palette" -> {
                requireKind(options, type, kind, TaskKind.SEGMENTATION);
                options.choice("palette", "voc", List.of("voc"));
                return new PaletteDecoder(Palette.voc());
            }
            case "labels" -> {
                requireKind(options, type, kind, TaskKind.SEGMENTATION);
                int bits = options.integer("bit_depth", 8, 8, 16);
                if (bits != 8 && bits != 16) {
                    options.fail("bit_depth", "must be 8 or 16");
                }
                return new LabelsDecoder(bits);
            }
            default -> {
                options.fail("type", "unknown decoder '" + type + "'; decoders: " + String.join(", ", TYPES));
                return null;
            }
        }
    }

    private static void requireKind(Options options, String type, TaskKind kind, TaskKind... allowed) {
        for (TaskKind k : allowed) {
            if (k == kind) {
                return;
            }
        }
        options.fail("type", "decoder '" + type + "' does not fit a " + kind.key() + " task");
    }

    /** The ground-truth class for a kind (what a target file is read as). */
    public static Class<?> targetType(TaskKind kind) {
        return kind == TaskKind.SEGMENTATION ? LabelMap.class : FloatImage.class;
    }
}
