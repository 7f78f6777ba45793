package org.eibench.imaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.LabelMap;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Reading and writing images through OpenCV (libpng/libjpeg, the decoders Python references use). Pixels come back
 * in RGB order with their native values: 0..255 for 8-bit files, 0..65535 for 16-bit ones; alpha is dropped.
 */
public final class ImageFiles {

    private ImageFiles() {
    }

    /** Decoded pixels and the file's bit depth (8 or 16). */
    public record Decoded(FloatImage image, int bitDepth) {
    }

    public static FloatImage read(Path path) throws IOException {
        return readDecoded(path).image();
    }

    public static Decoded readDecoded(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException(path + ": no such file");
        }
        ImageHeader.read(path).requireSane(path.toString(), ImageHeader.MAX_PIXELS);
        return decode(Files.readAllBytes(path), path.toString());
    }

    public static Decoded decode(byte[] bytes, String name) throws IOException {
        Mat m = decodeMat(bytes, name);
        try {
            return new Decoded(toFloatImage(m), m.depth() == CvType.CV_16U ? 16 : 8);
        } finally {
            m.release();
        }
    }

    /**
     * A one-channel image of whole numbers (class ids) as a label map, straight from the decoder's 8- or 16-bit
     * integers, never through floats.
     *
     * @throws IllegalArgumentException when the image has more than one channel, naming the file
     */
    public static LabelMap readLabels(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException(path + ": no such file");
        }
        ImageHeader.read(path).requireSane(path.toString(), ImageHeader.MAX_PIXELS);
        Mat m = decodeMat(Files.readAllBytes(path), path.toString());
        try {
            if (m.channels() != 1) {
                throw new IllegalArgumentException(path + " must be a one-channel label image, got " + m.channels() + " channels");
            }
            int n = (int) m.total();
            int[] labels = new int[n];
            if (m.depth() == CvType.CV_8U && m.isContinuous()) {
                byte[] b = new byte[n];
                m.get(0, 0, b);
                for (int i = 0; i < n; i++) {
                    labels[i] = b[i] & 0xff;
                }
            } else if (m.depth() == CvType.CV_16U && m.isContinuous()) {
                short[] v = new short[n];
                m.get(0, 0, v);
                for (int i = 0; i < n; i++) {
                    labels[i] = v[i] & 0xffff;
                }
            } else {
                float[] f = toFloatImage(m).data();
                for (int i = 0; i < n; i++) {
                    labels[i] = Math.round(f[i]);
                }
            }
            return new LabelMap(m.cols(), m.rows(), labels);
        } finally {
            m.release();
        }
    }

    /** The checks every read makes (header, PNG chunks, JPEG end), then OpenCV's decoder, as stored. */
    private static Mat decodeMat(byte[] bytes, String name) throws IOException {
        ImageHeader.parse(bytes.length > 65536 ? java.util.Arrays.copyOf(bytes, 65536) : bytes, name)
                .requireSane(name, ImageHeader.MAX_PIXELS);
        PngChunks.check(bytes, name);
        JpegEnd.check(bytes, name);
        OpenCvLoader.ensureLoaded();
        MatOfByte buf = new MatOfByte(bytes);
        Mat m = Imgcodecs.imdecode(buf, Imgcodecs.IMREAD_UNCHANGED);
        buf.release();
        if (m.empty()) {
            throw new IOException(name + ": cannot decode image (corrupt or unsupported)");
        }
        return m;
    }

    /** Whether the bytes start with the PNG signature. */
    public static boolean isPng(byte[] bytes) {
        return PngChunks.isPng(bytes);
    }

    static FloatImage toFloatImage(Mat m) throws IOException {
        int ch = m.channels();
        if (m.isContinuous() && (ch == 1 || ch == 3) && (m.depth() == CvType.CV_8U || m.depth() == CvType.CV_16U)) {
            return integerToFloat(m);
        }
        Mat rgb = new Mat();
        switch (ch) {
            case 1 -> m.copyTo(rgb);
            case 3 -> Imgproc.cvtColor(m, rgb, Imgproc.COLOR_BGR2RGB);
            case 4 -> Imgproc.cvtColor(m, rgb, Imgproc.COLOR_BGRA2RGB);
            default -> throw new IOException("unsupported channel count " + ch);
        }
        try {
            Mat f = new Mat();
            rgb.convertTo(f, CvType.makeType(CvType.CV_32F, rgb.channels()));
            float[] data = new float[(int) (f.total() * f.channels())];
            f.get(0, 0, data);
            FloatImage out = new FloatImage(f.cols(), f.rows(), f.channels(), data);
            f.release();
            return out;
        } finally {
            rgb.release();
        }
    }

    /**
     * The decoder's usual output (8- or 16-bit, gray or BGR) copied out of OpenCV once, as its integers, and widened
     * in Java with the BGR to RGB swap in the same pass: the same floats as cvtColor + convertTo + get, which make
     * three passes and copy a 4-byte float per value across JNI (a fifth of a 1 MP restoration sample's time).
     */
    private static FloatImage integerToFloat(Mat m) {
        int ch = m.channels();
        int n = (int) m.total() * ch;
        float[] data = new float[n];
        if (m.depth() == CvType.CV_8U) {
            byte[] b = new byte[n];
            m.get(0, 0, b);
            if (ch == 1) {
                for (int i = 0; i < n; i++) {
                    data[i] = b[i] & 0xff;
                }
            } else {
                for (int i = 0; i < n; i += 3) {
                    data[i] = b[i + 2] & 0xff;
                    data[i + 1] = b[i + 1] & 0xff;
                    data[i + 2] = b[i] & 0xff;
                }
            }
        } else {
            short[] s = new short[n];
            m.get(0, 0, s);
            if (ch == 1) {
                for (int i = 0; i < n; i++) {
                    data[i] = s[i] & 0xffff;
                }
            } else {
                for (int i = 0; i < n; i += 3) {
                    data[i] = s[i + 2] & 0xffff;
                    data[i + 1] = s[i + 1] & 0xffff;
                    data[i + 2] = s[i] & 0xffff;
                }
            }
        }
        return new FloatImage(m.cols(), m.rows(), ch, data);
    }

    /** Encodes as 8-bit PNG (values rounded and clipped to 0..255). */
    public static byte[] encodePng8(FloatImage image) {
        return encode(image, CvType.CV_8U);
    }

    /** Encodes as 16-bit PNG (values rounded and clipped to 0..65535). */
    public static byte[] encodePng16(FloatImage image) {
        return encode(image, CvType.CV_16U);
    }

    private static byte[] encode(FloatImage image, int depth) {
        OpenCvLoader.ensureLoaded();
        Mat f = toMat(image);
        Mat q = new Mat();
        f.convertTo(q, CvType.makeType(depth, image.channels())); // rounds half to even and saturates
        Mat bgr = new Mat();
        if (image.channels() == 3) {
            Imgproc.cvtColor(q, bgr, Imgproc.COLOR_RGB2BGR);
        } else {
            q.copyTo(bgr);
        }
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".png", bgr, out, new MatOfInt(Imgcodecs.IMWRITE_PNG_COMPRESSION, 3));
        byte[] bytes = out.toArray();
        f.release();
        q.release();
        bgr.release();
        out.release();
        return bytes;
    }

    public static void writePng8(FloatImage image, Path path) throws IOException {
        Files.write(path, encodePng8(image));
    }

    /** A float Mat sharing nothing with the image. */
    public static Mat toMat(FloatImage image) {
        OpenCvLoader.ensureLoaded();
        Mat m = new Mat(image.height(), image.width(), CvType.makeType(CvType.CV_32F, image.channels()));
        m.put(0, 0, image.data());
        return m;
    }

    public static FloatImage fromFloatMat(Mat m) {
        float[] data = new float[(int) (m.total() * m.channels())];
        m.get(0, 0, data);
        return new FloatImage(m.cols(), m.rows(), m.channels(), data);
    }
}
