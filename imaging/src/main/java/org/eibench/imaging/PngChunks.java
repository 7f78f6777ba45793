package org.eibench.imaging;

import java.io.IOException;
import java.util.zip.CRC32;

/**
 * The chunk structure of a PNG file, checked in Java before OpenCV decodes it: libpng reports a truncated or damaged
 * file by printing "libpng error: ..." straight to the process's stderr (OpenCV keeps libpng's default handler), where
 * it lands among the harness's own per-sample reasons. Checking first turns the common damage (a truncated file, a
 * flipped byte) into an exception naming the file and the chunk, and libpng never sees it.
 *
 * <p>Follows libpng's rules: a CRC error in a critical chunk (IHDR, PLTE, IDAT, IEND: upper-case first letter) is
 * fatal, one in an ancillary chunk only loses that chunk, so it is accepted here too. Zlib damage inside IDAT with
 * valid CRCs is left to libpng (it needs a deliberately crafted file). PNG specification, section 5.
 */
final class PngChunks {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngChunks() {
    }

    static boolean isPng(byte[] b) {
        if (b.length < SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (b[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Throws, naming the file, the chunk and the byte offset, unless every chunk up to IEND is complete and sound;
     * returns at once for files that are not PNG.
     */
    static void check(byte[] b, String name) throws IOException {
        if (!isPng(b)) {
            return;
        }
        int pos = SIGNATURE.length;
        CRC32 crc = new CRC32();
        while (true) {
            if (pos + 8 > b.length) {
                throw new IOException(name + ": truncated PNG (it ends after " + b.length + " bytes, before its IEND chunk)");
            }
            long length = Integer.toUnsignedLong(ImageHeader.be32(b, pos));
            String type = new String(b, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (pos + 12 + length > b.length) {
                throw new IOException(name + ": truncated PNG (" + b.length + " bytes; its " + type + " chunk at byte "
                        + pos + " needs " + (12 + length) + ")");
            }
            int data = pos + 8;
            int end = data + (int) length;
            crc.reset();
            crc.update(b, pos + 4, 4 + (int) length);
            long stored = Integer.toUnsignedLong(ImageHeader.be32(b, end));
            boolean critical = Character.isUpperCase(type.charAt(0));
            if (critical && crc.getValue() != stored) {
                throw new IOException(name + ": damaged PNG (the CRC of its " + type + " chunk at byte " + pos
                        + " does not match)");
            }
            if (type.equals("IEND")) {
                return;
            }
            pos = end + 4;
        }
    }
}
