package org.eibench.baselines;

import java.util.Set;

import org.eibench.metrics.FloatImage;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Canny edges as the edge task's prediction and as the condition of Canny-to-image. */
final class CannyEdgeMap extends ClassicalMethod {

    CannyEdgeMap() {
        super("canny", "Canny edges (thresholds 100/200 as ControlNet's detector), white on black", Set.of("edges"),
                Set.of("low", "high", "blur"));
    }

    /**
     * Canny on the 8-bit image (OpenCV uses the strongest channel's gradient for colour input, as ControlNet's
     * CannyDetector calls it), thresholds 100/200, optional Gaussian blur first; one channel, 0 or 255.
     */
    @Override
    FloatImage apply(FloatImage im, Settings s) {
        Mat src = to8u(im);
        int blur = (int) s.number("blur", 0);
        if (blur > 0) {
            Imgproc.GaussianBlur(src, src, new Size(blur | 1, blur | 1), 0);
        }
        Mat dst = new Mat();
        Imgproc.Canny(src, dst, s.number("low", 100), s.number("high", 200));
        FloatImage out = from(dst);
        src.release();
        dst.release();
        return out;
    }
}
