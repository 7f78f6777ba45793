package org.eibench.runtime.onnx;

import java.util.List;

import org.eibench.metrics.FloatImage;
import org.eibench.imaging.ImageFiles;
import org.eibench.imaging.Resize;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * The colour handling of OpenCV's dnn_superres models (cards with {@code chroma: dnn_superres}): the network sees the
 * 8-bit Y of YCrCb and its output Y is merged with the input's chroma exactly as dnn_superres does, so outputs match
 * OpenCV's to the byte.
 */
final class DnnSuperRes {

    private DnnSuperRes() {
    }

    /** OpenCV's 8-bit RGB -> YCrCb (fixed-point, rounded), as float values 0..255. */
    static FloatImage ycrcb8(FloatImage rgb) {
        return convert8(rgb, Imgproc.COLOR_RGB2YCrCb);
    }

    /**
     * OpenCV dnn_superres's {@code reconstruct_YCrCb}: the input's 8-bit YCrCb chroma resized bilinearly, merged with
     * the output Y, converted to 8 bits, then 8-bit YCrCb -> RGB (opencv_contrib modules/dnn_superres).
     */
    static FloatImage merge(FloatImage y, FloatImage input) {
        FloatImage ycc = Resize.to(ycrcb8(input), y.width(), y.height(), Resize.Method.BILINEAR);
        float[] d = ycc.data().clone();
        for (int i = 0; i < y.pixels(); i++) {
            d[3 * i] = y.data()[i];
        }
        return convert8(new FloatImage(y.width(), y.height(), 3, d), Imgproc.COLOR_YCrCb2RGB);
    }

    /** A three-channel image rounded to 8 bits, converted with the OpenCV colour code, back as float values 0..255. */
    private static FloatImage convert8(FloatImage im, int code) {
        Mat f = ImageFiles.toMat(im);
        Mat u = new Mat();
        f.convertTo(u, CvType.CV_8UC3);
        Mat converted = new Mat();
        Imgproc.cvtColor(u, converted, code);
        Mat back = new Mat();
        converted.convertTo(back, CvType.CV_32FC3);
        FloatImage out = ImageFiles.fromFloatMat(back);
        for (Mat m : List.of(f, u, converted, back)) {
            m.release();
        }
        return out;
    }
}
