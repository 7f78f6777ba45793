package org.eibench.metrics.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eibench.metrics.AbstractMetric;
import org.eibench.metrics.FloatImage;
import org.eibench.metrics.GenerationTarget;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;

/**
 * PSNR, SSIM and L1 inside and outside the mask of an inpainting or outpainting sample, per image, then the mean over
 * images. Inside ({@code hole_*}) is the region the model generated; outside ({@code preserve_*}) is what it was
 * given, where a perfect model keeps the input, so those values measure preservation.
 * <ul>
 *   <li>PSNR: 10 log10(L^2 / MSE) over the region's pixels and channels; MSE 0 is capped at {@code cap} dB (100) and
 *   counted, as {@link PsnrMetric}.</li>
 *   <li>SSIM: the SSIM map of {@link SsimMetric} (11x11 Gaussian, sigma 1.5, valid region, per channel) averaged over
 *   the positions whose window centre lies in the region, then over channels. Windows near the mask's edge see both
 *   regions; that is the usual masked-SSIM compromise and is why a perfect hole next to a damaged border can score
 *   below 1.</li>
 *   <li>L1: mean |prediction - target| / L over the region's pixels and channels (0 = equal, in [0, 1] for 8-bit
 *   images), lower is better.</li>
 * </ul>
 * A value is left out for an image whose region is empty (or, for SSIM, holds no window centre); the notes count such
 * images.
 */
public final class MaskedFidelityMetric extends AbstractMetric<FloatImage, GenerationTarget> {

    private static final String[] REGIONS = {"hole", "preserve"};
    private static final String[] MEASURES = {"psnr", "ssim", "l1"};

    private final double dataRange;
    private final double cap;

    public MaskedFidelityMetric(double dataRange, double cap) {
        super("masked_fidelity", FloatImage.class, GenerationTarget.class);
        if (!(dataRange > 0) || Double.isInfinite(dataRange) || !(cap > 0) || Double.isInfinite(cap)) {
            throw new IllegalArgumentException("masked_fidelity needs a finite data_range > 0 and a finite cap > 0");
        }
        this.dataRange = dataRange;
        this.cap = cap;
    }

    public MaskedFidelityMetric() {
        this(255, 100);
    }

    @Override
    protected void putOptions(Map<String, Object> o) {
        o.put("data_range", dataRange);
        o.put("cap", cap);
        o.put("ssim", "mean of the map over window centres in the region");
    }

    @Override
    public Stats measure(FloatImage prediction, GenerationTarget target) {
        FloatImage t = target.image();
        FloatImage mask = target.mask();
        if (mask == null) {
            throw new IllegalArgumentException("masked_fidelity needs a task whose input is made with a mask (inpaint or outpaint)");
        }
        ImageMetricSupport.requireSameShape(prediction, t);
        int ch = t.channels();
        int w = t.width();
        int h = t.height();
        float[] p = prediction.data();
        float[] g = t.data();
        float[] m = mask.data();
        double[] sq = new double[2];
        double[] abs = new double[2];
        long[] pixels = new long[2];
        for (int i = 0; i < w * h; i++) {
            int region = m[i] > 0.5f ? 0 : 1;
            pixels[region]++;
            for (int c = 0; c < ch; c++) {
                double d = (double) p[i * ch + c] - g[i * ch + c];
                sq[region] += d * d;
                abs[region] += Math.abs(d);
            }
        }
        if (!Double.isFinite(sq[0] + sq[1])) {
            throw new IllegalArgumentException("prediction or target contains NaN or infinite values");
        }
        double[] ssimSum = new double[2];
        long[] centres = new long[2];
        double[][] map = SsimMap.of(prediction, t, dataRange);
        int r = SsimKernel.RADIUS;
        int ow = w - 2 * r;
        int oh = h - 2 * r;
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int region = m[(y + r) * w + x + r] > 0.5f ? 0 : 1;
                centres[region]++;
                double s = 0;
                for (int c = 0; c < ch; c++) {
                    s += map[c][y * ow + x];
                }
                ssimSum[region] += s / ch;
            }
        }
        Stats.Builder b = Stats.builder();
        for (int k = 0; k < 2; k++) {
            String reg = REGIONS[k];
            boolean any = pixels[k] > 0;
            double mse = any ? sq[k] / ((double) pixels[k] * ch) : 0;
            boolean capped = any && mse == 0;
            double psnr = !any ? 0 : capped ? cap : Math.min(cap, 10 * Math.log10(dataRange * dataRange / mse));
            b.put(reg + "_psnr_sum", psnr).put(reg + "_psnr_n", any ? 1 : 0).put(reg + "_capped", capped ? 1 : 0);
            b.put(reg + "_ssim_sum", centres[k] > 0 ? ssimSum[k] / centres[k] : 0).put(reg + "_ssim_n", centres[k] > 0 ? 1 : 0);
            b.put(reg + "_l1_sum", any ? abs[k] / ((double) pixels[k] * ch * dataRange) : 0).put(reg + "_l1_n", any ? 1 : 0);
            b.put(reg + "_fraction_sum", (double) pixels[k] / ((double) w * h));
        }
        return b.put("n", 1).build();
    }

    @Override
    public MetricValues finish(Stats total) {
        List<MetricValue> values = new ArrayList<>();
        Map<String, Object> notes = new LinkedHashMap<>();
        double n = total.scalarOrZero("n");
        for (String reg : REGIONS) {
            for (String meas : MEASURES) {
                double k = total.scalarOrZero(reg + "_" + meas + "_n");
                double v = k == 0 ? Double.NaN : total.scalar(reg + "_" + meas + "_sum") / k;
                values.add(new MetricValue(reg + "_" + meas, v, !meas.equals("l1")));
                if (k < n) {
                    notes.put(reg + "_" + meas + "_images_without_region", (long) (n - k));
                }
            }
            notes.put(reg + "_capped_images", (long) total.scalarOrZero(reg + "_capped"));
            if (n > 0) {
                notes.put(reg + "_mean_area_fraction", total.scalar(reg + "_fraction_sum") / n);
            }
        }
        notes.put("cap_db", cap);
        return new MetricValues(values, notes);
    }
}
