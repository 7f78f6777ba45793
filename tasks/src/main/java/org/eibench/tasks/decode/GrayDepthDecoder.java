package org.eibench.tasks.decode;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.runtime.image.Resize;

/**
 * Depth drawn as a gray image, as UVT and Painter output it: g = mean(RGB) / max in [0, 1], resized bilinearly to the
 * ground truth, then
 * <ul>
 *   <li>{@code align: none}: depth = range * g ({@code far-bright}) or range * (1 - g) ({@code near-bright}: lighter is
 *   closer, UVT's NYUv2 convention);</li>
 *   <li>{@code align: lstsq}: depth = s g + t with s, t the least-squares fit to the valid ground truth (Marigold's
 *   affine-invariant protocol; the mode does not matter since s may be negative);</li>
 *   <li>{@code align: lstsq-disparity}: 1 / depth = s g + t fitted to 1 / gt (for models whose gray is disparity-like),
 *   disparity clamped at 1 / (10 range).</li>
 * </ul>
 * The oracle encodes depth as the mode says; an 8-bit gray image has 256 levels, so the oracle's error is up to
 * range / 510 (2 cm for 10 m) unless {@code bit_depth: 16} or an aligned mode is used; this is the gray protocol's own
 * precision, not a bug.
 */
final class GrayDepthDecoder implements Decoder {

    private final boolean nearBright;
    private final double range;
    private final String align;
    private final int bitDepth;

    GrayDepthDecoder(boolean nearBright, double range, String align, int bitDepth) {
        this.nearBright = nearBright;
        this.range = range;
        this.align = align;
        this.bitDepth = bitDepth;
    }

    @Override
    public String type() {
        return "gray-depth";
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", nearBright ? "near-bright" : "far-bright");
        m.put("range", range);
        m.put("align", align);
        m.put("bit_depth", bitDepth);
        return m;
    }

    @Override
    public Class<?> predictionType() {
        return FloatImage.class;
    }

    @Override
    public int outputBitDepth() {
        return bitDepth;
    }

    @Override
    public Object decode(FloatImage output, FloatImage input, Object target) {
        FloatImage t = (FloatImage) target;
        FloatImage g = Resize.to(Maps.gray01(output, Maps.maxValue(bitDepth)), t.width(), t.height(), Resize.Method.BILINEAR);
        float[] gv = g.data();
        float[] out = new float[gv.length];
        switch (align) {
            case "none" -> {
                for (int i = 0; i < gv.length; i++) {
                    out[i] = (float) (range * (nearBright ? 1 - gv[i] : gv[i]));
                }
            }
            case "lstsq" -> {
                double[] st = fit(gv, t.data(), false);
                for (int i = 0; i < gv.length; i++) {
                    out[i] = (float) Math.max(0, st[0] * gv[i] + st[1]);
                }
            }
            default -> {
                double[] st = fit(gv, t.data(), true);
                double minDisp = 1 / (10 * range);
                for (int i = 0; i < gv.length; i++) {
                    out[i] = (float) (1 / Math.max(minDisp, st[0] * gv[i] + st[1]));
                }
            }
        }
        return new FloatImage(t.width(), t.height(), 1, out);
    }

    /** Least squares y = s x + t over valid ground truth (gt > 0), y = gt or 1 / gt. */
    static double[] fit(float[] x, float[] gt, boolean disparity) {
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < x.length; i++) {
            if (gt[i] > 0 && Float.isFinite(gt[i])) {
                double y = disparity ? 1.0 / gt[i] : gt[i];
                n++;
                sx += x[i];
                sy += y;
                sxx += (double) x[i] * x[i];
                sxy += x[i] * y;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no valid ground-truth depth to align to");
        }
        double det = n * sxx - sx * sx;
        if (Math.abs(det) < 1e-12) {
            return new double[] {0, sy / n}; // a constant prediction: the best fit is the mean
        }
        double s = (n * sxy - sx * sy) / det;
        return new double[] {s, (sy - s * sx) / n};
    }

    @Override
    public FloatImage encode(Object target) {
        FloatImage t = (FloatImage) target;
        double max = Maps.maxValue(bitDepth);
        float[] d = new float[t.pixels()];
        for (int i = 0; i < d.length; i++) {
            double g = Math.min(1, Math.max(0, t.data()[i] / range));
            d[i] = Maps.clamp((nearBright ? 1 - g : g) * max, max);
        }
        return Maps.gray3(new FloatImage(t.width(), t.height(), 1, d));
    }
}
