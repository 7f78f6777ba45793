package org.eibench.runtime.onnx;

import org.eibench.imaging.ColorConversions;
import org.eibench.imaging.Resize;
import org.eibench.metrics.FloatImage;

/**
 * A tensor's colour space ({@link ModelCard.Color}) applied to an RGB (or gray) image and undone on a model's output;
 * the conversions themselves are {@link ColorConversions}.
 */
final class ColorSpaces {

    private ColorSpaces() {
    }

    /** The image as the model's input planes (HWC with 1 or 3 channels). */
    static FloatImage convert(FloatImage im, ModelCard.Color color) {
        return switch (color) {
            case RGB -> ColorConversions.toRgb(im);
            case BGR -> ColorConversions.swapRedBlue(ColorConversions.toRgb(im));
            case GRAY -> im.channels() == 1 ? im : ColorConversions.rgbToGray(im);
            case Y -> im.channels() == 1 ? im : ColorConversions.rgbToYCrCb(im).channel(0);
        };
    }

    /**
     * The model's output planes back as an image shaped like the input: a Y output gets the input's chroma, resized
     * bicubically to the output size; gray output stays gray for gray input.
     */
    static FloatImage restore(FloatImage planes, ModelCard.Color color, FloatImage input, int w, int h) {
        return restore(planes, color, input, w, h, Resize.Method.BICUBIC);
    }

    /**
     * As {@link #restore(FloatImage, ModelCard.Color, FloatImage, int, int)}, with the interpolation of the chroma
     * planes for a Y output: OpenCV's dnn_superres resizes Cr/Cb bilinearly ({@code cv::resize} default).
     */
    static FloatImage restore(FloatImage planes, ModelCard.Color color, FloatImage input, int w, int h,
                              Resize.Method chroma) {
        return switch (color) {
            case RGB -> planes;
            case BGR -> ColorConversions.swapRedBlue(planes);
            case GRAY -> input.channels() == 1 ? planes : ColorConversions.grayToRgb(planes);
            case Y -> {
                if (input.channels() == 1) {
                    yield planes;
                }
                FloatImage ycc = Resize.to(ColorConversions.rgbToYCrCb(input), w, h, chroma);
                float[] d = ycc.data().clone();
                float[] y = planes.data();
                for (int i = 0; i < y.length; i++) {
                    d[i * 3] = y[i];
                }
                yield ColorConversions.yCrCbToRgb(new FloatImage(w, h, 3, d));
            }
        };
    }
}
