package org.eibench.harness.run;

import org.eibench.metrics.FloatImage;
import org.eibench.runtime.image.ImageFiles;
import org.eibench.runtime.image.OpenCvLoader;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Encodes saved predictions. Same pixels as {@link ImageFiles#encodePng8}/{@code encodePng16} (the input is already
 * quantised, so conversion is exact), but zlib level 1: writing the PNG was the largest part of the scoring stage
 * (bench/runner-throughput.sh), and level 1 costs a few percent in size for several times the speed.
 */
final class PredictionPng {

    static final int COMPRESSION = 1;

    private PredictionPng() {
    }

    static byte[] encode(FloatImage image, int bits) {
        OpenCvLoader.ensureLoaded();
        int depth = bits == 8 ? CvType.CV_8U : CvType.CV_16U;
        Mat f = ImageFiles.toMat(image);
        Mat q = new Mat();
        Mat bgr = new Mat();
        MatOfByte out = new MatOfByte();
        try {
            f.convertTo(q, CvType.makeType(depth, image.channels()));
            if (image.channels() == 3) {
                Imgproc.cvtColor(q, bgr, Imgproc.COLOR_RGB2BGR);
            } else {
                q.copyTo(bgr);
            }
            Imgcodecs.imencode(".png", bgr, out, new MatOfInt(Imgcodecs.IMWRITE_PNG_COMPRESSION, COMPRESSION));
            return out.toArray();
        } finally {
            f.release();
            q.release();
            bgr.release();
            out.release();
        }
    }
}
