package org.eibench.metrics.image;

import java.util.LinkedHashMap;
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
 * use_sample_covariance=False, data_range=L)} and BasicSR's {@code calculate_ssim} (basicsr/metrics/psnr_ssim.py).
 */
public final class SsimMetric implements Metric<FloatImage, FloatImage> {

    private final ImageMetricSupport.Channel channel;
    private final boolean yRound;
    private final int crop;
    private final double dataRange;

    public SsimMetric(String channel, boolean yRound, int crop, double dataRange) {
        this.channel = ImageMetricSupport.Channel.parse(channel);
        if (crop < 0 || dataRange <= 0) {
            throw new IllegalArgumentException("ssim needs crop >= 0 and data_range > 0");
        }
        this.yRound = yRound;
        this.crop = crop;
        this.dataRange = dataRange;
    }

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
        o.put("channel", channel.name().toLowerCase(java.util.Locale.ROOT));
        o.put("y_round", yRound);
        o.put("crop", crop);
        o.put("data_range", dataRange);
        o.put("window", "gaussian-11-1.5");
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
        double s = 0;
        for (int c = 0; c < a.channels(); c++) {
            s += SsimKernel.meanSsim(a.channel(c), b.channel(c), dataRange);
        }
        double value = s / a.channels();
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("prediction or target contains NaN");
        }
        return Stats.builder().put("ssim_sum", value).put("n", 1).build();
    }

    @Override
    public MetricValues finish(Stats total) {
        double n = total.scalarOrZero("n");
        return MetricValues.of(new MetricValue("ssim", n == 0 ? Double.NaN : total.scalar("ssim_sum") / n, true));
    }
}
