package org.eibench.imaging;

import java.io.IOException;

/**
 * The end of a JPEG file, checked in Java before OpenCV decodes it: libjpeg decodes a truncated file without an error
 * (it warns "premature end of data segment", fills the missing rows grey, and OpenCV returns the image), so a cut-off
 * download would be scored as if it were the picture. A complete JPEG ends with the EOI marker FF D9 (ITU T.81, B.2.1);
 * zero bytes after it are padding some writers add and are accepted.
 */
final class JpegEnd {

    private JpegEnd() {
    }

    /** Throws, naming the file, when a JPEG (it starts with the SOI marker FF D8) does not end with EOI. */
    static void check(byte[] b, String name) throws IOException {
        if (b.length < 2 || (b[0] & 0xff) != 0xFF || (b[1] & 0xff) != 0xD8) {
            return;
        }
        int end = b.length;
        while (end > 2 && b[end - 1] == 0) {
            end--;
        }
        if (end < 4 || (b[end - 2] & 0xff) != 0xFF || (b[end - 1] & 0xff) != 0xD9) {
            throw new IOException(name + ": truncated JPEG (" + b.length
                    + " bytes, not ending with the end-of-image marker FF D9)");
        }
    }
}
