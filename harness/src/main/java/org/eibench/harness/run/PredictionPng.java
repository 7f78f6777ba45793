package org.eibench.harness.run;

import org.eibench.metrics.FloatImage;
import org.eibench.runtime.image.ImageFiles;
import org.eibench.runtime.image.OpenCvLoader;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Encodes saved predictions. Same pixels as {@link ImageFiles#encodePng8}/{@code encodePng16} (the input is already
 * quantised, so the conversion is exact), but made for speed, as writing the PNG was the largest part of the scoring
 * stage (bench/runner-throughput.sh):
 * <ul>
 *   <li>the RGB -> BGR swap and the conversion to 8/16-bit integers happen in one pass into the Mat's buffer
 *       (instead of a float Mat, a converted copy and a colour-converted copy);</li>
 *   <li>no encoder parameters: OpenCV then takes its speed-tuned PNG path (the SUB filter only, zlib level 1, the
 *       Z_RLE strategy). An explicit {@code IMWRITE_PNG_COMPRESSION} makes libpng try all five row filters per row,
 *       which cost 2-7x the time for files of about the same size (docs/performance.md, "Runner").</li>
 * </ul>
 */
final class PredictionPng {

    private PredictionPng() {
    }

    static byte[] encode(FloatImage image, int bits) {
        OpenCvLoader.ensureLoaded();
        int w = image.width();
        int h = image.height();
        int c = image.channels();
        float[] d = image.data();
        Mat m;
        if (bits == 8) {
            byte[] b = new byte[d.length];
            if (c == 3) {
                for (int i = 0; i < d.length; i += 3) {
                    b[i] = u8(d[i + 2]);
                    b[i + 1] = u8(d[i + 1]);
                    b[i + 2] = u8(d[i]);
                }
            } else {
                for (int i = 0; i < d.length; i++) {
                    b[i] = u8(d[i]);
                }
            }
            m = new Mat(h, w, CvType.makeType(CvType.CV_8U, c));
            m.put(0, 0, b);
        } else {
            short[] s = new short[d.length];
            if (c == 3) {
                for (int i = 0; i < d.length; i += 3) {
                    s[i] = u16(d[i + 2]);
                    s[i + 1] = u16(d[i + 1]);
                    s[i + 2] = u16(d[i]);
                }
            } else {
                for (int i = 0; i < d.length; i++) {
                    s[i] = u16(d[i]);
                }
            }
            m = new Mat(h, w, CvType.makeType(CvType.CV_16U, c));
            m.put(0, 0, s);
        }
        MatOfByte out = new MatOfByte();
        try {
            Imgcodecs.imencode(".png", m, out, new MatOfInt());
            return out.toArray();
        } finally {
            m.release();
            out.release();
        }
    }

    /** As OpenCV's saturate_cast (round half to even, clamp), exact on the quantised values this gets. */
    private static byte u8(float v) {
        return (byte) (int) Math.max(0, Math.min(255, Math.rint(v)));
    }

    private static short u16(float v) {
        return (short) (int) Math.max(0, Math.min(65535, Math.rint(v)));
    }
}
