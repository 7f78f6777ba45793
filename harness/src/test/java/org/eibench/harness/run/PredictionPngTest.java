package org.eibench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.eibench.imaging.ImageFiles;
import org.eibench.metrics.FloatImage;
import org.junit.jupiter.api.Test;

/** Saved predictions decode back to exactly the quantised pixels that were scored, and to what ImageFiles writes. */
class PredictionPngTest {

    private static FloatImage random(int w, int h, int c, float max, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[w * h * c];
        for (int i = 0; i < d.length; i++) {
            // Smooth ramps plus noise, and the extremes.
            d[i] = i % 97 == 0 ? max : i % 89 == 0 ? 0 : (float) Math.floor(((i / c) % w) * max / w * 0.7 + r.nextDouble() * max * 0.3);
        }
        return new FloatImage(w, h, c, d);
    }

    @Test
    void roundTripsExactlyAtEightAndSixteenBits() throws Exception {
        for (int c : new int[] {1, 3}) {
            FloatImage q8 = random(67, 41, c, 255, c);
            FloatImage back8 = ImageFiles.decode(PredictionPng.encode(q8, 8), "a.png").image();
            assertThat(back8).isEqualTo(q8);
            assertThat(back8).isEqualTo(ImageFiles.decode(ImageFiles.encodePng8(q8), "b.png").image());

            FloatImage q16 = random(53, 29, c, 65535, 10 + c);
            ImageFiles.Decoded d16 = ImageFiles.decode(PredictionPng.encode(q16, 16), "c.png");
            assertThat(d16.bitDepth()).isEqualTo(16);
            assertThat(d16.image()).isEqualTo(q16);
        }
    }

    @Test
    void storedPngsDecodeToTheSamePixelsAsCompressedOnes() throws Exception {
        for (int c : new int[] {1, 3}) {
            for (int bits : new int[] {8, 16}) {
                FloatImage q = random(61, 37, c, bits == 8 ? 255 : 65535, 100 + 10L * c + bits);
                byte[] stored = PredictionPng.encode(q, bits, PredictionPng.Compression.FAST);
                byte[] small = PredictionPng.encode(q, bits, PredictionPng.Compression.SMALL);
                ImageFiles.Decoded back = ImageFiles.decode(stored, "stored.png");
                assertThat(back.bitDepth()).as("%d channel(s), %d bits", c, bits).isEqualTo(bits);
                assertThat(back.image()).as("%d channel(s), %d bits", c, bits).isEqualTo(q);
                assertThat(back.image()).isEqualTo(ImageFiles.decode(small, "small.png").image());
                // Stored: the raw rows (one filter byte each) plus framing, never compressed.
                int rawBytes = q.height() * (1 + q.width() * c * bits / 8);
                assertThat(stored.length).isBetween(rawBytes, rawBytes + 100);
            }
        }
    }

    @Test
    void largeStoredImagesSpanSeveralDeflateBlocks() throws Exception {
        // Stored deflate blocks hold at most 65535 bytes: a 16-bit RGB 300x200 image needs six.
        FloatImage q = random(300, 200, 3, 65535, 7);
        assertThat(ImageFiles.decode(PredictionPng.encode(q, 16, PredictionPng.Compression.FAST), "big.png").image())
                .isEqualTo(q);
    }
}
