package org.eibench.metrics.image;

import java.util.Map;

import org.eibench.metrics.AbstractMetric;
import org.eibench.metrics.FloatImage;

/** What PSNR, SSIM and MS-SSIM share: the channel, Y rounding, border crop and data range, checked and recorded once. */
abstract class ImageQualityMetric extends AbstractMetric<FloatImage, FloatImage> {

    final ImageMetricSupport.Channel channel;
    final boolean yRound;
    final int crop;
    final double dataRange;

    /**
     * @param channel   {@code rgb} (all channels as given) or {@code y} (BT.601 luma, see {@link Luma})
     * @param yRound    round Y to 8 bits (MATLAB on uint8 input)
     * @param crop      pixels shaved on each side
     * @param dataRange L, 255 for 8-bit images
     */
    ImageQualityMetric(String name, String channel, boolean yRound, int crop, double dataRange) {
        super(name, FloatImage.class, FloatImage.class);
        this.channel = ImageMetricSupport.Channel.parse(channel);
        if (crop < 0 || !(dataRange > 0) || Double.isInfinite(dataRange)) {
            throw new IllegalArgumentException(name + " needs crop >= 0 and a finite data_range > 0");
        }
        this.yRound = yRound;
        this.crop = crop;
        this.dataRange = dataRange;
    }

    @Override
    protected void putOptions(Map<String, Object> o) {
        o.put("channel", channel.key());
        o.put("y_round", yRound);
        o.put("crop", crop);
        o.put("data_range", dataRange);
        putMoreOptions(o);
    }

    /** The metric's own options, after the shared ones. */
    abstract void putMoreOptions(Map<String, Object> o);
}
