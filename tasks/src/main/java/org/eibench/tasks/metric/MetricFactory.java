package org.eibench.tasks.metric;

import java.util.List;
import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Metric;
import org.eibench.metrics.depth.DepthMetric;
import org.eibench.metrics.mask.MaskMetric;
import org.eibench.metrics.normals.NormalsMetric;
import org.eibench.metrics.edges.BsdsBoundaryMetric;
import org.eibench.metrics.image.ImageMetrics;
import org.eibench.metrics.distribution.FeatureDistanceMetric;
import org.eibench.metrics.image.ClipScoreMetric;
import org.eibench.metrics.image.PairDistanceMetric;
import org.eibench.metrics.segmentation.SegmentationMetric;
import org.eibench.tasks.Plugins;
import org.eibench.tasks.decode.Palette;
import org.eibench.tasks.spi.MetricProvider;
import org.eibench.tasks.spec.Options;
import org.eibench.tasks.spec.TaskKind;

/** Builds the metric a task file names from its options, checking that it fits the task kind. */
public final class MetricFactory {

    public static final List<String> NAMES = List.of("psnr", "ssim", "ms_ssim", "miou", "bsds", "edge_f1", "depth", "normals", "mask",
            "canny_f1", "masked_fidelity", "feature_distance", "lpips", "clip_score");

    private MetricFactory() {
    }

    /** A metric that can picture what it scored (the gallery's Canny overlay). */
    public interface Overlay {
        FloatImage overlay(FloatImage prediction, org.eibench.metrics.GenerationTarget target);
    }

    public static Metric<?, ?> create(String name, Options o, TaskKind kind) {
        return create(name, o, kind, Plugins.none());
    }

    public static Metric<?, ?> create(String name, Options o, TaskKind kind, Plugins plugins) {
        return create(name, o, kind, plugins, Evaluators.NONE);
    }

    /**
     * @param evaluators the networks given for this invocation by role; a metric whose role has none comes back as an
     *                   {@link InactiveMetric}
     * @return the metric, or null when a problem was recorded in {@code o}
     */
    public static Metric<?, ?> create(String name, Options o, TaskKind kind, Plugins plugins, Evaluators evaluators) {
        Metric<?, ?> m = createFor(name, o, kind, plugins, evaluators);
        // A generation task's ground truth is the original image plus the generated region's mask: image metrics
        // score against the image.
        return kind == TaskKind.GENERATION && m != null && m.targetType() == FloatImage.class
                ? OnImage.of(m) : m;
    }

    private static Metric<?, ?> createFor(String name, Options o, TaskKind kind, Plugins plugins, Evaluators evaluators) {
        switch (name) {
            case "psnr", "ssim", "ms_ssim" -> {
                // Options and defaults are ImageMetrics' own (docs/metrics-image.md); ms_ssim: 5 scales, weights
                // (0.0448, 0.2856, 0.3001, 0.2363, 0.1333) as pytorch_msssim.
                requireKind(o, name, kind, TaskKind.RESTORATION, TaskKind.GENERATION);
                Map<String, Object> m = pick(o, "channel", "y_round", "crop", "data_range", "cap", "downsample",
                        "gaussian_weights", "win_size", "use_sample_covariance");
                return guard(o, () -> ImageMetrics.create(name, m));
            }
            case "canny_f1" -> {
                // ControlNet++ controllability: Canny 100/200 of the output against the condition, pixel-exact F1
                requireKind(o, name, kind, TaskKind.GENERATION);
                double low = o.number("low", 100);
                double high = o.number("high", 200);
                return guard(o, () -> new ConditionF1(low, high));
            }
            case "masked_fidelity" -> {
                // PSNR, SSIM, L1 inside the generated region (hole_*) and outside it (preserve_*)
                requireKind(o, name, kind, TaskKind.GENERATION);
                double range = o.number("data_range", 255);
                double cap = o.number("cap", 100);
                return guard(o, () -> new org.eibench.metrics.image.MaskedFidelityMetric(range, cap));
            }
            case "feature_distance" -> {
                // FD and KD (FID's and KID's formulas) from a feature network given as --evaluator ROLE=PATH
                requireKind(o, name, kind, TaskKind.RESTORATION, TaskKind.GENERATION);
                String role = o.string("evaluator", "features");
                int subsets = o.integer("kid_subsets", 100, 1, 100_000);
                int size = o.integer("kid_subset_size", 1000, 2, Integer.MAX_VALUE);
                int seed = o.integer("kid_seed", 2020, 0, Integer.MAX_VALUE);
                EvaluatorNetwork e = evaluators.get(role);
                if (e == null) {
                    return new InactiveMetric(name, "needs a feature network: --evaluator " + role + "=PATH.onnx");
                }
                if (e.type() != EvaluatorNetwork.Type.FEATURES) {
                    o.fail("evaluator", "'" + role + "' is a " + e.type().key() + " network; feature_distance needs features");
                    return null;
                }
                boolean fid = "fid".equals(e.protocolName());
                String fd = fid ? "fid" : "fd_" + e.keyId();
                String kd = fid ? "kid" : "kd_" + e.keyId();
                return guard(o, () -> new FeatureDistanceMetric(e::features, fd, kd, subsets, size, seed, e.identity()));
            }
            case "lpips" -> {
                // a learned pair distance (LPIPS as ONNX, backbone plus linear heads); named lpips only for known weights
                requireKind(o, name, kind, TaskKind.RESTORATION, TaskKind.GENERATION);
                String role = o.string("evaluator", "lpips");
                EvaluatorNetwork e = evaluators.get(role);
                if (e == null) {
                    return new InactiveMetric(name, "needs a pair network: --evaluator " + role + "=PATH.onnx");
                }
                if (e.type() != EvaluatorNetwork.Type.PAIR) {
                    o.fail("evaluator", "'" + role + "' is a " + e.type().key() + " network; lpips needs a pair network");
                    return null;
                }
                String key = "lpips".equals(e.protocolName()) ? "lpips" : "pd_" + e.keyId();
                return guard(o, () -> new PairDistanceMetric(e::distance, key, e.identity()));
            }
            case "clip_score" -> {
                // torchmetrics' CLIPScore from a CLIP card (image and text encoders, clip-bpe tokenizer) given as
                // --evaluator ROLE=CARD.yaml; named clip_score_<backbone> only for OpenAI's checkpoints
                requireKind(o, name, kind, TaskKind.GENERATION);
                String role = o.string("evaluator", "clip");
                EvaluatorNetwork e = evaluators.get(role);
                if (e == null) {
                    return new InactiveMetric(name, "needs a CLIP card: --evaluator " + role + "=CARD.yaml");
                }
                if (e.type() != EvaluatorNetwork.Type.CLIP) {
                    o.fail("evaluator", "'" + role + "' is a " + e.type().key() + " network; clip_score needs a clip card");
                    return null;
                }
                String key = e.protocolName() != null ? e.protocolName() : "cs_" + e.keyId();
                return guard(o, () -> new ClipScoreMetric(e::clip, key, e.identity()));
            }
            case "miou" -> {
                requireKind(o, name, kind, TaskKind.SEGMENTATION);
                List<String> names = classNames(o);
                int n = o.integer("num_classes", names.isEmpty() ? 0 : names.size(), 1, 65535);
                if (n == 0) {
                    o.fail("num_classes", "is required (or give classes: voc or a list of names)");
                    return null;
                }
                int ignore = o.integer("ignore_index", 255, -1, 65535);
                // absent-class rule: union (mmseg, default) or gt-only (detectron2). Zero-label reduction is the
                // ade20k layout's job (data.target_format: ade20k-labels), so it is not offered here twice.
                SegmentationMetric.Absent absent = "gt-only".equals(o.choice("absent", "union", List.of("union", "gt-only")))
                        ? SegmentationMetric.Absent.GT_ONLY : SegmentationMetric.Absent.UNION;
                return guard(o, () -> new SegmentationMetric(n, ignore, absent, false, names.size() == n ? names : List.of()));
            }
            case "bsds" -> {
                // BSDS boundary benchmark (ODS, OIS, AP): thresholds, tolerance as a fraction of the diagonal, thinning
                requireKind(o, name, kind, TaskKind.EDGES);
                return guard(o, () -> new BsdsBoundaryMetric(o.integer("nthresh", BsdsBoundaryMetric.DEFAULT_NTHRESH, 1, 1000),
                        o.number("max_dist", BsdsBoundaryMetric.DEFAULT_MAX_DIST), o.bool("thin", true)));
            }
            case "edge_f1" -> {
                // ControlNet++ Canny F1 (binary, no tolerance) against the union of the annotators' maps
                requireKind(o, name, kind, TaskKind.EDGES);
                double threshold = o.number("threshold", 0.5);
                return guard(o, () -> new AnnotatorUnionEdgeF1(new org.eibench.metrics.edges.EdgeF1Metric(threshold)));
            }
            case "depth" -> {
                // BTS/Marigold depth errors: valid min_depth < gt < max_depth, crop none|eigen|garg, alignment,
                // precision float32 for BTS eval_with_pngs.py's float32 decisions
                requireKind(o, name, kind, TaskKind.DEPTH);
                Map<String, Object> m = pick(o, "min_depth", "max_depth", "crop", "alignment", "input", "precision");
                return guard(o, () -> DepthMetric.fromOptions(m));
            }
            case "normals" -> {
                // DSINE angular errors, pooled over pixels (default) or per image
                requireKind(o, name, kind, TaskKind.NORMALS);
                Map<String, Object> m = pick(o, "pooling");
                return guard(o, () -> NormalsMetric.fromOptions(m));
            }
            case "mask" -> {
                // PySODMetrics: IoU, MAE, max/mean F-beta (beta^2 0.3); void: a target value left out (128 for VOC masks)
                requireKind(o, name, kind, TaskKind.MASK);
                Map<String, Object> m = pick(o, "scale", "normalize", "threshold", "void", "beta2");
                return guard(o, () -> MaskMetric.fromOptions(m));
            }
            default -> {
                MetricProvider p = plugins.metric(name);
                if (p != null) {
                    return p.create(o, kind);
                }
                java.util.List<String> all = new java.util.ArrayList<>(NAMES);
                all.addAll(plugins.metricNames());
                o.markAllUsed();
                o.fail("name", "unknown metric '" + name + "'; metrics: " + String.join(", ", all));
                return null;
            }
        }
    }

    private static List<String> classNames(Options o) {
        Object v = o.raw("classes");
        if (v == null) {
            return List.of();
        }
        if ("voc".equals(v)) {
            return Palette.VOC_CLASSES;
        }
        return o.strings("classes");
    }

    /** The given options among {@code keys}, read through {@code o} so that any other key is reported as unknown. */
    private static Map<String, Object> pick(Options o, String... keys) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (String k : keys) {
            Object v = o.raw(k);
            if (v != null) {
                m.put(k, v);
            }
        }
        return m;
    }

    private interface Builder {
        Metric<?, ?> build();
    }

    private static Metric<?, ?> guard(Options o, Builder b) {
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            o.fail("", e.getMessage());
            return null;
        }
    }

    private static void requireKind(Options o, String name, TaskKind kind, TaskKind... allowed) {
        for (TaskKind k : allowed) {
            if (k == kind) {
                return;
            }
        }
        java.util.List<String> fits = new java.util.ArrayList<>();
        for (TaskKind k : allowed) {
            fits.add(k.key());
        }
        o.fail("name", "metric '" + name + "' does not fit a " + kind.key() + " task (it fits: " + String.join(", ", fits) + ")");
    }
}
