package org.eibench.baselines;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eibench.metrics.FloatImage;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Low-light enhancement: an adaptive gamma, then CLAHE on the lightness. */
final class LowLightClahe extends ClassicalMethod {

    LowLightClahe() {
        super("clahe", "low-light enhancement: adaptive gamma, then CLAHE on Lab lightness", Set.of("restoration"),
                Set.of("clip", "tiles", "gamma"));
    }

    /**
     * Low light: gamma so that the mean lightness moves to mid grey (gamma = log(0.5) / log(mean), clamped to
     * [0.2, 1]; or the given gamma), then CLAHE (clip 2.0, 8x8 tiles) on the L channel of Lab.
     */
    @Override
    FloatImage apply(FloatImage im, Settings s) {
        Mat src = to8u(im);
        Mat f = new Mat();
        src.convertTo(f, CvType.CV_32F, 1 / 255.0);
        double mean = Core.mean(f).val[0];
        if (im.channels() == 3) {
            Scalar3 m = new Scalar3(Core.mean(f).val);
            mean = (m.a + m.b + m.c) / 3;
        }
        double gamma = s.has("gamma") ? s.number("gamma", 1)
                : Math.max(0.2, Math.min(1.0, Math.log(0.5) / Math.log(Math.max(1e-3, Math.min(0.999, mean)))));
        Mat lut = new Mat(1, 256, CvType.CV_8U);
        byte[] table = new byte[256];
        for (int v = 0; v < 256; v++) {
            table[v] = (byte) Math.round(255 * Math.pow(v / 255.0, gamma));
        }
        lut.put(0, 0, table);
        Mat g = new Mat();
        Core.LUT(src, lut, g);
        org.opencv.imgproc.CLAHE clahe = Imgproc.createCLAHE(s.number("clip", 2.0),
                new Size(s.number("tiles", 8), s.number("tiles", 8)));
        Mat out = new Mat();
        if (im.channels() == 1) {
            clahe.apply(g, out);
        } else {
            Mat lab = new Mat();
            Imgproc.cvtColor(g, lab, Imgproc.COLOR_RGB2Lab);
            List<Mat> ch = new ArrayList<>();
            Core.split(lab, ch);
            Mat l = new Mat();
            clahe.apply(ch.get(0), l);
            ch.set(0, l);
            Core.merge(ch, lab);
            Imgproc.cvtColor(lab, out, Imgproc.COLOR_Lab2RGB);
            lab.release();
        }
        FloatImage res = from(out);
        for (Mat m : List.of(src, f, lut, g, out)) {
            m.release();
        }
        return res;
    }

    private record Scalar3(double a, double b, double c) {
        Scalar3(double[] v) {
            this(v[0], v[1], v[2]);
        }
    }
}
