package org.eibench.metrics.image;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Metric;

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

    private static final Set<String> PSNR_KEYS = Set.of("channel", "y_round", "crop", "data_range", "cap");
    private static final Set<String> SSIM_KEYS = Set.of("channel", "y_round", "crop", "data_range", "downsample", "window",
            "gaussian_weights", "win_size", "use_sample_covariance");
    private static final Set<String> MS_SSIM_KEYS = Set.of("channel", "y_round", "crop", "data_range", "window", "weights",
            "reference");

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
        Options o = new Options(name, options);
        return switch (name) {
            case "psnr" -> {
                o.allow(PSNR_KEYS);
                double cap = "none".equals(o.values().get("cap")) ? PsnrMetric.NO_CAP : o.number("cap", 100);
                yield new PsnrMetric(o.string("channel", "rgb"), o.bool("y_round", false), o.integer("crop", 0),
                        o.number("data_range", 255), cap);
            }
            case "ssim" -> {
                o.allow(SSIM_KEYS);
                // skimage structural_similarity's own knobs under its names; EIBench's defaults are Wang et al.'s
                // (Gaussian 11x11, population covariance), skimage's are a 7x7 uniform window and sample covariance.
                boolean gaussian = o.bool("gaussian_weights", true);
                SsimMetric.Window window = new SsimMetric.Window(gaussian, o.integer("win_size", gaussian ? SsimKernel.SIZE : 7),
                        o.bool("use_sample_covariance", false));
                o.fixed("window", window.key());
                yield new SsimMetric(o.string("channel", "rgb"), o.bool("y_round", false), o.integer("crop", 0),
                        o.number("data_range", 255), o.string("downsample", "none"), window);
            }
            case "ms_ssim" -> {
                o.allow(MS_SSIM_KEYS);
                o.fixed("window", SSIM_WINDOW);
                o.fixed("reference", MS_SSIM_REFERENCE);
                o.fixedWeights();
                yield new MsSsimMetric(o.string("channel", "rgb"), o.bool("y_round", false), o.integer("crop", 0),
                        o.number("data_range", 255));
            }
            default -> throw new IllegalArgumentException("unknown image metric '" + name + "'; known: " + NAMES);
        };
    }

    /** Typed access to one metric's options with error messages that name the metric and the option. */
    private record Options(String metric, Map<String, ?> values) {

        void allow(Set<String> keys) {
            for (String k : values.keySet()) {
                if (!keys.contains(k)) {
                    throw new IllegalArgumentException(metric + ": unknown option '" + k + "'; allowed: "
                            + keys.stream().sorted().toList());
                }
            }
        }

        /** Informational options (recorded by options()) may be given back, but only with their one value. */
        void fixed(String key, String value) {
            Object v = values.get(key);
            if (v != null && !value.equals(v.toString())) {
                throw new IllegalArgumentException(metric + ": option '" + key + "' can only be '" + value + "', not '" + v + "'");
            }
        }

        void fixedWeights() {
            Object v = values.get("weights");
            if (v == null) {
                return;
            }
            boolean ok = v instanceof List<?> l && l.size() == MsSsimMetric.WEIGHTS.length;
            for (int i = 0; ok && i < MsSsimMetric.WEIGHTS.length; i++) {
                Object e = ((List<?>) v).get(i);
                ok = e instanceof Number num && num.doubleValue() == MsSsimMetric.WEIGHTS[i];
            }
            if (!ok) {
                throw new IllegalArgumentException(metric + ": option 'weights' can only be "
                        + java.util.Arrays.toString(MsSsimMetric.WEIGHTS) + ", not " + v);
            }
        }

        String string(String key, String dflt) {
            Object v = values.get(key);
            if (v == null) {
                return dflt;
            }
            if (!(v instanceof String s)) {
                throw new IllegalArgumentException(metric + ": option '" + key + "' must be a string, not " + v);
            }
            return s.toLowerCase(Locale.ROOT);
        }

        boolean bool(String key, boolean dflt) {
            Object v = values.get(key);
            if (v == null) {
                return dflt;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(s);
            }
            throw new IllegalArgumentException(metric + ": option '" + key + "' must be true or false, not " + v);
        }

        double number(String key, double dflt) {
            Object v = values.get(key);
            if (v == null) {
                return dflt;
            }
            double d;
            if (v instanceof Number n) {
                d = n.doubleValue();
            } else if (v instanceof String s) {
                try {
                    d = Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(metric + ": option '" + key + "' must be a number, not '" + s + "'");
                }
            } else {
                throw new IllegalArgumentException(metric + ": option '" + key + "' must be a number, not " + v);
            }
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(metric + ": option '" + key + "' must be finite, not " + v);
            }
            return d;
        }

        int integer(String key, int dflt) {
            Object v = values.get(key);
            if (v == null) {
                return dflt;
            }
            double d = number(key, dflt);
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(metric + ": option '" + key + "' must be a whole number, not " + v);
            }
            return (int) d;
        }
    }
}
