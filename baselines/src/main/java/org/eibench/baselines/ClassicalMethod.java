package org.eibench.baselines;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.eibench.metrics.FloatImage;
import org.eibench.imaging.ImageFiles;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * One classical OpenCV method, run as a model by {@link ClassicalModel}: its name, the task kinds it serves, the
 * settings it reads, and the task hint it accepts (null for none) with the setting that hint fills. Subclasses hold
 * the kernel; this class holds what they share (8-bit and float Mats, luma, gray to RGB).
 */
abstract class ClassicalMethod {

    private final String name;
    private final String description;
    private final Set<String> kinds;
    private final Set<String> keys;
    private final String hint;
    private final String hintKey;

    ClassicalMethod(String name, String description, Set<String> kinds, Set<String> keys) {
        this(name, description, kinds, keys, null, null);
    }

    ClassicalMethod(String name, String description, Set<String> kinds, Set<String> keys, String hint, String hintKey) {
        this.name = name;
        this.description = description;
        this.kinds = Set.copyOf(kinds);
        this.keys = Set.copyOf(keys);
        this.hint = hint;
        this.hintKey = hintKey;
    }

    /** The method's output for one input image under the given settings. */
    abstract FloatImage apply(FloatImage im, Settings s) throws IOException;

    String name() {
        return name;
    }

    String description() {
        return description;
    }

    Set<String> kinds() {
        return kinds;
    }

    Set<String> keys() {
        return keys;
    }

    String hint() {
        return hint;
    }

    String hintKey() {
        return hintKey;
    }

    /** Settings: request params over spec options over defaults. */
    record Settings(Map<String, Object> values, Path dataDir) {
        double number(String key, double fallback) {
            Object v = values.get(key);
            if (v == null) {
                return fallback;
            }
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            try {
                return Double.parseDouble(v.toString());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("setting '" + key + "' must be a number, not '" + v + "'");
            }
        }

        boolean has(String key) {
            return values.containsKey(key);
        }

        Object get(String key) {
            return values.get(key);
        }
    }

    /** 8-bit Mat of the image (values clipped and rounded, as saving it would). */
    static Mat to8u(FloatImage im) {
        Mat f = ImageFiles.toMat(im);
        Mat u = new Mat();
        f.convertTo(u, CvType.makeType(CvType.CV_8U, im.channels()));
        f.release();
        return u;
    }

    static FloatImage from(Mat m) {
        Mat f = new Mat();
        m.convertTo(f, CvType.makeType(CvType.CV_32F, m.channels()));
        FloatImage out = ImageFiles.fromFloatMat(f);
        f.release();
        return out;
    }

    static FloatImage luma(FloatImage im) {
        float[] d = new float[im.pixels()];
        float[] s = im.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = 0.299f * s[3 * i] + 0.587f * s[3 * i + 1] + 0.114f * s[3 * i + 2];
        }
        return new FloatImage(im.width(), im.height(), 1, d);
    }
}
