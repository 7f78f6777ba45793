package org.eibench.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eibench.metrics.FloatImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

    @TempDir
    Path tmp;

    static FloatImage ramp(int w, int h, int c, float step) {
        float[] d = new float[w * h * c];
        for (int i = 0; i < d.length; i++) {
            d[i] = i * step;
        }
        return new FloatImage(w, h, c, d);
    }

    @Test
    void png8KeepsRgbOrderAndRoundsToWholeLevels() throws IOException {
        FloatImage im = new FloatImage(2, 1, 3, new float[] {255, 0, 0, 10.4f, 20.6f, 300});
        ImageFiles.Decoded back = ImageFiles.decode(ImageFiles.encodePng8(im), "red.png");
        assertThat(back.bitDepth()).isEqualTo(8);
        assertThat(back.image().data()).containsExactly(255, 0, 0, 10, 21, 255);
    }

    @Test
    void eightBitImagesAreReadAsBytesByBothDecodersAndSixteenBitOnesAsFloats() throws IOException {
        FloatImage rgb = new FloatImage(3, 2, 3, new float[] {255, 0, 7, 1, 2, 3, 128, 129, 130, 9, 8, 7, 0, 0, 0, 50, 60, 70});
        byte[] png = ImageFiles.encodePng8(rgb);
        FloatImage java = ImageFiles.decode(png, "rgb.png").image();
        FloatImage cv = ImageFiles.decodeWithOpenCv(png, "rgb.png").image();
        assertThat(java.unsignedBytes()).containsExactly(255, 0, 7, 1, 2, 3, 128, 129, 130, 9, 8, 7, 0, 0, 0, 50, 60, 70);
        assertThat(cv.unsignedBytes()).containsExactly(java.unsignedBytes());    // RGB order from OpenCV's BGR too
        assertThat(java).isEqualTo(rgb).isEqualTo(cv);
        FloatImage gray = ImageFiles.decode(ImageFiles.encodePng8(ramp(4, 2, 1, 30)), "gray.png").image();
        assertThat(gray.unsignedBytes()).isNotNull();
        assertThat(gray).isEqualTo(ramp(4, 2, 1, 30));
        assertThat(ImageFiles.decode(ImageFiles.encodePng16(ramp(4, 2, 1, 3000)), "d.png").image().unsignedBytes()).isNull();
    }

    @Test
    void png16KeepsSixteenBitValuesAndGrayStaysOneChannel() throws IOException {
        FloatImage im = ramp(5, 3, 1, 4000);
        Path file = tmp.resolve("depth.png");
        Files.write(file, ImageFiles.encodePng16(im));
        ImageFiles.Decoded back = ImageFiles.readDecoded(file);
        assertThat(back.bitDepth()).isEqualTo(16);
        assertThat(back.image()).isEqualTo(im);
    }

    @Test
    void undecodableBytesNameTheFile() {
        byte[] png = ImageFiles.encodePng8(ramp(8, 8, 1, 1));
        byte[] cut = java.util.Arrays.copyOf(png, 40);
        assertThatThrownBy(() -> ImageFiles.decode(cut, "broken.png"))
                .isInstanceOf(IOException.class).hasMessageStartingWith("broken.png: ");
    }

    @Test
    void matConversionsRoundTrip() {
        FloatImage im = ramp(4, 3, 3, 0.5f);
        assertThat(ImageFiles.fromFloatMat(ImageFiles.toMat(im))).isEqualTo(im);
    }

    @Test
    void labelsReadFromBytesAreTheDecodedImagesIntegersForOneChannelPngsOfAtMostTheBitsGiven() throws IOException {
        FloatImage gray8 = ramp(7, 5, 1, 7);
        byte[] png8 = ImageFiles.encodePng8(gray8);
        org.eibench.metrics.LabelMap l8 = ImageFiles.decodeLabels(png8, "gray8.png", 8);
        float[] decoded = ImageFiles.decode(png8, "gray8.png").image().data();
        assertThat(l8.width()).isEqualTo(7);
        for (int i = 0; i < decoded.length; i++) {
            assertThat(l8.labels()[i]).isEqualTo((int) decoded[i]);
        }
        // 8-bit labels are kept as bytes (a quarter of the memory), 16-bit ones as ints; OpenCV's read agrees
        assertThat(l8.unsignedBytes()).isNotNull();
        assertThat(ImageFiles.labelsWithOpenCv(png8, "gray8.png")).isEqualTo(l8);
        assertThat(ImageFiles.labelsWithOpenCv(png8, "gray8.png").unsignedBytes()).isNotNull();
        byte[] png16 = ImageFiles.encodePng16(ramp(7, 5, 1, 1000));
        assertThat(ImageFiles.decodeLabels(png16, "gray16.png", 16).labels()[34]).isEqualTo(34000);
        assertThat(ImageFiles.decodeLabels(png16, "gray16.png", 16).unsignedBytes()).isNull();
        assertThat(ImageFiles.labelsWithOpenCv(png16, "gray16.png")).isEqualTo(ImageFiles.decodeLabels(png16, "gray16.png", 16));
        // Not taken: more bits than the decoder's, more than one channel, not a PNG.
        assertThat(ImageFiles.decodeLabels(png16, "gray16.png", 8)).isNull();
        assertThat(ImageFiles.decodeLabels(ImageFiles.encodePng8(ramp(7, 5, 3, 1)), "rgb.png", 8)).isNull();
        org.opencv.core.MatOfByte jpeg = new org.opencv.core.MatOfByte();
        org.opencv.imgcodecs.Imgcodecs.imencode(".jpg", ImageFiles.toMat(gray8), jpeg);
        assertThat(ImageFiles.decodeLabels(jpeg.toArray(), "gray.jpg", 8)).isNull();
        // A damaged file fails as decode fails.
        byte[] cut = java.util.Arrays.copyOf(png8, 40);
        assertThatThrownBy(() -> ImageFiles.decodeLabels(cut, "broken.png", 8))
                .isInstanceOf(IOException.class).hasMessageStartingWith("broken.png: ");
    }
}
