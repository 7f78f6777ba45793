package org.eibench.metrics.image;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.Metric;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;

/**
 * PSNR per image, then the mean over images: 10 log10(L^2 / MSE) over all pixels and channels of the (optionally
 * luma-converted and border-cropped) pair. MSE = 0 is capped at {@code cap} dB and counted in the notes.
 */
public final class PsnrMetric implements Metric<FloatImage, FloatImage> {

    private final ImageMetricSupport.Channel channel;
    private final boolean yRound;
    private final int crop;
    private final double dataRange;
    private final double cap;

    /**
     * @param channel   {@code rgb} (all channels as given) or {@code y} (BT.601 luma, see {@link Luma})
     * @param yRound    round Y to 8 bits (MATLAB on uint8 input)
     * @param crop      pixels shaved on each side
     * @param dataRange L, 255 for 8-bit images
     * @param cap       value reported for identical images
     */
    public PsnrMetric(String channel, boolean yRound, int crop, double dataRange, double cap) {
        this.channel = ImageMetricSupport.Channel.parse(channel);
        if (crop < 0 || dataRange <= 0 || !(cap > 0)) {
            throw new IllegalArgumentException("psnr needs crop >= 0, data_range > 0 and cap > 0");
        }
        this.yRound = yRound;
        this.crop = crop;
        this.dataRange = dataRange;
        this.cap = cap;
    }

    /** Defaults of DESIGN §5: rgb, no crop, L = 255, cap 100 dB. */
    public PsnrMetric() {
        this("rgb", false, 0, 255, 100);
    }

    @Override
    public String name() {
        return "psnr";
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("channel", channel.name().toLowerCase(java.util.Locale.ROOT));
        o.put("y_round", yRound);
        o.put("crop", crop);
        o.put("data_range", dataRange);
        o.put("cap", cap);
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
        double mse = mse(ImageMetricSupport.prepare(prediction, channel, yRound, crop),
                ImageMetricSupport.prepare(target, channel, yRound, crop));
        if (Double.isNaN(mse)) {
            throw new IllegalArgumentException("prediction or target contains NaN");
        }
        boolean capped = mse == 0.0;
        double psnr = capped ? cap : Math.min(cap, 10.0 * Math.log10(dataRange * dataRange / mse));
        return Stats.builder().put("psnr_sum", psnr).put("n", 1).put("capped", capped ? 1 : 0).build();
    }

    static double mse(FloatImage a, FloatImage b) {
        float[] x = a.data();
        float[] y = b.data();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = (double) x[i] - y[i];
            sum += d * d;
        }
        return sum / x.length;
    }

    @Override
    public MetricValues finish(Stats total) {
        double n = total.scalarOrZero("n");
        double value = n == 0 ? Double.NaN : total.scalar("psnr_sum") / n;
        return new MetricValues(java.util.List.of(new MetricValue("psnr", value, true)),
                Map.of("capped_images", (long) total.scalarOrZero("capped"), "cap_db", cap));
    }
}
