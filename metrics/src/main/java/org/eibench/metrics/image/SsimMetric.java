package org.eibench.metrics.image;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Metric;
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
 */
public final class SsimMetric implements Metric<FloatImage, FloatImage> {

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

    private final ImageMetricSupport.Channel channel;
    private final boolean yRound;
    private final int crop;
    private final double dataRange;
    private final Downsample downsample;

    /**
     * @param channel    {@code rgb} (all channels as given) or {@code y} (BT.601 luma, see {@link Luma})
     * @param yRound     round Y to 8 bits (MATLAB on uint8 input)
     * @param crop       pixels shaved on each side
     * @param dataRange  L, 255 for 8-bit images
     * @param downsample {@code none} or {@code matlab}
     */
    public SsimMetric(String channel, boolean yRound, int crop, double dataRange, String downsample) {
        this.channel = ImageMetricSupport.Channel.parse(channel);
        if (crop < 0 || !(dataRange > 0) || Double.isInfinite(dataRange)) {
            throw new IllegalArgumentException("ssim needs crop >= 0 and a finite data_range > 0");
        }
        this.yRound = yRound;
        this.crop = crop;
        this.dataRange = dataRange;
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
    public String name() {
        return "ssim";
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("channel", channel.key());
        o.put("y_round", yRound);
        o.put("crop", crop);
        o.put("data_range", dataRange);
        o.put("downsample", downsample.key());
        o.put("window", ImageMetrics.SSIM_WINDOW);
        return o;
    }

    @Override
    public Class<FloatImage> predictionType() {
        return FloatImage.class;
    }

    @Override
    public Class<FloatImage> targetType() {
        return FloatImage.class;
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
        double value = SsimKernel.meanSsim(a, b, dataRange);
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
