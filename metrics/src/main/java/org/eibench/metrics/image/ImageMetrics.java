package org.eibench.metrics.image;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Metric;
import org.eibench.metrics.config.OptionSpec;
import org.eibench.metrics.config.Options;

/**
 * Builds the image-quality metrics from the option maps of a task file, e.g.
 * {@code {name: psnr, channel: y, y_round: false, crop: 4, data_range: 255, cap: 100}}:
 * <pre>{@code
 * Metric<FloatImage, FloatImage> m = ImageMetrics.create(Map.of("name", "ssim", "channel", "y", "crop", 4));
 * }</pre>
 * Absent options take the defaults of DESIGN §5; unknown options, wrong types and bad values are rejected with an
 * {@link IllegalArgumentException} naming the option. {@code metric.options()} fed back to {@link #create(String, Map)}
 * builds an equal metric, so a run.json can be replayed. See docs/metrics-image.md.
 */
public final class ImageMetrics {

    /** Names this factory builds. */
    public static final List<String> NAMES = List.of("psnr", "ssim", "ms_ssim");

    static final String SSIM_WINDOW = "gaussian-11-1.5";
    static final String MS_SSIM_REFERENCE = "pytorch_msssim";

    public static final OptionSpec CHANNEL = OptionSpec.string("channel", "rgb", "rgb, or y: BT.601 luma");
    public static final OptionSpec Y_ROUND = OptionSpec.bool("y_round", false, "round Y to 8 bits (MATLAB on uint8)");
    public static final OptionSpec CROP = OptionSpec.integer("crop", 0, Integer.MIN_VALUE, Integer.MAX_VALUE, "pixels shaved on each side");
    public static final OptionSpec DATA_RANGE = OptionSpec.number("data_range", 255.0, "L, 255 for 8-bit images");
    public static final OptionSpec CAP = OptionSpec.number("cap", 100.0, "dB reported for an identical pair, or none");
    public static final OptionSpec DOWNSAMPLE = OptionSpec.string("downsample", "none", "none, or matlab: Wang's ssim.m");
    public static final OptionSpec GAUSSIAN_WEIGHTS = OptionSpec.bool("gaussian_weights", true, "Gaussian (true) or uniform window");
    public static final OptionSpec WIN_SIZE = OptionSpec.integer("win_size", null, Integer.MIN_VALUE, Integer.MAX_VALUE,
            "window side: 11 with a Gaussian window, else 7");
    public static final OptionSpec USE_SAMPLE_COVARIANCE = OptionSpec.bool("use_sample_covariance", false, "N - 1 in the covariance");
    public static final OptionSpec WINDOW = OptionSpec.string("window", null, "recorded only: the window, as run.json gives it back");
    public static final OptionSpec WEIGHTS = OptionSpec.list("weights", "recorded only: the five scale weights");
    public static final OptionSpec REFERENCE = OptionSpec.string("reference", MS_SSIM_REFERENCE, "recorded only: the reference code");

    /** The options each metric reads, with their defaults. */
    public static final Map<String, List<OptionSpec>> OPTIONS = Map.of(
            "psnr", List.of(CHANNEL, Y_ROUND, CROP, DATA_RANGE, CAP),
            "ssim", List.of(CHANNEL, Y_ROUND, CROP, DATA_RANGE, DOWNSAMPLE, WINDOW, GAUSSIAN_WEIGHTS, WIN_SIZE, USE_SAMPLE_COVARIANCE),
            "ms_ssim", List.of(CHANNEL, Y_ROUND, CROP, DATA_RANGE, WINDOW, WEIGHTS, REFERENCE));

    private ImageMetrics() {
    }

    public static boolean supports(String name) {
        return NAMES.contains(name);
    }

    /** A metric from a task-file entry: {@code name} plus its options. */
    public static Metric<FloatImage, FloatImage> create(Map<String, ?> spec) {
        Object name = spec.get("name");
        if (!(name instanceof String s)) {
            throw new IllegalArgumentException("metric entry needs a string 'name', got " + name);
        }
        Map<String, Object> options = new LinkedHashMap<>(spec);
        options.remove("name");
        return create(s, options);
    }

    /** A metric by name ({@code psnr}, {@code ssim}, {@code ms_ssim}) with options; absent options take defaults. */
    public static Metric<FloatImage, FloatImage> create(String name, Map<String, ?> options) {
        Options o = Options.of(options);
        Metric<FloatImage, FloatImage> m = create(name, o);
        o.check(name);
        return m;
    }

    /**
     * A metric by name, its options read through {@code o} (problems are recorded there, per key).
     *
     * @throws IllegalArgumentException for an unknown name, or a value the metric rejects as a whole
     */
    public static Metric<FloatImage, FloatImage> create(String name, Options o) {
        return switch (name) {
            case "psnr" -> {
                double cap = "none".equals(o.raw("cap")) ? PsnrMetric.NO_CAP : o.number(CAP);
                yield new PsnrMetric(lower(o, CHANNEL), o.bool(Y_ROUND), o.integer(CROP), o.number(DATA_RANGE), cap);
            }
            case "ssim" -> {
                // skimage structural_similarity's own knobs under its names; EIBench's defaults are Wang et al.'s
                // (Gaussian 11x11, population covariance), skimage's are a 7x7 uniform window and sample covariance.
                // Every key is read before anything is built, so one bad value does not hide the others' problems.
                String channel = lower(o, CHANNEL);
                boolean yRound = o.bool(Y_ROUND);
                int crop = o.integer(CROP);
                double range = o.number(DATA_RANGE);
                String downsample = lower(o, DOWNSAMPLE);
                o.raw(WINDOW.name());
                boolean gaussian = o.bool(GAUSSIAN_WEIGHTS);
                int size = o.integer(WIN_SIZE.name(), gaussian ? SsimKernel.SIZE : 7, WIN_SIZE.min(), WIN_SIZE.max());
                SsimMetric.Window window = new SsimMetric.Window(gaussian, size, o.bool(USE_SAMPLE_COVARIANCE));
                fixed(o, WINDOW, window.key());
                yield new SsimMetric(channel, yRound, crop, range, downsample, window);
            }
            case "ms_ssim" -> {
                fixed(o, WINDOW, SSIM_WINDOW);
                fixed(o, REFERENCE, MS_SSIM_REFERENCE);
                fixedWeights(o);
                yield new MsSsimMetric(lower(o, CHANNEL), o.bool(Y_ROUND), o.integer(CROP), o.number(DATA_RANGE));
            }
            default -> throw new IllegalArgumentException("unknown image metric '" + name + "'; known: " + NAMES);
        };
    }

    private static String lower(Options o, OptionSpec s) {
        return o.string(s).toLowerCase(Locale.ROOT);
    }

    /** Informational options (recorded by options()) may be given back, but only with their one value. */
    private static void fixed(Options o, OptionSpec s, String value) {
        Object v = o.raw(s.name());
        if (v != null && !value.equals(v.toString())) {
            o.fail(s.name(), "can only be '" + value + "', not '" + v + "'");
        }
    }

    private static void fixedWeights(Options o) {
        Object v = o.raw(WEIGHTS.name());
        if (v == null) {
            return;
        }
        boolean ok = v instanceof List<?> l && l.size() == MsSsimMetric.WEIGHTS.length;
        for (int i = 0; ok && i < MsSsimMetric.WEIGHTS.length; i++) {
            Object e = ((List<?>) v).get(i);
            ok = e instanceof Number num && num.doubleValue() == MsSsimMetric.WEIGHTS[i];
        }
        if (!ok) {
            o.fail(WEIGHTS.name(), "can only be " + Arrays.toString(MsSsimMetric.WEIGHTS) + ", not " + v);
        }
    }
}
