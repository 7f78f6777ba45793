package org.eibench.runtime.onnx;

import org.eibench.metrics.FloatImage;
import org.eibench.imaging.ImageFiles;
import org.eibench.imaging.Resize;
import org.opencv.core.Core;
import org.opencv.core.Mat;

/** A card's input geometry: fit to a fixed size, pad to a multiple, and crop the output back to the unpadded extent. */
final class InputGeometry {

    private InputGeometry() {
    }

    /** FIXED size: stretch to width x height, or cover (resize the shorter side) and centre-crop; else as is. */
    static FloatImage fit(FloatImage im, ModelCard.SizeSpec s) {
        if (s.mode() != ModelCard.SizeMode.FIXED) {
            return im;
        }
        if ("stretch".equals(s.fit())) {
            return resize(im, s.width(), s.height(), s.interpolation());
        }
        double scale = Math.max((double) s.width() / im.width(), (double) s.height() / im.height());
        int rw = Math.max(s.width(), (int) Math.round(im.width() * scale));
        int rh = Math.max(s.height(), (int) Math.round(im.height() * scale));
        FloatImage r = resize(im, rw, rh, s.interpolation());
        int left = (int) Math.round((rw - s.width()) / 2.0);
        int top = (int) Math.round((rh - s.height()) / 2.0);
        return crop(r, left, top, s.width(), s.height());
    }

    private static FloatImage resize(FloatImage im, int w, int h, String interpolation) {
        if (im.width() == w && im.height() == h) {
            return im;
        }
        return switch (interpolation) {
            case "bicubic" -> Resize.to(im, w, h, Resize.Method.BICUBIC);
            case "area" -> Resize.to(im, w, h, Resize.Method.AREA);
            default -> Resize.to(im, w, h, Resize.Method.BILINEAR);
        };
    }

    static FloatImage crop(FloatImage im, int x0, int y0, int w, int h) {
        int c = im.channels();
        float[] d = new float[w * h * c];
        for (int y = 0; y < h; y++) {
            System.arraycopy(im.data(), ((y0 + y) * im.width() + x0) * c, d, y * w * c, w * c);
        }
        return new FloatImage(w, h, c, d);
    }

    /** Reflect padding (x[-i] = x[i], numpy's 'reflect', OpenCV's BORDER_REFLECT_101) at the bottom and right. */
    static FloatImage padToMultiple(FloatImage im, int m) {
        int pw = (m - im.width() % m) % m;
        int ph = (m - im.height() % m) % m;
        if (pw == 0 && ph == 0) {
            return im;
        }
        Mat src = ImageFiles.toMat(im);
        Mat dst = new Mat();
        // OpenCV's reflect needs the pad to be smaller than the image; tiny images fall back to edge replication.
        int border = pw < im.width() && ph < im.height() ? Core.BORDER_REFLECT_101 : Core.BORDER_REPLICATE;
        Core.copyMakeBorder(src, dst, 0, ph, 0, pw, border);
        FloatImage o = ImageFiles.fromFloatMat(dst);
        src.release();
        dst.release();
        return o;
    }

    /** Output planes of a padded input, cropped to the unpadded input's extent times the model's scale. */
    static FloatImage cropBack(FloatImage out, FloatImage paddedIn, int w, int h) {
        if (paddedIn.width() == w && paddedIn.height() == h) {
            return out;
        }
        double sx = (double) out.width() / paddedIn.width();
        double sy = (double) out.height() / paddedIn.height();
        return crop(out, 0, 0, Math.max(1, (int) Math.round(w * sx)), Math.max(1, (int) Math.round(h * sy)));
    }
}
