package org.eibench.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class JpegEndTest {

    private static byte[] jpeg() throws IOException {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | ((x * y) & 0xff));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    @Test
    void aCompleteJpegDecodesAndTrailingZerosAreAccepted() throws IOException {
        byte[] b = jpeg();
        assertThat(ImageFiles.decode(b, "ok.jpg").image().width()).isEqualTo(64);
        byte[] padded = Arrays.copyOf(b, b.length + 5);
        assertThat(ImageFiles.decode(padded, "padded.jpg").image().height()).isEqualTo(48);
    }

    /** libjpeg alone returns a cut-off JPEG as an image with grey rows; the check refuses it naming the file. */
    @Test
    void aTruncatedJpegIsRefusedNamingTheFile() throws IOException {
        byte[] b = jpeg();
        for (int cut : new int[] {b.length / 2, b.length - 1}) {
            byte[] t = Arrays.copyOf(b, cut);
            assertThatThrownBy(() -> ImageFiles.decode(t, "cut.jpg")).as("cut at " + cut)
                    .isInstanceOf(IOException.class).hasMessageStartingWith("cut.jpg: truncated JPEG");
        }
    }

    @Test
    void otherFormatsAreNotItsConcern() throws IOException {
        JpegEnd.check(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "x.png");
        JpegEnd.check(new byte[0], "empty");
    }
}
