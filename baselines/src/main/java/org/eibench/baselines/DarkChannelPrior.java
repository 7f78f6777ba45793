package org.eibench.baselines;

import java.util.List;
import java.util.Set;

import org.eibench.imaging.ColorConversions;
import org.eibench.metrics.FloatImage;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Dehazing by the dark channel prior, the transmission refined with a guided filter. */
final class DarkChannelPrior extends ClassicalMethod {

    DarkChannelPrior() {
        super("dcp", "dark channel prior dehazing (He et al. 2009) refined with a guided filter", Set.of("restoration"),
                Set.of("patch", "omega", "t0", "radius", "eps"));
    }

    /**
     * Dark channel prior (He, Sun, Tang, CVPR 2009 / TPAMI 2011): dark channel = min over a patch (15) of the
     * min over channels; atmospheric light A = the brightest input pixel among the 0.1% haziest dark-channel
     * pixels; t = 1 - omega * dark(I / A) (omega 0.95), refined with the guided filter (He et al. 2010; radius
     * 60, eps 1e-3, gray guide in [0, 1]) instead of soft matting, clamped to t0 = 0.1; J = (I - A) / t + A.
     */
    @Override
    FloatImage apply(FloatImage im, Settings s) {
        int patch = (int) s.number("patch", 15);
        double omega = s.number("omega", 0.95);
        double t0 = s.number("t0", 0.1);
        int radius = (int) s.number("radius", 60);
        double eps = s.number("eps", 1e-3);
        FloatImage rgb = ColorConversions.toRgb(im);
        int w = rgb.width();
        int h = rgb.height();
        int n = w * h;
        float[] px = rgb.data();
        float[] unit = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            unit[i] = Math.max(0f, Math.min(1f, px[i] / 255f));
        }
        float[] dark = darkChannel(unit, w, h, patch, new float[] {1, 1, 1});
        // A: among the top 0.1% dark-channel pixels, the one with the highest intensity (sum of channels).
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(dark[b], dark[a]));
        int top = Math.max(1, n / 1000);
        int best = order[0];
        for (int k = 0; k < top; k++) {
            int i = order[k];
            if (unit[3 * i] + unit[3 * i + 1] + unit[3 * i + 2] > unit[3 * best] + unit[3 * best + 1] + unit[3 * best + 2]) {
                best = i;
            }
        }
        float[] a = {Math.max(1e-3f, unit[3 * best]), Math.max(1e-3f, unit[3 * best + 1]), Math.max(1e-3f, unit[3 * best + 2])};
        float[] darkNorm = darkChannel(unit, w, h, patch, a);
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            t[i] = (float) (1 - omega * darkNorm[i]);
        }
        float[] guide = new float[n];
        for (int i = 0; i < n; i++) {
            guide[i] = 0.299f * unit[3 * i] + 0.587f * unit[3 * i + 1] + 0.114f * unit[3 * i + 2];
        }
        float[] tr = guidedFilter(guide, t, w, h, radius, eps);
        float[] out = new float[px.length];
        for (int i = 0; i < n; i++) {
            float ti = (float) Math.max(t0, tr[i]);
            for (int c = 0; c < 3; c++) {
                float j = (unit[3 * i + c] - a[c]) / ti + a[c];
                out[3 * i + c] = Math.max(0f, Math.min(1f, j)) * 255f;
            }
        }
        FloatImage res = new FloatImage(w, h, 3, out);
        return im.channels() == 3 ? res : luma(res);
    }

    /** min over channels of I/A, then a patch x patch minimum filter (erosion with a square). */
    static float[] darkChannel(float[] unit, int w, int h, int patch, float[] a) {
        float[] m = new float[w * h];
        for (int i = 0; i < m.length; i++) {
            m[i] = Math.min(unit[3 * i] / a[0], Math.min(unit[3 * i + 1] / a[1], unit[3 * i + 2] / a[2]));
        }
        Mat src = new Mat(h, w, CvType.CV_32F);
        src.put(0, 0, m);
        Mat dst = new Mat();
        Imgproc.erode(src, dst, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(patch, patch)));
        dst.get(0, 0, m);
        src.release();
        dst.release();
        return m;
    }

    /** The guided filter (He, Sun, Tang, ECCV 2010), gray guide, box means via OpenCV's normalised boxFilter. */
    static float[] guidedFilter(float[] guide, float[] p, int w, int h, int r, double eps) {
        Mat i = mat(guide, w, h);
        Mat pm = mat(p, w, h);
        Size k = new Size(2 * r + 1, 2 * r + 1);
        Mat meanI = box(i, k);
        Mat meanP = box(pm, k);
        Mat ip = new Mat();
        Core.multiply(i, pm, ip);
        Mat corrIp = box(ip, k);
        Mat ii = new Mat();
        Core.multiply(i, i, ii);
        Mat corrI = box(ii, k);
        Mat covIp = new Mat();
        Mat tmp = new Mat();
        Core.multiply(meanI, meanP, tmp);
        Core.subtract(corrIp, tmp, covIp);
        Mat varI = new Mat();
        Core.multiply(meanI, meanI, tmp);
        Core.subtract(corrI, tmp, varI);
        Mat aM = new Mat();
        Core.add(varI, new org.opencv.core.Scalar(eps), tmp);
        Core.divide(covIp, tmp, aM);
        Mat bM = new Mat();
        Core.multiply(aM, meanI, tmp);
        Core.subtract(meanP, tmp, bM);
        Mat meanA = box(aM, k);
        Mat meanB = box(bM, k);
        Mat q = new Mat();
        Core.multiply(meanA, i, tmp);
        Core.add(tmp, meanB, q);
        float[] out = new float[w * h];
        q.get(0, 0, out);
        for (Mat m : List.of(i, pm, meanI, meanP, ip, corrIp, ii, corrI, covIp, tmp, varI, aM, bM, meanA, meanB, q)) {
            m.release();
        }
        return out;
    }

    private static Mat mat(float[] d, int w, int h) {
        Mat m = new Mat(h, w, CvType.CV_32F);
        m.put(0, 0, d);
        return m;
    }

    private static Mat box(Mat m, Size k) {
        Mat o = new Mat();
        Imgproc.boxFilter(m, o, CvType.CV_32F, k, new org.opencv.core.Point(-1, -1), true, Core.BORDER_REFLECT);
        return o;
    }
}
