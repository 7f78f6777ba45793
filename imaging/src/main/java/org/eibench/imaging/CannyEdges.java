package org.eibench.imaging;

import org.eibench.metrics.FloatImage;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * OpenCV's Canny as ControlNet++ calls it for its Canny condition and for the controllability score
 * ({@code eval/eval.py} lines 182-187 and 233-234: {@code cv2.Canny(bgr_uint8, 100, 200)}): the image rounded to
 * 8 bits, colour in BGR order (OpenCV takes each pixel's gradient from its strongest channel, and the order decides
 * ties), aperture 3, L1 gradient. One channel, 0 or 255.
 */
public final class CannyEdges {

    private CannyEdges() {
    }

    public static FloatImage of(FloatImage image, double low, double high) {
        if (image.channels() != 1 && image.channels() != 3) {
            throw new IllegalArgumentException("Canny needs a 1- or 3-channel image, got " + image.shape());
        }
        Mat f = ImageFiles.toMat(image.quantized8());
        Mat u8 = new Mat();
        f.convertTo(u8, CvType.makeType(CvType.CV_8U, image.channels()));
        Mat src = u8;
        if (image.channels() == 3) {
            src = new Mat();
            Imgproc.cvtColor(u8, src, Imgproc.COLOR_RGB2BGR);
        }
        Mat edges = new Mat();
        Imgproc.Canny(src, edges, low, high);
        byte[] b = new byte[image.pixels()];
        edges.get(0, 0, b);
        float[] out = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xff;
        }
        f.release();
        u8.release();
        src.release();
        edges.release();
        return new FloatImage(image.width(), image.height(), 1, out);
    }
}
