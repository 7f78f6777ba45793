package org.eibench.baselines;

import java.util.Set;

import org.eibench.metrics.FloatImage;
import org.opencv.core.Mat;
import org.opencv.photo.Photo;

/** Non-local means denoising; with no sigma setting the noise level is estimated from the image. */
final class NonLocalMeans extends ClassicalMethod {

    NonLocalMeans() {
        super("nlm", "non-local means denoising (OpenCV fastNlMeansDenoising[Colored]), h = sigma", Set.of("restoration"),
                Set.of("sigma", "h_factor"));
    }

    /**
     * Non-local means with h = h_factor * sigma (and hColor the same), templates 7x7, search 21x21 (OpenCV's
     * defaults). sigma comes from the settings, else it is estimated from the image (Immerkaer 1996). h = sigma
     * is the usual pairing for OpenCV's fast variant on 8-bit images (its h is in grey levels).
     */
    @Override
    FloatImage apply(FloatImage im, Settings s) {
        double sigma = s.has("sigma") ? s.number("sigma", 25) : estimateSigma(im);
        float h = (float) (s.number("h_factor", 1.0) * sigma);
        Mat src = to8u(im);
        Mat dst = new Mat();
        if (im.channels() == 1) {
            Photo.fastNlMeansDenoising(src, dst, h, 7, 21);
        } else {
            Photo.fastNlMeansDenoisingColored(src, dst, h, h, 7, 21);
        }
        FloatImage out = from(dst);
        src.release();
        dst.release();
        return out;
    }

    /**
     * Immerkaer's fast noise estimate: sigma = sqrt(pi/2) / (6 (W-2)(H-2)) * sum |I * N|, with N the difference
     * of two Laplacians ([1 -2 1; -2 4 -2; 1 -2 1]), on the luma.
     */
    static double estimateSigma(FloatImage im) {
        FloatImage g = im.channels() == 1 ? im : luma(im);
        int w = g.width();
        int h = g.height();
        if (w < 3 || h < 3) {
            return 0;
        }
        float[] d = g.data();
        double sum = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                double v = d[i - w - 1] - 2 * d[i - w] + d[i - w + 1]
                        - 2 * d[i - 1] + 4 * d[i] - 2 * d[i + 1]
                        + d[i + w - 1] - 2 * d[i + w] + d[i + w + 1];
                sum += Math.abs(v);
            }
        }
        return Math.sqrt(Math.PI / 2) * sum / (6.0 * (w - 2) * (h - 2));
    }
}
