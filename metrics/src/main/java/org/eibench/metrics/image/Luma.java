package org.eibench.metrics.image;

import org.eibench.metrics.FloatImage;

/**
 * BT.601 luma as MATLAB {@code rgb2ycbcr} computes it on {@code im2double} input, scaled back to 0..255:
 * Y = 16 + (65.481 R + 128.553 G + 24.966 B) / 255 for R, G, B in 0..255. This is the convention of the RCAN/EDSR
 * MATLAB scripts and of BasicSR's {@code to_y_channel} (basicsr/utils/color_util.py: {@code bgr2ycbcr} on [0, 1] input,
 * no rounding). With {@code round}, Y is rounded to 8 bits as MATLAB does for uint8 input: half away from zero
 * (MATLAB {@code round}), not Java's half-even {@code Math.rint}.
 * A single-channel image is taken to be luma already.
 */
public final class Luma {

    private Luma() {
    }

    public static FloatImage y(FloatImage rgb, boolean round) {
        if (rgb.channels() == 1) {
            return rgb;
        }
        if (rgb.channels() != 3) {
            throw new IllegalArgumentException("luma needs a 1- or 3-channel image, got " + rgb.shape());
        }
        float[] in = rgb.data();
        float[] out = new float[rgb.pixels()];
        for (int i = 0, j = 0; i < out.length; i++, j += 3) {
            out[i] = (float) y(in[j], in[j + 1], in[j + 2], round);
        }
        return new FloatImage(rgb.width(), rgb.height(), 1, out);
    }

    /** Y of one pixel in double precision (R, G, B on 0..255). */
    static double y(double r, double g, double b, boolean round) {
        double y = 16.0 + (65.481 * r + 128.553 * g + 24.966 * b) / 255.0;
        return round ? matlabRound(y) : y;
    }

    /** MATLAB {@code round}: half away from zero. */
    static double matlabRound(double v) {
        return v < 0 ? -Math.floor(-v + 0.5) : Math.floor(v + 0.5);
    }
}
