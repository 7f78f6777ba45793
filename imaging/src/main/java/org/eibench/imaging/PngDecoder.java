package org.eibench.imaging;

import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A PNG decoder in Java for the files the harness reads by the thousand: non-interlaced, 8 or 16 bits, gray, RGB or
 * RGBA, no palette and no tRNS. It inflates and unfilters the rows and hands each one to a sink that widens it
 * straight into the representation the caller needs (floats in RGB order, or class ids), so a label map never goes
 * through OpenCV's BGR bytes, a JNI copy and a second widening pass. Every other PNG (palette, interlaced, sub-byte
 * depths, gray with alpha, transparency chunks) is left to OpenCV: {@link #header} returns null for it.
 *
 * <p>The pixels are those libpng gives OpenCV's {@code imdecode(IMREAD_UNCHANGED)} for the same files (no gamma,
 * no sBIT shift: OpenCV sets neither), with alpha dropped as {@link ImageFiles} drops it; the tests compare the two on
 * every filter type, depth, colour type and the repository's own PNGs. Filters: PNG specification (2003), section 9.
 * The chunk structure and critical-chunk CRCs were checked before ({@link PngChunks#check}).
 */
final class PngDecoder {

    private PngDecoder() {
    }

    /** IHDR fields of a PNG this decoder takes, and where its compressed data lies. */
    /**
     * @param png       the file's bytes
     * @param firstIdat where its first IDAT chunk starts (the chunk's length field); the image data is the IDAT chunks'
     *                  contents, in order, read there without being copied into one array (an encoder such as OpenCV's
     *                  writes 8 KB chunks: a copy was a fresh 2.5 MB array per 1 MP RGB image)
     */
    record Layout(int width, int height, int bitDepth, int fileChannels, byte[] png, int firstIdat) {

        /** Bytes per complete pixel (the filters' left neighbour distance). */
        int bytesPerPixel() {
            return fileChannels * bitDepth / 8;
        }

        int rowBytes() {
            return width * bytesPerPixel();
        }

        /** Channels handed to callers: alpha is dropped. */
        int channels() {
            return fileChannels == 4 ? 3 : fileChannels;
        }
    }

    /** Receives each unfiltered row: {@code row[off .. off + rowBytes)}, big-endian samples as in the file. */
    interface RowSink {
        void row(int y, byte[] row, int off);
    }

    /**
     * The layout of a PNG this decoder takes, or null when it is one OpenCV must decode. The bytes must have passed
     * {@link PngChunks#check}.
     */
    static Layout header(byte[] b) {
        if (!PngChunks.isPng(b) || b.length < 33) {
            return null;
        }
        int width = ImageHeader.be32(b, 16);
        int height = ImageHeader.be32(b, 20);
        int depth = b[24];
        int colorType = b[25];
        if (b[26] != 0 || b[27] != 0 || b[28] != 0) {       // compression, filter method, interlace
            return null;
        }
        if ((depth != 8 && depth != 16) || width <= 0 || height <= 0) {
            return null;
        }
        int channels = switch (colorType) {
            case 0 -> 1;
            case 2 -> 3;
            case 6 -> 4;
            default -> 0;                                   // palette and gray + alpha: OpenCV expands them
        };
        if (channels == 0 || (long) width * channels * depth / 8 + 1 > Integer.MAX_VALUE / 2) {
            return null;
        }
        int pos = 8;
        int first = -1;
        while (pos + 8 <= b.length) {
            int length = ImageHeader.be32(b, pos);
            int type = ImageHeader.be32(b, pos + 4);
            if (type == TRNS || type == PLTE) {
                return null;                                // libpng would turn tRNS into alpha
            }
            if (type == IDAT) {
                if (first < 0) {
                    first = pos;
                }
            } else if (type == IEND) {
                break;
            }
            pos += 12 + length;
        }
        if (first < 0) {
            return null;                                    // OpenCV reports it
        }
        return new Layout(width, height, depth, channels, b, first);
    }

    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454e44;
    private static final int PLTE = 0x504c5445;
    private static final int TRNS = 0x74524e53;

    /** The inflated rows, kept per thread: a fresh array per image would be fresh pages for the kernel to clear. */
    private static final ThreadLocal<byte[]> RAW = ThreadLocal.withInitial(() -> new byte[0]);
    /** Buffers above this size are not kept between images. */
    private static final int KEEP = 64 << 20;

    /** Inflates every row at once, then unfilters each row in place and hands it to the sink, in order. */
    static void decode(Layout l, String name, RowSink sink) throws IOException {
        int bpp = l.bytesPerPixel();
        int stride = l.rowBytes() + 1;
        int size = Math.multiplyExact(stride, l.height());
        // One zero row in front (the row above the first one), one spare byte behind (see below).
        byte[] raw = RAW.get();
        if (raw.length < stride + size + 1) {
            raw = new byte[stride + size + 1];
            if (raw.length <= KEEP) {
                RAW.set(raw);
            }
        } else {
            java.util.Arrays.fill(raw, 0, stride, (byte) 0);
        }
        int written;
        try {
            // Room for one byte more than the rows: as libpng, the stream is read to its end, so a wrong Adler-32 is
            // an error; data after the rows fills the spare byte and is accepted (libpng only warns about it).
            written = inflate(l, raw, stride, size + 1);
        } catch (DataFormatException e) {
            throw new IOException(name + ": damaged PNG (its compressed image data: " + e.getMessage() + ")", e);
        }
        if (written < size) {
            throw new IOException(name + ": damaged PNG (its image data ends after " + written / stride + " of "
                    + l.height() + " rows)");
        }
        for (int y = 0; y < l.height(); y++) {
            int cur = (y + 1) * stride;
            unfilter(raw, cur, cur - stride, l.rowBytes(), bpp, name, y);
            sink.row(y, raw, cur + 1);
        }
    }

    private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(Inflater::new);

    /**
     * Inflates the image data into {@code out[off, off + len)}, to the stream's end (its Adler-32 checked by zlib) or
     * until {@code out} is full, and returns the bytes written; a stream cut short before either is an error. Zlib
     * through java.util.zip: a pure-Java inflater built on libdeflate's design was measured at 1.0-1.5x zlib's speed
     * once compiled, but slower than zlib over the first few hundred images of a run (docs/performance.md).
     */
    private static int inflate(Layout l, byte[] out, int off, int len) throws DataFormatException {
        Inflater inf = INFLATERS.get();
        inf.reset();
        byte[] b = l.png();
        int got = 0;
        // The IDAT chunks' contents, one after another, as one zlib stream.
        for (int pos = l.firstIdat(); pos + 8 <= b.length; ) {
            int length = ImageHeader.be32(b, pos);
            int type = ImageHeader.be32(b, pos + 4);
            if (type == IEND) {
                break;
            }
            if (type == IDAT && length > 0) {
                inf.setInput(b, pos + 8, length);
                while (got < len && !inf.finished() && !inf.needsInput() && !inf.needsDictionary()) {
                    got += inf.inflate(out, off + got, len - got);
                }
                if (got >= len || inf.finished() || inf.needsDictionary()) {
                    break;
                }
            }
            pos += 12 + length;
        }
        if (!inf.finished() && got < len) {
            throw new DataFormatException("truncated");
        }
        return got;
    }

    /**
     * Undoes row {@code y}'s filter in place: the filter type byte at {@code cur}, the row after it, the previous
     * (already unfiltered) row's filter byte at {@code prev}. PNG specification section 9.2; Paeth as in 9.4.
     */
    private static void unfilter(byte[] b, int cur, int prev, int n, int bpp, String name, int y) throws IOException {
        int type = b[cur];
        int c = cur + 1;
        int p = prev + 1;
        switch (type) {
            case 0 -> {
            }
            case 1 -> sub(b, c, n, bpp);
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    b[c + i] += b[p + i];
                }
            }
            case 3 -> {
                for (int i = 0; i < bpp; i++) {
                    b[c + i] += (byte) ((b[p + i] & 0xff) >>> 1);
                }
                for (int i = bpp; i < n; i++) {
                    b[c + i] += (byte) (((b[c + i - bpp] & 0xff) + (b[p + i] & 0xff)) >>> 1);
                }
            }
            case 4 -> {
                for (int i = 0; i < bpp; i++) {
                    b[c + i] += b[p + i];                   // Paeth with a = c = 0 picks b
                }
                for (int i = bpp; i < n; i++) {
                    int a = b[c + i - bpp] & 0xff;
                    int up = b[p + i] & 0xff;
                    int ul = b[p + i - bpp] & 0xff;
                    int pa = Math.abs(up - ul);
                    int pb = Math.abs(a - ul);
                    int pc = Math.abs(a + up - 2 * ul);
                    int pred = pa <= pb && pa <= pc ? a : pb <= pc ? up : ul;
                    b[c + i] += (byte) pred;
                }
            }
            default -> throw new IOException(name + ": damaged PNG (row " + y + " has filter type " + (type & 0xff)
                    + ", not 0-4)");
        }
    }

    /**
     * The Sub filter, the one OpenCV's encoder writes. Each channel's running sum is kept in a local: written as
     * {@code b[i] += b[i - bpp]} every byte waits for the store of the one before it (a store-to-load forward per
     * byte, three times slower on 8-bit label maps).
     */
    private static void sub(byte[] b, int c, int n, int bpp) {
        switch (bpp) {
            case 1 -> {
                int s = 0;
                for (int i = c; i < c + n; i++) {
                    s += b[i];
                    b[i] = (byte) s;
                }
            }
            case 2 -> {
                int s0 = 0;
                int s1 = 0;
                for (int i = c; i < c + n; i += 2) {
                    s0 += b[i];
                    s1 += b[i + 1];
                    b[i] = (byte) s0;
                    b[i + 1] = (byte) s1;
                }
            }
            case 3 -> {
                int s0 = 0;
                int s1 = 0;
                int s2 = 0;
                for (int i = c; i < c + n; i += 3) {
                    s0 += b[i];
                    s1 += b[i + 1];
                    s2 += b[i + 2];
                    b[i] = (byte) s0;
                    b[i + 1] = (byte) s1;
                    b[i + 2] = (byte) s2;
                }
            }
            default -> {
                for (int i = c + bpp; i < c + n; i++) {
                    b[i] += b[i - bpp];
                }
            }
        }
    }
}
