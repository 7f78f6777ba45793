package org.eibench.tasks.decode;

import java.util.List;
import java.util.Set;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.GenerationTarget;
import org.eibench.metrics.LabelMap;
import org.eibench.metrics.config.OptionSpec;
import org.eibench.metrics.config.Options;
import org.eibench.metrics.edges.EdgeAnnotations;
import org.eibench.tasks.Plugins;
import org.eibench.tasks.spec.TaskKind;
import org.eibench.tasks.spi.AbstractComponent;
import org.eibench.tasks.spi.DecoderProvider;

/**
 * Builds the decoder a task file names, and the built-in decoders' providers (registered in
 * {@code META-INF/services/org.eibench.tasks.spi.DecoderProvider} like any plugin's).
 */
public final class Decoders {

    private Decoders() {
    }

    public static Decoder create(String type, Options options, TaskKind kind) {
        return create(type, options, kind, Plugins.classPath());
    }

    /** @return the decoder, or null when {@code options} recorded a problem that prevents building it */
    public static Decoder create(String type, Options options, TaskKind kind, Plugins plugins) {
        DecoderProvider p = Plugins.find(plugins.decoders(), type, options, "type", kind);
        return p == null ? null : p.create(options, kind);
    }

    /** The ground-truth class for a kind (what a target file is read as). */
    public static Class<?> targetType(TaskKind kind) {
        return switch (kind) {
            case SEGMENTATION -> LabelMap.class;
            case EDGES -> EdgeAnnotations.class;
            case GENERATION -> GenerationTarget.class;
            default -> FloatImage.class;
        };
    }

    static final OptionSpec BIT_DEPTH = OptionSpec.integer("bit_depth", 8, 8, 16, "bits per channel of the output PNG: 8 or 16");

    static int bitDepth(Options options) {
        int bits = options.integer(BIT_DEPTH);
        if (bits != 8 && bits != 16) {
            options.fail("bit_depth", "must be 8 or 16");
            return 8;
        }
        return bits;
    }

    public static final class Rgb extends AbstractComponent implements DecoderProvider {
        public Rgb() {
            super("rgb", Set.of(TaskKind.RESTORATION, TaskKind.GENERATION));
        }

        @Override
        public Decoder create(Options options, TaskKind kind) {
            return new RgbDecoder();
        }
    }

    public static final class PaletteColours extends AbstractComponent implements DecoderProvider {
        static final OptionSpec PALETTE = OptionSpec.choice("palette", List.of("voc", "ade20k"), "the colour list");
        static final OptionSpec DISTANCE = OptionSpec.choice("distance", List.of("l2", "l1"), "colour distance");
        static final OptionSpec RESIZE = OptionSpec.choice("resize", List.of("nearest-labels", "torch-bilinear"),
                "decode then resize the labels, or resize the RGB output first (Painter)");

        public PaletteColours() {
            super("palette", Set.of(TaskKind.SEGMENTATION), PALETTE, DISTANCE, RESIZE);
        }

        @Override
        public Decoder create(Options options, TaskKind kind) {
            String name = options.choice(PALETTE);
            String dist = options.choice(DISTANCE);
            String resize = options.choice(RESIZE);
            return new PaletteDecoder("ade20k".equals(name) ? Palette.ade20kPainter() : Palette.voc(), "l1".equals(dist),
                    "torch-bilinear".equals(resize));
        }
    }

    public static final class Labels extends AbstractComponent implements DecoderProvider {
        public Labels() {
            super("labels", Set.of(TaskKind.SEGMENTATION), BIT_DEPTH);
        }

        @Override
        public Decoder create(Options options, TaskKind kind) {
            return new LabelsDecoder(bitDepth(options));
        }
    }

    public static final class OverlayMask extends AbstractComponent implements DecoderProvider {
        static final OptionSpec COLOR = OptionSpec.string("color", null, "a CSS colour name; else the sample's meta.color");
        static final OptionSpec DISTANCE = OptionSpec.number("distance", 80.0, "colour distance to count as overlay");
        static final OptionSpec MIN_CHANGE = OptionSpec.number("min_change", 40.0, "least difference from the input");

        public OverlayMask() {
            super("overlay-mask", Set.of(TaskKind.MASK), COLOR, DISTANCE, MIN_CHANGE);
        }

        @Override
        public Decoder create(Options options, TaskKind kind) {
            String color = options.has("color") ? options.string(COLOR) : null;
            if (color != null && CssColors.get(color) == null) {
                options.fail("color", "unknown colour '" + color + "'; named CSS colours: " + String.join(", ", CssColors.names()));
            }
            double distance = options.positive(DISTANCE);
            double minChange = options.number(MIN_CHANGE);
            return new OverlayMaskDecoder(color, distance, minChange);
        }
    }

    public static final class GrayDepth extends AbstractComponent implements DecoderProvider {
        static final OptionSpec MODE = OptionSpec.choice("mode", List.of("near-bright", "far-bright", "instruction"),
                "which grey is near");
        static final OptionSpec FALLBACK = OptionSpec.choice("fallback", List.of("near-bright", "far-bright"),
                "mode instruction: the convention when the instruction states none");
        static final OptionSpec RANGE = OptionSpec.number("range", 10.0, "metres of the full grey scale");
        static final OptionSpec ALIGN = OptionSpec.choice("align", List.of("none", "lstsq", "lstsq-disparity"),
                "scale and shift fitted to the valid ground truth");
        static final OptionSpec RESIZE = OptionSpec.choice("resize", List.of("opencv", "torch-bilinear"), "how the map is resized");
        static final OptionSpec TRUNCATE = OptionSpec.choice("truncate", List.of("none", "mm"), "mm: whole millimetres");

        public GrayDepth() {
            super("gray-depth", Set.of(TaskKind.DEPTH), MODE, FALLBACK, RANGE, ALIGN, RESIZE, TRUNCATE, BIT_DEPTH);
        }

        @Override
        public Decoder create(Options options, TaskKind kind) {
            String mode = options.choice(MODE);
            String fallback = "instruction".equals(mode) ? options.choice(FALLBACK) : null;
            double range = options.positive(RANGE);
            String align = options.choice(ALIGN);
            String resize = options.choice(RESIZE);
            String truncate = options.choice(TRUNCATE);
            if (!"none".equals(align) && (!"opencv".equals(resize) || !"none".equals(truncate))) {
                options.fail("align", "an aligned depth is fitted to the gray map; it takes neither resize: torch-bilinear nor truncate: mm");
            }
            return new GrayDepthDecoder(polarity(mode), polarity(fallback), range, align, bitDepth(options),
                    "torch-bilinear".equals(resize) ? GrayDepthDecoder.Resize.TORCH_BILINEAR : GrayDepthDecoder.Resize.OPENCV,
                    "mm".equals(truncate));
        }

        private static DepthPolarity polarity(String mode) {
            return "near-bright".equals(mode) ? DepthPolarity.NEAR_BRIGHT : "far-bright".equals(mode) ? DepthPolarity.FAR_BRIGHT : null;
        }
    }

    public static final class DepthPng extends AbstractComponent implements DecoderProvider {
        static final OptionSpec SCALE = OptionSpec.number("scale", 0.001, "metres per PNG unit");

        public DepthPng() {
            super("depth-png", Set.of(TaskKind.DEPTH), SCALE);
        }

        @Override
        public Decoder create(Options options, TaskKind kind) {
            return new DepthPngDecoder(options.positive(SCALE));
        }
    }

    public static final class NormalsRgb extends AbstractComponent implements DecoderProvider {
        public NormalsRgb() {
            super("normals-rgb", Set.of(TaskKind.NORMALS), BIT_DEPTH);
        }

        @Override
        public Decoder create(Options options, TaskKind kind) {
            return new NormalsRgbDecoder(bitDepth(options));
        }
    }

    public static final class Threshold extends AbstractComponent implements DecoderProvider {
        static final OptionSpec T = OptionSpec.number("t", 0.5, "grey threshold in [0, 1]");
        static final OptionSpec SOFT = OptionSpec.bool("soft", false, "keep the grey map");

        public Threshold() {
            super("threshold", Set.of(TaskKind.MASK), T, SOFT);
        }

        @Override
        public Decoder create(Options options, TaskKind kind) {
            double t = options.number(T);
            if (!(t >= 0 && t <= 1)) {
                options.fail("t", "must be in [0, 1]");
            }
            return new ThresholdDecoder(t, options.bool(SOFT));
        }
    }

    public static final class EdgeMap extends AbstractComponent implements DecoderProvider {
        public EdgeMap() {
            super("edge-map", Set.of(TaskKind.EDGES));
        }

        @Override
        public Decoder create(Options options, TaskKind kind) {
            return new EdgeMapDecoder();
        }
    }
}
