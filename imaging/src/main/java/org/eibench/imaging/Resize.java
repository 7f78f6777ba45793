package org.eibench.imaging;

import org.eibench.metrics.FloatImage;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Resizing of predictions to the ground truth's geometry (DESIGN §6): bicubic for images, bilinear for continuous
 * maps, nearest for labels. OpenCV's kernels (bicubic a = -0.75, no antialiasing); MATLAB-compatible imresize for SR
 * baselines is a separate concern.
 */
public final class Resize {

    public enum Method {
        NEAREST(Imgproc.INTER_NEAREST), BILINEAR(Imgproc.INTER_LINEAR), BICUBIC(Imgproc.INTER_CUBIC), AREA(Imgproc.INTER_AREA);

        final int flag;

        Method(int flag) {
            this.flag = flag;
        }
    }

    private Resize() {
    }

    public static FloatImage to(FloatImage image, int width, int height, Method method) {
        if (image.width() == width && image.height() == height) {
            return image;
        }
        Mat src = ImageFiles.toMat(image);
        Mat dst = new Mat();
        Imgproc.resize(src, dst, new Size(width, height), 0, 0, method.flag);
        FloatImage out = ImageFiles.fromFloatMat(dst);
        src.release();
        dst.release();
        return out;
    }
}
