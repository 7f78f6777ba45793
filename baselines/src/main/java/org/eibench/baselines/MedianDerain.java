package org.eibench.baselines;

import java.util.Set;

import org.eibench.metrics.FloatImage;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/** Deraining by a per-channel median filter. */
final class MedianDerain extends ClassicalMethod {

    MedianDerain() {
        super("median-derain", "median-filter deraining (removes thin rain streaks)", Set.of("restoration"), Set.of("ksize"));
    }

    /** Per-channel median filter (ksize 5 by default, odd): thin rain streaks are outliers in a 5x5 window. */
    @Override
    FloatImage apply(FloatImage im, Settings s) {
        int k = (int) s.number("ksize", 5);
        if (k < 3 || k % 2 == 0) {
            throw new IllegalArgumentException("ksize must be odd and at least 3");
        }
        Mat src = to8u(im);
        Mat dst = new Mat();
        Imgproc.medianBlur(src, dst, k);
        FloatImage out = from(dst);
        src.release();
        dst.release();
        return out;
    }
}
