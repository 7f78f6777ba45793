package org.eibench.imaging;

import org.eibench.metrics.FloatImage;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * Colour conversions on images in 0..255 units (HWC, RGB channel order). Gray and Y/Cr/Cb are OpenCV's: RGB2GRAY and
 * full-range BT.601 (COLOR_RGB2YCrCb), the conversions OpenCV's dnn_superres applies before ESPCN/FSRCNN.
 */
public final class ColorConversions {

    private ColorConversions() {
    }

    /** A three-channel image as it is; a one-channel image with its plane copied into R, G and B. */
    public static FloatImage toRgb(FloatImage im) {
        return im.channels() == 3 ? im : grayToRgb(im);
    }

    /** The one plane of a gray image copied into R, G and B. */
    public static FloatImage grayToRgb(FloatImage gray) {
        if (gray.channels() != 1) {
            throw new IllegalArgumentException("gray to RGB needs one channel, got " + gray.channels());
        }
        float[] s = gray.data();
        float[] d = new float[s.length * 3];
        for (int i = 0; i < s.length; i++) {
            d[3 * i] = s[i];
            d[3 * i + 1] = s[i];
            d[3 * i + 2] = s[i];
        }
        return new FloatImage(gray.width(), gray.height(), 3, d);
    }

    /** R and B exchanged (RGB to BGR and back). */
    public static FloatImage swapRedBlue(FloatImage im) {
        float[] d = im.data().clone();
        for (int i = 0; i < d.length; i += 3) {
            float t = d[i];
            d[i] = d[i + 2];
            d[i + 2] = t;
        }
        return new FloatImage(im.width(), im.height(), 3, d);
    }

    /** OpenCV's RGB2GRAY (0.299 R + 0.587 G + 0.114 B), one channel. */
    public static FloatImage rgbToGray(FloatImage rgb) {
        return cvt(rgb, Imgproc.COLOR_RGB2GRAY);
    }

    /** Y, Cr, Cb planes (in that order) of an RGB image, in float precision. */
    public static FloatImage rgbToYCrCb(FloatImage rgb) {
        return cvt(rgb, Imgproc.COLOR_RGB2YCrCb);
    }

    /** The inverse of {@link #rgbToYCrCb}. */
    public static FloatImage yCrCbToRgb(FloatImage ycrcb) {
        return cvt(ycrcb, Imgproc.COLOR_YCrCb2RGB);
    }

    private static FloatImage cvt(FloatImage im, int code) {
        Mat src = ImageFiles.toMat(im);
        Mat dst = new Mat();
        // OpenCV's float conversions expect [0, 1] for YCrCb offsets; scale to keep 0..255 semantics.
        Mat unit = new Mat();
        src.convertTo(unit, src.type(), 1.0 / 255.0);
        Imgproc.cvtColor(unit, dst, code);
        Mat back = new Mat();
        dst.convertTo(back, dst.type(), 255.0);
        FloatImage out = ImageFiles.fromFloatMat(back);
        src.release();
        dst.release();
        unit.release();
        back.release();
        return out;
    }
}
