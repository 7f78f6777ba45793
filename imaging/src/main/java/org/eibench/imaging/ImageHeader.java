package org.eibench.imaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Dimensions read from a PNG, JPEG or BMP header without decoding pixels, so that a file claiming absurd dimensions is
 * refused before anything is allocated.
 */
public record ImageHeader(String format, int width, int height) {

    /** Default ceiling: 2^28 pixels (16384 x 16384). */
    public static final long MAX_PIXELS = 1L << 28;

    public static ImageHeader read(Path path) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(64 * 1024);
        }
        return parse(head, path.toString());
    }

    static ImageHeader parse(byte[] b, String name) throws IOException {
        if (b.length >= 4 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            if (b.length < 24) {
                throw new IOException(name + ": truncated PNG (" + b.length + " bytes, no complete header)");
            }
            if (b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
                throw new IOException(name + ": PNG without IHDR chunk");
            }
            return new ImageHeader("png", be32(b, 16), be32(b, 20));
        }
        if (b.length >= 4 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8) {
            return jpeg(b, name);
        }
        if (b.length >= 26 && b[0] == 'B' && b[1] == 'M') {
            int w = le32(b, 18);
            int h = Math.abs(le32(b, 22));
            return new ImageHeader("bmp", w, h);
        }
        throw new IOException(name + ": not a PNG, JPEG or BMP file");
    }

    private static ImageHeader jpeg(byte[] b, String name) throws IOException {
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xff) != 0xFF) {
                throw new IOException(name + ": corrupt JPEG marker at byte " + i);
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            int len = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                int h = ((b[i + 5] & 0xff) << 8) | (b[i + 6] & 0xff);
                int w = ((b[i + 7] & 0xff) << 8) | (b[i + 8] & 0xff);
                return new ImageHeader("jpeg", w, h);
            }
            i += 2 + len;
        }
        throw new IOException(name + ": JPEG frame header not found in the first 64 KiB");
    }

    /** The big-endian 32-bit integer at {@code b[o..o+3]} (PNG's byte order). */
    static int be32(byte[] b, int o) {
        return ((b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
    }

    private static int le32(byte[] b, int o) {
        return (b[o] & 0xff) | ((b[o + 1] & 0xff) << 8) | ((b[o + 2] & 0xff) << 16) | ((b[o + 3] & 0xff) << 24);
    }

    /** Throws when the dimensions are not positive or exceed {@code maxPixels}. */
    public ImageHeader requireSane(String name, long maxPixels) throws IOException {
        if (width <= 0 || height <= 0 || (long) width * height > maxPixels) {
            throw new IOException(name + ": header claims " + Integer.toUnsignedString(width) + "x"
                    + Integer.toUnsignedString(height) + " pixels, more than the limit of " + maxPixels);
        }
        return this;
    }
}
