package org.eibench.metrics.image;

import java.util.Locale;
import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;

/**
 * SSIM of Wang et al. 2004 per image, then the mean over images: 11x11 Gaussian window (sigma 1.5), K1 = 0.01,
 * K2 = 0.03, population covariances, valid region only, mean of the SSIM map; colour images per channel, then the
 * mean. This equals skimage {@code structural_similarity(gaussian_weights=True, sigma=1.5,
 * use_sample_covariance=False, data_range=L)}, BasicSR's {@code calculate_ssim} (basicsr/metrics/psnr_ssim.py) and
 * MATLAB {@code ssim_index.m}.
 *
 * <p>{@code downsample: matlab} reproduces Wang's later {@code ssim.m}: before SSIM each channel of the (luma-converted,
 * cropped) pair is box-filtered and subsampled by f = max(1, round(min(H, W) / 256)); see {@link Resample#matlabBox}.
 * Order: crop, colour conversion, downsampling, SSIM.
 *
 * <p>skimage's knobs, under skimage's names ({@link Window}): {@code gaussian_weights: false} takes a uniform
 * {@code win_size} x {@code win_size} window (scipy {@code uniform_filter}) instead of the Gaussian, and {@code
 * use_sample_covariance: true} scales the variances and the covariance by NP / (NP - 1), NP = win_size^2. skimage's
 * own defaults (skimage/metrics/_structural_similarity.py, 0.19: {@code win_size = 7} at line 165,
 * {@code use_sample_covariance} true at line 152, {@code data_range = dmax - dmin} at line 186, i.e. 2 for float
 * images) are {@code gaussian_weights: false, win_size: 7, use_sample_covariance: true} and, for images on 0..255,
 * {@code data_range: 510}. Any window but the default one is computed by {@link SsimWindowed}.
 */
public final class SsimMetric extends ImageQualityMetric {

    /** Optional pre-filtering of the pair. */
    public enum Downsample {
        /** SSIM at full resolution (ssim_index.m, skimage, BasicSR). */
        NONE,
        /** Wang's ssim.m automatic downsampling. */
        MATLAB;

        public static Downsample parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "none" -> NONE;
                case "matlab" -> MATLAB;
                default -> throw new IllegalArgumentException("downsample must be none or matlab, not '" + s + "'");
            };
        }

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The SSIM window and covariance normalisation, with skimage's names.
     *
     * @param gaussianWeights the 11x11 Gaussian of sigma 1.5 (skimage's {@code gaussian_weights=True, sigma=1.5},
     *                        whose truncate 3.5 gives radius 5); false: a uniform window
     * @param winSize         side of the window: 11 for the Gaussian, any odd number >= 3 for the uniform window
     * @param sampleCovariance variances and covariance times NP / (NP - 1) (skimage's default); false: population
     */
    public record Window(boolean gaussianWeights, int winSize, boolean sampleCovariance) {

        /** Wang et al. 2004, ssim_index.m, BasicSR: Gaussian 11x11, population moments. */
        public static final Window WANG = new Window(true, SsimKernel.SIZE, false);
        /** skimage's defaults: uniform 7x7, sample covariance. */
        public static final Window SKIMAGE = new Window(false, 7, true);

        public Window {
            if (gaussianWeights && winSize != SsimKernel.SIZE) {
                throw new IllegalArgumentException("ssim: the Gaussian window is " + SsimKernel.SIZE + "x" + SsimKernel.SIZE
                        + " (sigma 1.5); win_size " + winSize + " needs gaussian_weights: false");
            }
            if (winSize < 3 || winSize % 2 == 0) {
                throw new IllegalArgumentException("ssim: win_size must be odd and at least 3, not " + winSize);
            }
        }

        /** The recorded {@code window} option: {@code gaussian-11-1.5} or {@code uniform-<n>}. */
        public String key() {
            return gaussianWeights ? ImageMetrics.SSIM_WINDOW : "uniform-" + winSize;
        }
    }

    private final Downsample downsample;
    private final Window window;

    /**
     * @param channel    {@code rgb} (all channels as given) or {@code y} (BT.601 luma, see {@link Luma})
     * @param yRound     round Y to 8 bits (MATLAB on uint8 input)
     * @param crop       pixels shaved on each side
     * @param dataRange  L, 255 for 8-bit images
     * @param downsample {@code none} or {@code matlab}
     */
    public SsimMetric(String channel, boolean yRound, int crop, double dataRange, String downsample) {
        this(channel, yRound, crop, dataRange, downsample, Window.WANG);
    }

    /** @param window the window and covariance normalisation ({@link Window#WANG} unless a peer needs another) */
    public SsimMetric(String channel, boolean yRound, int crop, double dataRange, String downsample, Window window) {
        super("ssim", channel, yRound, crop, dataRange);
        this.window = java.util.Objects.requireNonNull(window);
        this.downsample = Downsample.parse(downsample);
    }

    public SsimMetric(String channel, boolean yRound, int crop, double dataRange) {
        this(channel, yRound, crop, dataRange, "none");
    }

    /** Defaults of DESIGN §5: rgb, no crop, L = 255, no downsampling. */
    public SsimMetric() {
        this("rgb", false, 0, 255);
    }

    @Override
    void putMoreOptions(Map<String, Object> o) {
        o.put("downsample", downsample.key());
        o.put("window", window.key());
        o.put("gaussian_weights", window.gaussianWeights());
        o.put("win_size", window.winSize());
        o.put("use_sample_covariance", window.sampleCovariance());
    }

    @Override
    public Stats measure(FloatImage prediction, FloatImage target) {
        ImageMetricSupport.requireSameShape(prediction, target);
        FloatImage a = ImageMetricSupport.prepare(prediction, channel, yRound, crop);
        FloatImage b = ImageMetricSupport.prepare(target, channel, yRound, crop);
        if (downsample == Downsample.MATLAB) {
            int f = Resample.matlabFactor(a.width(), a.height());
            a = Resample.matlabBox(a, f);
            b = Resample.matlabBox(b, f);
        }
        double value = window.equals(Window.WANG) ? SsimKernel.meanSsim(a, b, dataRange)
                : SsimWindowed.meanSsim(a, b, dataRange, window);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("prediction or target contains NaN or infinite values");
        }
        return Stats.builder().put("ssim_sum", value).put("n", 1).build();
    }

    @Override
    public MetricValues finish(Stats total) {
        double n = total.scalarOrZero("n");
        return MetricValues.of(new MetricValue("ssim", n == 0 ? Double.NaN : total.scalar("ssim_sum") / n, true));
    }
}
