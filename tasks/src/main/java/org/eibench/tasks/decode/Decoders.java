package org.eibench.tasks.decode;

import java.util.ArrayList;
import java.util.List;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.LabelMap;
import org.eibench.tasks.Plugins;
import org.eibench.tasks.spec.Options;
import org.eibench.tasks.spec.TaskKind;
import org.eibench.tasks.spi.DecoderProvider;

/** Builds the decoder a task file names, checking that it fits the task kind. */
public final class Decoders {

    public static final List<String> TYPES = List.of("rgb", "palette", "labels", "overlay-mask", "gray-depth", "depth-png",
            "normals-rgb", "threshold", "edge-map");

    private Decoders() {
    }

    public static Decoder create(String type, Options options, TaskKind kind) {
        return create(type, options, kind, Plugins.none());
    }

    /** @return the decoder, or null when {@code options} recorded a problem that prevents building it */
    public static Decoder create(String type, Options options, TaskKind kind, Plugins plugins) {
        switch (type) {
            case "rgb" -> {
                requireKind(options, type, kind, TaskKind.RESTORATION, TaskKind.GENERATION);
                return new RgbDecoder();
            }
            case "palette" -> {
                requireKind(options, type, kind, TaskKind.SEGMENTATION);
                String name = options.choice("palette", "voc", List.of("voc", "ade20k"));
                String dist = options.choice("distance", "l2", List.of("l2", "l1"));
                String resize = options.choice("resize", "nearest-labels", List.of("nearest-labels", "torch-bilinear"));
                return new PaletteDecoder("ade20k".equals(name) ? Palette.ade20kPainter() : Palette.voc(), "l1".equals(dist),
                        "torch-bilinear".equals(resize));
            }
            case "labels" -> {
                requireKind(options, type, kind, TaskKind.SEGMENTATION);
                return new LabelsDecoder(bitDepth(options));
            }
            case "overlay-mask" -> {
                requireKind(options, type, kind, TaskKind.MASK);
                String color = options.has("color") ? options.string("color", null) : null;
                if (color != null && CssColors.get(color) == null) {
                    options.fail("color", "unknown colour '" + color + "'; named CSS colours: " + String.join(", ", CssColors.names()));
                }
                double distance = positive(options, "distance", 80);
                double minChange = options.number("min_change", 40);
                return new OverlayMaskDecoder(color, distance, minChange);
            }
            case "gray-depth" -> {
                requireKind(options, type, kind, TaskKind.DEPTH);
                String mode = options.choice("mode", "near-bright", List.of("near-bright", "far-bright", "instruction"));
                String fallback = "instruction".equals(mode) ? options.choice("fallback", "near-bright", List.of("near-bright", "far-bright"))
                        : null;
                double range = positive(options, "range", 10);
                String align = options.choice("align", "none", List.of("none", "lstsq", "lstsq-disparity"));
                String resize = options.choice("resize", "opencv", List.of("opencv", "torch-bilinear"));
                String truncate = options.choice("truncate", "none", List.of("none", "mm"));
                if (!"none".equals(align) && (!"opencv".equals(resize) || !"none".equals(truncate))) {
                    options.fail("align", "an aligned depth is fitted to the gray map; it takes neither resize: torch-bilinear nor truncate: mm");
                }
                return new GrayDepthDecoder(polarity(mode), polarity(fallback), range, align, bitDepth(options),
                        "torch-bilinear".equals(resize) ? GrayDepthDecoder.Resize.TORCH_BILINEAR : GrayDepthDecoder.Resize.OPENCV,
                        "mm".equals(truncate));
            }
            case "depth-png" -> {
                requireKind(options, type, kind, TaskKind.DEPTH);
                return new DepthPngDecoder(positive(options, "scale", 0.001));
            }
            case "normals-rgb" -> {
                requireKind(options, type, kind, TaskKind.NORMALS);
                return new NormalsRgbDecoder(bitDepth(options));
            }
            case "threshold" -> {
                requireKind(options, type, kind, TaskKind.MASK);
                double t = options.number("t", 0.5);
                if (!(t >= 0 && t <= 1)) {
                    options.fail("t", "must be in [0, 1]");
                }
                return new ThresholdDecoder(t, options.bool("soft", false));
            }
            case "edge-map" -> {
                requireKind(options, type, kind, TaskKind.EDGES);
                return new EdgeMapDecoder();
            }
            default -> {
                DecoderProvider p = plugins.decoder(type);
                if (p != null) {
                    return p.create(options, kind);
                }
                List<String> all = new ArrayList<>(TYPES);
                all.addAll(plugins.decoderTypes());
                options.markAllUsed();
                options.fail("type", "unknown decoder '" + type + "'; decoders: " + String.join(", ", all));
                return null;
            }
        }
    }

    private static DepthPolarity polarity(String mode) {
        return "near-bright".equals(mode) ? DepthPolarity.NEAR_BRIGHT : "far-bright".equals(mode) ? DepthPolarity.FAR_BRIGHT : null;
    }

    private static int bitDepth(Options options) {
        int bits = options.integer("bit_depth", 8, 8, 16);
        if (bits != 8 && bits != 16) {
            options.fail("bit_depth", "must be 8 or 16");
            return 8;
        }
        return bits;
    }

    private static double positive(Options o, String key, double fallback) {
        double v = o.number(key, fallback);
        if (!(v > 0)) {
            o.fail(key, "must be a positive number");
            return fallback;
        }
        return v;
    }

    private static void requireKind(Options options, String type, TaskKind kind, TaskKind... allowed) {
        for (TaskKind k : allowed) {
            if (k == kind) {
                return;
            }
        }
        List<String> fits = new ArrayList<>();
        for (TaskKind k : allowed) {
            fits.add(k.key());
        }
        options.fail("type", "decoder '" + type + "' does not fit a " + kind.key() + " task (it fits: " + String.join(", ", fits) + ")");
    }

    /** The ground-truth class for a kind (what a target file is read as). */
    public static Class<?> targetType(TaskKind kind) {
        return switch (kind) {
            case SEGMENTATION -> LabelMap.class;
            case EDGES -> org.eibench.metrics.edges.EdgeAnnotations.class;
            case GENERATION -> org.eibench.metrics.GenerationTarget.class;
            default -> FloatImage.class;
        };
    }
}
