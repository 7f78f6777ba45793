package org.eibench.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eibench.metrics.FloatImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageHeaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsPngDimensionsWithoutDecoding() throws IOException {
        Path file = tmp.resolve("a.png");
        Files.write(file, ImageFiles.encodePng8(FloatImage.zeros(7, 5, 3)));
        assertThat(ImageHeader.read(file)).isEqualTo(new ImageHeader("png", 7, 5));
    }

    @Test
    void refusesAHeaderClaimingTooManyPixels() throws IOException {
        byte[] png = ImageFiles.encodePng8(FloatImage.zeros(4, 4, 1));
        ByteBuffer.wrap(png).putInt(16, 100_000).putInt(20, 100_000); // IHDR width and height
        ImageHeader h = ImageHeader.parse(png, "huge.png");
        assertThat(h.width()).isEqualTo(100_000);
        assertThatThrownBy(() -> h.requireSane("huge.png", ImageHeader.MAX_PIXELS))
                .isInstanceOf(IOException.class).hasMessageContaining("huge.png").hasMessageContaining("100000x100000");
        assertThatThrownBy(() -> ImageFiles.decode(png, "huge.png")).isInstanceOf(IOException.class)
                .hasMessageContaining("more than the limit");
    }
}
