package org.eibench.harness.run;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.eibench.imaging.ImageFiles;
import org.eibench.imaging.OpenCvLoader;
import org.eibench.metrics.FloatImage;
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
public final class PredictionPng {

    /** How saved predictions are compressed: the same pixels either way, only the bytes and the time differ. */
    public enum Compression {
        /** zlib through OpenCV's speed-tuned path (as cv2.imwrite): about 2x smaller than raw for photographs. */
        SMALL,
        /**
         * Stored (uncompressed) deflate blocks: about 10x faster to write than SMALL (bench/runner-throughput.sh), 2-2.5x
         * the disk for photographs and far more for label maps, which SMALL compresses 20-50x.
         */
        FAST
    }

    private PredictionPng() {
    }

    static byte[] encode(FloatImage image, int bits, Compression compression) {
        return compression == Compression.FAST ? stored(image, bits) : encode(image, bits);
    }

    /**
     * A PNG (filter None on every row, deflate level 0) written directly: OpenCV's encoder cannot be told to store.
     * Channels in RGB order, 16-bit samples big-endian (PNG's layout).
     */
    static byte[] stored(FloatImage image, int bits) {
        int w = image.width();
        int h = image.height();
        int c = image.channels();
        if (c != 1 && c != 3) {
            throw new IllegalArgumentException("cannot save a " + c + "-channel image as PNG");
        }
        int bytesPerSample = bits == 8 ? 1 : 2;
        int stride = w * c * bytesPerSample;
        byte[] raw = new byte[h * (stride + 1)];
        float[] d = image.data();
        int o = 0;
        int i = 0;
        for (int y = 0; y < h; y++) {
            raw[o++] = 0; // filter type None
            if (bytesPerSample == 1) {
                for (int x = 0; x < w * c; x++) {
                    raw[o++] = u8(d[i++]);
                }
            } else {
                for (int x = 0; x < w * c; x++) {
                    short v = u16(d[i++]);
                    raw[o++] = (byte) (v >> 8);
                    raw[o++] = (byte) v;
                }
            }
        }
        Deflater deflater = new Deflater(Deflater.NO_COMPRESSION);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + raw.length / 8000 * 5 + 1024);
        try {
            deflater.setInput(raw);
            deflater.finish();
            byte[] zbuf = new byte[raw.length + raw.length / 8000 * 5 + 64];
            int zlen = 0;
            while (!deflater.finished()) {
                if (zlen == zbuf.length) {
                    zbuf = Arrays.copyOf(zbuf, zbuf.length * 2);
                }
                zlen += deflater.deflate(zbuf, zlen, zbuf.length - zlen);
            }
            out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            ByteBuffer ihdr = ByteBuffer.allocate(13);
            ihdr.putInt(w).putInt(h).put((byte) bits).put((byte) (c == 3 ? 2 : 0)).put((byte) 0).put((byte) 0).put((byte) 0);
            chunk(out, "IHDR", ihdr.array(), 13);
            chunk(out, "IDAT", zbuf, zlen);
            chunk(out, "IEND", new byte[0], 0);
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int len) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data, 0, len);
        out.writeBytes(ByteBuffer.allocate(4).putInt(len).array());
        out.writeBytes(t);
        out.write(data, 0, len);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
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
