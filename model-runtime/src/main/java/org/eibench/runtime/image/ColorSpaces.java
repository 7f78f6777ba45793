package org.eibench.runtime.image;

import org.eibench.metrics.FloatImage;
import org.eibench.runtime.onnx.ModelCard;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * Conversions between an RGB (or gray) image and a model's tensor colour space. Y/Cr/Cb are OpenCV's full-range
 * BT.601 (COLOR_RGB2YCrCb), as OpenCV's dnn_superres feeds ESPCN/FSRCNN; gray is OpenCV's RGB2GRAY.
 */
public final class ColorSpaces {

    private ColorSpaces() {
    }

    /** The image as the model's input planes (HWC with 1 or 3 channels). */
    public static FloatImage convert(FloatImage im, ModelCard.Color color) {
        return switch (color) {
            case RGB -> im.channels() == 3 ? im : gray2rgb(im);
            case BGR -> swapRb(im.channels() == 3 ? im : gray2rgb(im));
            case GRAY -> im.channels() == 1 ? im : cvt(im, Imgproc.COLOR_RGB2GRAY);
            case Y -> im.channels() == 1 ? im : cvt(im, Imgproc.COLOR_RGB2YCrCb).channel(0);
        };
    }

    /**
     * The model's output planes back as an image shaped like the input: a Y output gets the input's chroma, resized
     * bicubically to the output size; gray output stays gray for gray input.
     */
    public static FloatImage restore(FloatImage planes, ModelCard.Color color, FloatImage input, int w, int h) {
        return restore(planes, color, input, w, h, Resize.Method.BICUBIC);
    }

    /**
     * As {@link #restore(FloatImage, ModelCard.Color, FloatImage, int, int)}, with the interpolation of the chroma
     * planes for a Y output: OpenCV's dnn_superres resizes Cr/Cb bilinearly ({@code cv::resize} default).
     */
    public static FloatImage restore(FloatImage planes, ModelCard.Color color, FloatImage input, int w, int h,
                                     Resize.Method chroma) {
        return switch (color) {
            case RGB -> planes;
            case BGR -> swapRb(planes);
            case GRAY -> input.channels() == 1 ? planes : gray2rgb(planes);
            case Y -> {
                if (input.channels() == 1) {
                    yield planes;
                }
                FloatImage ycc = Resize.to(cvt(input, Imgproc.COLOR_RGB2YCrCb), w, h, chroma);
                float[] d = ycc.data().clone();
                float[] y = planes.data();
                for (int i = 0; i < y.length; i++) {
                    d[i * 3] = y[i];
                }
                yield cvt(new FloatImage(w, h, 3, d), Imgproc.COLOR_YCrCb2RGB);
            }
        };
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

    private static FloatImage gray2rgb(FloatImage g) {
        float[] d = new float[g.pixels() * 3];
        float[] s = g.data();
        for (int i = 0; i < s.length; i++) {
            d[3 * i] = s[i];
            d[3 * i + 1] = s[i];
            d[3 * i + 2] = s[i];
        }
        return new FloatImage(g.width(), g.height(), 3, d);
    }

    private static FloatImage swapRb(FloatImage im) {
        float[] d = im.data().clone();
        for (int i = 0; i < d.length; i += 3) {
            float t = d[i];
            d[i] = d[i + 2];
            d[i + 2] = t;
        }
        return new FloatImage(im.width(), im.height(), 3, d);
    }
}
