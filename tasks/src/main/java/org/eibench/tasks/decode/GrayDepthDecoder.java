package org.eibench.tasks.decode;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eibench.imaging.ColorConversions;
import org.eibench.metrics.FloatImage;

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
 *
 * <p>{@code mode: instruction} decodes each sample by the convention its own instruction states ({@link
 * DepthPolarity}), and by {@code fallback} where the wording is unclear. With a fixed mode, a sample whose instruction
 * states the opposite convention gets the note {@value #OPPOSITE_NOTE}.
 *
 * <p>Painter's order ({@code resize: torch-bilinear}, eval/nyuv2_depth/painter_inference_depth.py lines 70-72): each
 * channel becomes depth first, g (range in mm) clipped to [0, range], then the channels are resized with torch's
 * bilinear interpolation ({@link TorchBilinear}) to the ground truth's size and averaged; {@code truncate: mm} then
 * cuts the depth to whole millimetres ({@code .int()}, line 72), which Painter saves as a uint16 PNG and BTS's
 * eval_with_pngs.py reads back as float32 millimetres / 1000 (line 100): exactly what this decoder returns.
 */
final class GrayDepthDecoder extends AbstractDecoder {

    /** Key of the per-sample note: the instruction states the convention opposite to the decoder's. */
    static final String OPPOSITE_NOTE = "instruction_opposite_convention";

    /** How the output is brought to the ground truth's size. */
    enum Resize {
        /** The gray map (channel mean) resized with OpenCV's bilinear interpolation. */
        OPENCV("opencv"),
        /** Painter: depth per channel, torch bilinear (align_corners=False, float64), then the channel mean. */
        TORCH_BILINEAR("torch-bilinear");

        final String key;

        Resize(String key) {
            this.key = key;
        }
    }

    private final DepthPolarity mode;
    private final DepthPolarity fallback;
    private final double range;
    private final String align;
    private final Resize resize;
    private final boolean truncateMm;

    GrayDepthDecoder(boolean nearBright, double range, String align, int bitDepth) {
        this(nearBright ? DepthPolarity.NEAR_BRIGHT : DepthPolarity.FAR_BRIGHT, null, range, align, bitDepth, Resize.OPENCV, false);
    }

    /**
     * @param mode       the convention, or null for {@code mode: instruction}
     * @param fallback   the convention of a sample whose instruction states none (mode instruction only)
     * @param truncateMm cut depth to whole millimetres, as Painter's {@code .int()} on millimetres
     */
    GrayDepthDecoder(DepthPolarity mode, DepthPolarity fallback, double range, String align, int bitDepth, Resize resize,
                     boolean truncateMm) {
        super("gray-depth", FloatImage.class, bitDepth);
        this.mode = mode;
        this.fallback = fallback;
        this.range = range;
        this.align = align;
        this.resize = resize;
        this.truncateMm = truncateMm;
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", mode == null ? "instruction" : mode.key());
        if (mode == null) {
            m.put("fallback", fallback.key());
        }
        m.put("range", range);
        m.put("align", align);
        m.put("bit_depth", bitDepth);
        m.put("resize", resize.key);
        m.put("truncate", truncateMm ? "mm" : "none");
        return m;
    }

    /** The convention a sample is decoded by: the fixed mode, or its instruction's (else the fallback). */
    DepthPolarity polarity(Map<String, Object> meta) {
        if (mode != null) {
            return mode;
        }
        DepthPolarity stated = DepthPolarity.of(instruction(meta));
        return stated != null ? stated : fallback;
    }

    private static String instruction(Map<String, Object> meta) {
        Object v = meta == null ? null : meta.get(Decoder.INSTRUCTION);
        return v instanceof String s ? s : null;
    }

    @Override
    public Map<String, String> notes(Map<String, Object> meta) {
        DepthPolarity stated = DepthPolarity.of(instruction(meta));
        if (mode == null || stated == null || stated == mode) {
            return Map.of();
        }
        return Map.of(OPPOSITE_NOTE, "the instruction states " + stated.key() + "; decoded " + mode.key());
    }

    @Override
    public Object decode(FloatImage output, FloatImage input, Object target) {
        return decode(output, input, target, Map.of());
    }

    @Override
    public Object decode(FloatImage output, FloatImage input, Object target, Map<String, Object> meta) {
        FloatImage t = (FloatImage) target;
        boolean nearBright = polarity(meta) == DepthPolarity.NEAR_BRIGHT;
        if (resize == Resize.TORCH_BILINEAR) {
            return painter(output, t, nearBright);
        }
        FloatImage g = org.eibench.imaging.Resize.to(Maps.gray01(output, Maps.maxValue(bitDepth)), t.width(), t.height(),
                org.eibench.imaging.Resize.Method.BILINEAR);
        float[] gv = g.data();
        float[] out = new float[gv.length];
        switch (align) {
            case "none" -> {
                for (int i = 0; i < gv.length; i++) {
                    double d = range * (nearBright ? 1 - gv[i] : gv[i]);
                    out[i] = truncateMm ? wholeMm(d * 1000) : (float) d;
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

    /** Metres from millimetres cut to whole ones, as BTS reads Painter's uint16 PNG: float32(mm) / 1000. */
    private static float wholeMm(double mm) {
        return (float) (long) mm / 1000f;
    }

    /**
     * Painter's order: per channel d = range g (far-bright) or range (1 - g), in millimetres when truncating, clipped
     * to [0, range]; torch bilinear to the target size; the channel mean ((c0 + c1) + c2) / 3 as torch's sum then
     * divide; then whole millimetres.
     */
    private FloatImage painter(FloatImage output, FloatImage t, boolean nearBright) {
        double max = Maps.maxValue(bitDepth);
        double full = truncateMm ? range * 1000 : range;
        int c = output.channels();
        float[] s = output.data();
        double[] d = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            double g = s[i] / max;
            double v = (nearBright ? 1 - g : g) * full;
            d[i] = v < 0 ? 0 : v > full ? full : v;
        }
        double[] r = TorchBilinear.resize(d, output.width(), output.height(), c, t.width(), t.height());
        float[] out = new float[t.pixels()];
        for (int p = 0; p < out.length; p++) {
            double sum = 0;
            for (int k = 0; k < c; k++) {
                sum += r[p * c + k];
            }
            double mean = sum / c;
            out[p] = truncateMm ? wholeMm(mean) : (float) mean;
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
        return encode(target, null, Map.of());
    }

    @Override
    public FloatImage encode(Object target, FloatImage input, Map<String, Object> meta) {
        boolean nearBright = polarity(meta) == DepthPolarity.NEAR_BRIGHT;
        FloatImage t = (FloatImage) target;
        double max = Maps.maxValue(bitDepth);
        float[] d = new float[t.pixels()];
        for (int i = 0; i < d.length; i++) {
            double g = Math.min(1, Math.max(0, t.data()[i] / range));
            d[i] = Maps.clamp((nearBright ? 1 - g : g) * max, max);
        }
        return ColorConversions.grayToRgb(new FloatImage(t.width(), t.height(), 1, d));
    }
}
