package org.eibench.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

import org.eibench.metrics.FloatImage;
import org.junit.jupiter.api.Test;

class PngChunksTest {

    private static byte[] png() {
        float[] d = new float[24 * 16 * 3];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i * 37) % 256;
        }
        return ImageFiles.encodePng8(new FloatImage(24, 16, 3, d));
    }

    @Test
    void aSoundPngPassesAndDecodes() throws IOException {
        byte[] b = png();
        PngChunks.check(b, "ok.png");
        assertThat(ImageFiles.decode(b, "ok.png").image().width()).isEqualTo(24);
    }

    @Test
    void everyTruncationIsRefusedNamingTheFile() {
        byte[] b = png();
        for (int cut = 24; cut < b.length; cut += 7) {
            byte[] t = Arrays.copyOf(b, cut);
            assertThatThrownBy(() -> ImageFiles.decode(t, "cut.png")).as("cut at " + cut)
                    .isInstanceOf(IOException.class).hasMessageStartingWith("cut.png: truncated PNG");
        }
    }

    @Test
    void aFlippedByteInTheImageDataIsRefused() {
        byte[] b = png();
        int idat = indexOf(b, "IDAT");
        b[idat + 10] ^= 0x55;
        assertThatThrownBy(() -> ImageFiles.decode(b, "flip.png")).isInstanceOf(IOException.class)
                .hasMessage("flip.png: damaged PNG (the CRC of its IDAT chunk at byte " + (idat - 4) + " does not match)");
    }

    /** As libpng: a bad CRC in an ancillary chunk only loses that chunk; the image still decodes. */
    @Test
    void aBadCrcInAnAncillaryChunkIsAccepted() throws IOException {
        byte[] b = png();
        byte[] text = "Comment\0x".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int idat = indexOf(b, "IDAT") - 4;
        out.write(b, 0, idat);
        out.write(ByteBuffer.allocate(4).putInt(text.length).array());
        out.write("tEXt".getBytes(StandardCharsets.ISO_8859_1));
        out.write(text);
        CRC32 crc = new CRC32();
        crc.update("tEXt".getBytes(StandardCharsets.ISO_8859_1));
        crc.update(text);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue() ^ 1).array());
        out.write(b, idat, b.length - idat);
        byte[] withText = out.toByteArray();
        PngChunks.check(withText, "text.png");
        assertThat(ImageFiles.decode(withText, "text.png").image().data()).isEqualTo(ImageFiles.decode(b, "png").image().data());
    }

    @Test
    void otherFormatsAreLeftToTheirDecoder() throws IOException {
        PngChunks.check(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, "x.jpg");
    }

    private static int indexOf(byte[] b, String type) {
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + t.length <= b.length; i++) {
            for (int j = 0; j < t.length; j++) {
                if (b[i + j] != t[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(type + " not found");
    }
}
