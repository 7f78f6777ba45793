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
        return decode(Files.readAllBytes(path), path.toString());
    }

    public static Decoded decode(byte[] bytes, String name) throws IOException {
        PngDecoder.Layout png = checkedLayout(bytes, name);
        if (png != null) {
            return new Decoded(pngToFloat(png, name), png.bitDepth());
        }
        return decodeWithOpenCv(bytes, name);
    }

    /**
     * The class indices of a one-channel PNG of at most {@code maxBitDepth} bits that the Java decoder takes, as its
     * integers (the same values as {@link #decode}'s floats, never widened); null for any other image, which
     * {@link #decode} then reads. The file's checks are {@link #decode}'s, with the same errors; they are made only
     * when the header's colour type and bit depth allow a label map, so that {@link #decode} does not repeat them on
     * every other file.
     */
    public static LabelMap decodeLabels(byte[] bytes, String name, int maxBitDepth) throws IOException {
        // IHDR's bit depth (byte 24) and colour type (byte 25, 0 = gray): nothing else can be read as labels here.
        if (!isPng(bytes) || bytes.length < 26 || bytes[25] != 0 || (bytes[24] & 0xff) > maxBitDepth) {
            return null;
        }
        PngDecoder.Layout png = checkedLayout(bytes, name);
        return png == null ? null : pngToLabels(png, name);      // null: a PNG the Java decoder leaves to OpenCV
    }

    /** OpenCV's decoding of bytes already checked; the reference the Java PNG decoder is tested against. */
    static Decoded decodeWithOpenCv(byte[] bytes, String name) throws IOException {
        Mat m = openCvDecode(bytes, name);
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
        byte[] bytes = Files.readAllBytes(path);
        PngDecoder.Layout png = checkedLayout(bytes, path.toString());
        if (png != null) {
            return pngToLabels(png, path.toString());
        }
        return labelsWithOpenCv(bytes, path.toString());
    }

    static LabelMap labelsWithOpenCv(byte[] bytes, String name) throws IOException {
        Mat m = openCvDecode(bytes, name);
        try {
            if (m.channels() != 1) {
                throw notOneChannel(name, m.channels());
            }
            int n = (int) m.total();
            if (m.depth() == CvType.CV_8U && m.isContinuous()) {
                byte[] b = new byte[n];
                m.get(0, 0, b);
                return LabelMap.ofUnsignedBytes(m.cols(), m.rows(), b);
            }
            int[] labels = new int[n];
            if (m.depth() == CvType.CV_16U && m.isContinuous()) {
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

    private static IllegalArgumentException notOneChannel(String name, int channels) {
        return new IllegalArgumentException(name + " must be a one-channel label image, got " + channels + " channels");
    }

    /**
     * The checks every read makes (the header's size against {@link ImageHeader#MAX_PIXELS} before any pixel is
     * decoded, PNG chunks, JPEG end); then the layout when the Java PNG decoder takes the file, else null (OpenCV).
     */
    private static PngDecoder.Layout checkedLayout(byte[] bytes, String name) throws IOException {
        ImageHeader.parse(bytes.length > 65536 ? java.util.Arrays.copyOf(bytes, 65536) : bytes, name)
                .requireSane(name, ImageHeader.MAX_PIXELS);
        PngChunks.check(bytes, name);
        JpegEnd.check(bytes, name);
        return PngDecoder.header(bytes);
    }

    /**
     * The PNG's pixels in RGB order, alpha dropped, each row copied or widened as it is unfiltered: an 8-bit image as
     * its unsigned bytes ({@link FloatImage#ofUnsignedBytes}, a quarter of the memory of floats), a 16-bit one as
     * floats.
     */
    private static FloatImage pngToFloat(PngDecoder.Layout png, String name) throws IOException {
        int w = png.width();
        int fc = png.fileChannels();
        int ch = png.channels();
        int n = Math.multiplyExact(w * ch, png.height());
        if (png.bitDepth() != 16) {
            byte[] samples = new byte[n];
            PngDecoder.decode(png, name, (y, row, off) -> {
                int o = y * w * ch;
                if (fc == ch) {
                    System.arraycopy(row, off, samples, o, w * ch);
                } else {                                     // RGBA: alpha dropped
                    for (int x = 0, s = off; x < w; x++, s += 4, o += 3) {
                        samples[o] = row[s];
                        samples[o + 1] = row[s + 1];
                        samples[o + 2] = row[s + 2];
                    }
                }
            });
            return FloatImage.ofUnsignedBytes(w, png.height(), ch, samples);
        }
        float[] data = new float[n];
        PngDecoder.decode(png, name, (y, row, off) -> {
            int o = y * w * ch;
            if (fc == ch) {
                for (int i = 0, m = w * ch; i < m; i++) {
                    data[o + i] = ((row[off + 2 * i] & 0xff) << 8) | (row[off + 2 * i + 1] & 0xff);
                }
            } else {                                         // RGBA: alpha dropped
                for (int x = 0, s = off; x < w; x++, s += 8, o += 3) {
                    data[o] = ((row[s] & 0xff) << 8) | (row[s + 1] & 0xff);
                    data[o + 1] = ((row[s + 2] & 0xff) << 8) | (row[s + 3] & 0xff);
                    data[o + 2] = ((row[s + 4] & 0xff) << 8) | (row[s + 5] & 0xff);
                }
            }
        });
        return new FloatImage(w, png.height(), ch, data);
    }

    private static LabelMap pngToLabels(PngDecoder.Layout png, String name) throws IOException {
        if (png.fileChannels() != 1) {
            throw notOneChannel(name, png.fileChannels());
        }
        int w = png.width();
        int n = Math.multiplyExact(w, png.height());
        if (png.bitDepth() != 16) {
            // 8-bit labels stay bytes: a quarter of the memory of ints (LabelMap)
            byte[] labels = new byte[n];
            PngDecoder.decode(png, name, (y, row, off) -> System.arraycopy(row, off, labels, y * w, w));
            return LabelMap.ofUnsignedBytes(w, png.height(), labels);
        }
        int[] labels = new int[n];
        PngDecoder.decode(png, name, (y, row, off) -> {
            int o = y * w;
            for (int i = 0; i < w; i++) {
                labels[o + i] = ((row[off + 2 * i] & 0xff) << 8) | (row[off + 2 * i + 1] & 0xff);
            }
        });
        return new LabelMap(w, png.height(), labels);
    }

    /** OpenCV's decoder, on bytes that passed {@link #checkedLayout}. */
    private static Mat openCvDecode(byte[] bytes, String name) throws IOException {
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
     * The decoder's usual output (8- or 16-bit, gray or BGR) copied out of OpenCV once, as its integers, with the BGR to
     * RGB swap in Java: the same samples as cvtColor + convertTo + get, which make three passes and copy a 4-byte float
     * per value across JNI (a fifth of a 1 MP restoration sample's time). 8-bit images stay bytes (as the Java PNG
     * decoder's), 16-bit ones are widened to floats.
     */
    private static FloatImage integerToFloat(Mat m) {
        int ch = m.channels();
        int n = (int) m.total() * ch;
        if (m.depth() == CvType.CV_8U) {
            byte[] b = new byte[n];
            m.get(0, 0, b);
            if (ch == 3) {
                for (int i = 0; i < n; i += 3) {
                    byte blue = b[i];
                    b[i] = b[i + 2];
                    b[i + 2] = blue;
                }
            }
            return FloatImage.ofUnsignedBytes(m.cols(), m.rows(), ch, b);
        }
        float[] data = new float[n];
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
