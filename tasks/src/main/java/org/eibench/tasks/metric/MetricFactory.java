package org.eibench.tasks.metric;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.GenerationTarget;
import org.eibench.metrics.Metric;
import org.eibench.metrics.config.OptionSpec;
import org.eibench.metrics.config.Options;
import org.eibench.metrics.depth.DepthMetric;
import org.eibench.metrics.distribution.FeatureDistanceMetric;
import org.eibench.metrics.edges.BsdsBoundaryMetric;
import org.eibench.metrics.edges.EdgeF1Metric;
import org.eibench.metrics.image.ClipScoreMetric;
import org.eibench.metrics.image.ImageMetrics;
import org.eibench.metrics.image.MaskedFidelityMetric;
import org.eibench.metrics.image.PairDistanceMetric;
import org.eibench.metrics.mask.MaskMetric;
import org.eibench.metrics.normals.NormalsMetric;
import org.eibench.metrics.segmentation.SegmentationMetric;
import org.eibench.tasks.Plugins;
import org.eibench.tasks.decode.Palette;
import org.eibench.tasks.spec.TaskKind;
import org.eibench.tasks.spi.AbstractComponent;
import org.eibench.tasks.spi.MetricProvider;

/**
 * Builds the metric a task file names from its options, and the built-in metrics' providers (registered in
 * {@code META-INF/services/org.eibench.tasks.spi.MetricProvider} like any plugin's).
 */
public final class MetricFactory {

    private static final Set<TaskKind> IMAGE_KINDS = Set.of(TaskKind.RESTORATION, TaskKind.GENERATION);

    private MetricFactory() {
    }

    /** A metric that can picture what it scored (the gallery's Canny overlay). */
    public interface Overlay {
        FloatImage overlay(FloatImage prediction, GenerationTarget target);
    }

    public static Metric<?, ?> create(String name, Options o, TaskKind kind) {
        return create(name, o, kind, Plugins.classPath(), Evaluators.NONE);
    }

    /**
     * @param evaluators the networks given for this invocation by role; a metric whose role has none comes back as an
     *                   {@link InactiveMetric}
     * @return the metric, or null when a problem was recorded in {@code o}
     */
    public static Metric<?, ?> create(String name, Options o, TaskKind kind, Plugins plugins, Evaluators evaluators) {
        MetricProvider p = Plugins.find(plugins.metrics(), name, o, "name", kind);
        Metric<?, ?> m = p == null ? null : p.create(o, kind, evaluators);
        // A generation task's ground truth is the original image plus the generated region's mask: image metrics
        // score against the image.
        return kind == TaskKind.GENERATION && m != null && m.targetType() == FloatImage.class
                ? OnImage.of(m) : m;
    }

    /** A metric built from checked options; a value the metric rejects as a whole is recorded on the component. */
    static Metric<?, ?> guard(Options o, Supplier<Metric<?, ?>> b) {
        try {
            return b.get();
        } catch (IllegalArgumentException e) {
            o.fail("", e.getMessage());
            return null;
        }
    }

    /** PSNR, SSIM and MS-SSIM: options and defaults are ImageMetrics' own (docs/metrics-image.md). */
    abstract static class Image extends AbstractComponent implements MetricProvider {
        Image(String name) {
            super(name, IMAGE_KINDS, ImageMetrics.OPTIONS.get(name).toArray(OptionSpec[]::new));
        }

        @Override
        public Metric<?, ?> create(Options o, TaskKind kind, Evaluators evaluators) {
            return guard(o, () -> ImageMetrics.create(name(), o));
        }
    }

    public static final class Psnr extends Image {
        public Psnr() {
            super("psnr");
        }
    }

    public static final class Ssim extends Image {
        public Ssim() {
            super("ssim");
        }
    }

    /** 5 scales, weights (0.0448, 0.2856, 0.3001, 0.2363, 0.1333) as pytorch_msssim. */
    public static final class MsSsim extends Image {
        public MsSsim() {
            super("ms_ssim");
        }
    }

    /** ControlNet++ controllability: Canny 100/200 of the output against the condition, pixel-exact F1. */
    public static final class CannyF1 extends AbstractComponent implements MetricProvider {
        static final OptionSpec LOW = OptionSpec.number("low", 100.0, "Canny's lower threshold");
        static final OptionSpec HIGH = OptionSpec.number("high", 200.0, "Canny's upper threshold");

        public CannyF1() {
            super("canny_f1", Set.of(TaskKind.GENERATION), LOW, HIGH);
        }

        @Override
        public Metric<?, ?> create(Options o, TaskKind kind, Evaluators evaluators) {
            double low = o.number(LOW);
            double high = o.number(HIGH);
            return guard(o, () -> new ConditionF1(low, high));
        }
    }

    /** PSNR, SSIM, L1 inside the generated region (hole_*) and outside it (preserve_*). */
    public static final class MaskedFidelity extends AbstractComponent implements MetricProvider {
        static final OptionSpec DATA_RANGE = OptionSpec.number("data_range", 255.0, "L, 255 for 8-bit images");
        static final OptionSpec CAP = OptionSpec.number("cap", 100.0, "dB reported for an identical region");

        public MaskedFidelity() {
            super("masked_fidelity", Set.of(TaskKind.GENERATION), DATA_RANGE, CAP);
        }

        @Override
        public Metric<?, ?> create(Options o, TaskKind kind, Evaluators evaluators) {
            double range = o.number(DATA_RANGE);
            double cap = o.number(CAP);
            return guard(o, () -> new MaskedFidelityMetric(range, cap));
        }
    }

    /** The evaluator network a metric's role names, or null with a problem when it is of the wrong type. */
    private static EvaluatorNetwork evaluator(Options o, String role, EvaluatorNetwork e, EvaluatorNetwork.Type type, String needs) {
        if (e != null && e.type() != type) {
            o.fail("evaluator", "'" + role + "' is a " + e.type().key() + " network; " + needs);
            return null;
        }
        return e;
    }

    /** FD and KD (FID's and KID's formulas) from a feature network given as --evaluator ROLE=PATH. */
    public static final class FeatureDistance extends AbstractComponent implements MetricProvider {
        static final OptionSpec EVALUATOR = OptionSpec.string("evaluator", "features", "the network's role on the command line");
        static final OptionSpec KID_SUBSETS = OptionSpec.integer("kid_subsets", 100, 1, 100_000, "KID's subsets");
        static final OptionSpec KID_SUBSET_SIZE = OptionSpec.integer("kid_subset_size", 1000, 2, Integer.MAX_VALUE, "samples per subset");
        static final OptionSpec KID_SEED = OptionSpec.integer("kid_seed", 2020, 0, Integer.MAX_VALUE, "seed of the subsets");

        public FeatureDistance() {
            super("feature_distance", IMAGE_KINDS, EVALUATOR, KID_SUBSETS, KID_SUBSET_SIZE, KID_SEED);
        }

        @Override
        public Metric<?, ?> create(Options o, TaskKind kind, Evaluators evaluators) {
            String role = o.string(EVALUATOR);
            int subsets = o.integer(KID_SUBSETS);
            int size = o.integer(KID_SUBSET_SIZE);
            int seed = o.integer(KID_SEED);
            EvaluatorNetwork given = evaluators.get(role);
            if (given == null) {
                return new InactiveMetric(name(), "needs a feature network: --evaluator " + role + "=PATH.onnx");
            }
            EvaluatorNetwork e = evaluator(o, role, given, EvaluatorNetwork.Type.FEATURES, "feature_distance needs features");
            if (e == null) {
                return null;
            }
            boolean fid = "fid".equals(e.protocolName());
            String fd = fid ? "fid" : "fd_" + e.keyId();
            String kd = fid ? "kid" : "kd_" + e.keyId();
            return guard(o, () -> new FeatureDistanceMetric(e::features, fd, kd, subsets, size, seed, e.identity()));
        }
    }

    /** A learned pair distance (LPIPS as ONNX, backbone plus linear heads); named lpips only for known weights. */
    public static final class Lpips extends AbstractComponent implements MetricProvider {
        static final OptionSpec EVALUATOR = OptionSpec.string("evaluator", "lpips", "the network's role on the command line");

        public Lpips() {
            super("lpips", IMAGE_KINDS, EVALUATOR);
        }

        @Override
        public Metric<?, ?> create(Options o, TaskKind kind, Evaluators evaluators) {
            String role = o.string(EVALUATOR);
            EvaluatorNetwork given = evaluators.get(role);
            if (given == null) {
                return new InactiveMetric(name(), "needs a pair network: --evaluator " + role + "=PATH.onnx");
            }
            EvaluatorNetwork e = evaluator(o, role, given, EvaluatorNetwork.Type.PAIR, "lpips needs a pair network");
            if (e == null) {
                return null;
            }
            String key = "lpips".equals(e.protocolName()) ? "lpips" : "pd_" + e.keyId();
            return guard(o, () -> new PairDistanceMetric(e::distance, key, e.identity()));
        }
    }

    /**
     * torchmetrics' CLIPScore from a CLIP card (image and text encoders, clip-bpe tokenizer) given as
     * --evaluator ROLE=CARD.yaml; named clip_score_<backbone> only for OpenAI's checkpoints.
     */
    public static final class ClipScore extends AbstractComponent implements MetricProvider {
        static final OptionSpec EVALUATOR = OptionSpec.string("evaluator", "clip", "the network's role on the command line");

        public ClipScore() {
            super("clip_score", Set.of(TaskKind.GENERATION), EVALUATOR);
        }

        @Override
        public Metric<?, ?> create(Options o, TaskKind kind, Evaluators evaluators) {
            String role = o.string(EVALUATOR);
            EvaluatorNetwork given = evaluators.get(role);
            if (given == null) {
                return new InactiveMetric(name(), "needs a CLIP card: --evaluator " + role + "=CARD.yaml");
            }
            EvaluatorNetwork e = evaluator(o, role, given, EvaluatorNetwork.Type.CLIP, "clip_score needs a clip card");
            if (e == null) {
                return null;
            }
            String key = e.protocolName() != null ? e.protocolName() : "cs_" + e.keyId();
            return guard(o, () -> new ClipScoreMetric(e::clip, key, e.identity()));
        }
    }

    public static final class Miou extends AbstractComponent implements MetricProvider {
        static final OptionSpec NUM_CLASSES = OptionSpec.integer("num_classes", null, 1, 65535, "required unless classes gives them");
        static final OptionSpec CLASSES = OptionSpec.list("classes", "voc, or a list of class names");
        static final OptionSpec IGNORE_INDEX = OptionSpec.integer("ignore_index", 255, -1, 65535, "the label left out");
        // absent-class rule: union (mmseg, default) or gt-only (detectron2). Zero-label reduction is the ade20k
        // layout's job (data.target_format: ade20k-labels), so it is not offered here twice.
        static final OptionSpec ABSENT = OptionSpec.choice("absent", List.of("union", "gt-only"), "a class absent from both");

        public Miou() {
            super("miou", Set.of(TaskKind.SEGMENTATION), NUM_CLASSES, CLASSES, IGNORE_INDEX, ABSENT);
        }

        @Override
        public Metric<?, ?> create(Options o, TaskKind kind, Evaluators evaluators) {
            List<String> names = classNames(o);
            int n = o.integer(NUM_CLASSES.name(), names.isEmpty() ? 0 : names.size(), NUM_CLASSES.min(), NUM_CLASSES.max());
            if (n == 0) {
                o.fail("num_classes", "is required (or give classes: voc or a list of names)");
                return null;
            }
            int ignore = o.integer(IGNORE_INDEX);
            SegmentationMetric.Absent absent = "gt-only".equals(o.choice(ABSENT))
                    ? SegmentationMetric.Absent.GT_ONLY : SegmentationMetric.Absent.UNION;
            return guard(o, () -> new SegmentationMetric(n, ignore, absent, false, names.size() == n ? names : List.of()));
        }

        private static List<String> classNames(Options o) {
            Object v = o.raw(CLASSES.name());
            if (v == null) {
                return List.of();
            }
            if ("voc".equals(v)) {
                return Palette.VOC_CLASSES;
            }
            return o.strings(CLASSES.name());
        }
    }

    /** BSDS boundary benchmark (ODS, OIS, AP): thresholds, tolerance as a fraction of the diagonal, thinning. */
    public static final class Bsds extends AbstractComponent implements MetricProvider {
        static final OptionSpec NTHRESH = OptionSpec.integer("nthresh", BsdsBoundaryMetric.DEFAULT_NTHRESH, 1, 1000, "thresholds");
        static final OptionSpec MAX_DIST = OptionSpec.number("max_dist", BsdsBoundaryMetric.DEFAULT_MAX_DIST,
                "match tolerance as a fraction of the diagonal");
        static final OptionSpec THIN = OptionSpec.bool("thin", true, "thin predicted edges first");

        public Bsds() {
            super("bsds", Set.of(TaskKind.EDGES), NTHRESH, MAX_DIST, THIN);
        }

        @Override
        public Metric<?, ?> create(Options o, TaskKind kind, Evaluators evaluators) {
            return guard(o, () -> new BsdsBoundaryMetric(o.integer(NTHRESH), o.number(MAX_DIST), o.bool(THIN)));
        }
    }

    /** ControlNet++ Canny F1 (binary, no tolerance) against the union of the annotators' maps. */
    public static final class EdgeF1 extends AbstractComponent implements MetricProvider {
        static final OptionSpec THRESHOLD = OptionSpec.number("threshold", 0.5, "a predicted pixel above it is an edge");

        public EdgeF1() {
            super("edge_f1", Set.of(TaskKind.EDGES), THRESHOLD);
        }

        @Override
        public Metric<?, ?> create(Options o, TaskKind kind, Evaluators evaluators) {
            double threshold = o.number(THRESHOLD);
            return guard(o, () -> new AnnotatorUnionEdgeF1(new EdgeF1Metric(threshold)));
        }
    }

    /** BTS/Marigold depth errors. */
    public static final class Depth extends AbstractComponent implements MetricProvider {
        public Depth() {
            super("depth", Set.of(TaskKind.DEPTH), DepthMetric.OPTIONS.toArray(OptionSpec[]::new));
        }

        @Override
        public Metric<?, ?> create(Options o, TaskKind kind, Evaluators evaluators) {
            return guard(o, () -> DepthMetric.fromOptions(o));
        }
    }

    /** DSINE angular errors, pooled over pixels (default) or per image. */
    public static final class Normals extends AbstractComponent implements MetricProvider {
        public Normals() {
            super("normals", Set.of(TaskKind.NORMALS), NormalsMetric.OPTIONS.toArray(OptionSpec[]::new));
        }

        @Override
        public Metric<?, ?> create(Options o, TaskKind kind, Evaluators evaluators) {
            return guard(o, () -> NormalsMetric.fromOptions(o));
        }
    }

    /** PySODMetrics: IoU, MAE, max/mean F-beta (beta^2 0.3). */
    public static final class Mask extends AbstractComponent implements MetricProvider {
        public Mask() {
            super("mask", Set.of(TaskKind.MASK), MaskMetric.OPTIONS.toArray(OptionSpec[]::new));
        }

        @Override
        public Metric<?, ?> create(Options o, TaskKind kind, Evaluators evaluators) {
            return guard(o, () -> MaskMetric.fromOptions(o));
        }
    }
}
