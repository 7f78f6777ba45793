package org.eibench.metrics.image;

import java.util.List;
import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;

/**
 * Multi-scale SSIM (Wang, Simoncelli and Bovik 2003) per image, then the mean over images, following
 * pytorch_msssim 1.0 ({@code ms_ssim} in VainF/pytorch-msssim, pytorch_msssim/ssim.py), the implementation most
 * restoration papers cite:
 * <ul>
 *   <li>five scales with weights (0.0448, 0.2856, 0.3001, 0.2363, 0.1333); at every scale the same SSIM as
 *       {@link SsimMetric} (Gaussian 11x11, sigma 1.5, valid region, K1 0.01, K2 0.03, data range L);</li>
 *   <li>scales 1-4 contribute the mean contrast-structure map cs = (2 cov + C2) / (vx + vy + C2), scale 5 the mean
 *       SSIM map (luminance included only there, alpha = beta = gamma = 1);</li>
 *   <li>negative means are clamped to 0 before the power (pytorch_msssim's relu), so any anti-correlated scale
 *       gives 0 instead of NaN;</li>
 *   <li>between scales a 2x2 average pool that pads an odd side with one zero at each end and divides by 4 anyway
 *       (F.avg_pool2d with padding = side % 2, count_include_pad); see {@link Resample#avgPool2};</li>
 *   <li>colour: the product is formed per channel, then averaged over channels;</li>
 *   <li>the shorter side (after crop) must exceed 160 px, as pytorch_msssim asserts, so that the fifth scale still
 *       holds an 11x11 window.</li>
 * </ul>
 * Other implementations (tf.image.ssim_multiscale, Wang's msssim.m) downsample differently between scales, so their
 * values can differ in the third or fourth decimal; the golden tests pin this one.
 */
public final class MsSsimMetric extends ImageQualityMetric {

    static final double[] WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};
    static final int MIN_SIDE_EXCLUSIVE = (SsimKernel.SIZE - 1) * 16;

    /**
     * @param channel   {@code rgb} (all channels as given) or {@code y} (BT.601 luma, see {@link Luma})
     * @param yRound    round Y to 8 bits (MATLAB on uint8 input)
     * @param crop      pixels shaved on each side
     * @param dataRange L, 255 for 8-bit images
     */
    public MsSsimMetric(String channel, boolean yRound, int crop, double dataRange) {
        super("ms_ssim", channel, yRound, crop, dataRange);
    }

    /** rgb, no crop, L = 255. */
    public MsSsimMetric() {
        this("rgb", false, 0, 255);
    }

    @Override
    void putMoreOptions(Map<String, Object> o) {
        o.put("window", ImageMetrics.SSIM_WINDOW);
        o.put("weights", List.of(0.0448, 0.2856, 0.3001, 0.2363, 0.1333));
        o.put("reference", ImageMetrics.MS_SSIM_REFERENCE);
    }

    @Override
    public Stats measure(FloatImage prediction, FloatImage target) {
        ImageMetricSupport.requireSameShape(prediction, target);
        FloatImage a = ImageMetricSupport.prepare(prediction, channel, yRound, crop);
        FloatImage b = ImageMetricSupport.prepare(target, channel, yRound, crop);
        if (Math.min(a.width(), a.height()) <= MIN_SIDE_EXCLUSIVE) {
            throw new IllegalArgumentException("ms_ssim needs both sides > " + MIN_SIDE_EXCLUSIVE + " px after crop (4 halvings"
                    + " must leave an 11x11 window), got " + a.width() + "x" + a.height());
        }
        double value = msSsim(a, b, dataRange);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("prediction or target contains NaN or infinite values");
        }
        return Stats.builder().put("ms_ssim_sum", value).put("n", 1).build();
    }

    static double msSsim(FloatImage a, FloatImage b, double dataRange) {
        int c = a.channels();
        double[] product = new double[c];
        java.util.Arrays.fill(product, 1.0);
        double[] s = new double[c];
        double[] cs = new double[c];
        for (int level = 0; level < WEIGHTS.length; level++) {
            boolean last = level == WEIGHTS.length - 1;
            SsimKernel.channelMeans(a, b, dataRange, s, last ? null : cs);
            double[] term = last ? s : cs;
            for (int ch = 0; ch < c; ch++) {
                product[ch] *= Math.pow(Math.max(term[ch], 0.0), WEIGHTS[level]);
            }
            if (!last) {
                a = Resample.avgPool2(a);
                b = Resample.avgPool2(b);
            }
        }
        double sum = 0;
        for (double v : product) {
            sum += v;
        }
        return sum / c;
    }

    @Override
    public MetricValues finish(Stats total) {
        double n = total.scalarOrZero("n");
        return MetricValues.of(new MetricValue("ms_ssim", n == 0 ? Double.NaN : total.scalar("ms_ssim_sum") / n, true));
    }
}
