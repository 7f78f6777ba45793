package org.eibench.tasks.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.eibench.metrics.FloatImage;
import org.eibench.metrics.LabelMap;
import org.junit.jupiter.api.Test;

/** The per-call colour cache of the palette decoder gives exactly the brute-force nearest colour. */
class PaletteCacheTest {

    private static int bruteForce(Palette p, boolean l1, float r, float g, float b) {
        int best = 0;
        float bestD = Float.MAX_VALUE;
        for (int c = 0; c < p.colors().size(); c++) {
            int[] col = p.colors().get(c);
            float dr = r - col[0];
            float dg = g - col[1];
            float db = b - col[2];
            float dist = l1 ? Math.abs(dr) + Math.abs(dg) + Math.abs(db) : dr * dr + dg * dg + db * db;
            if (dist < bestD) {
                bestD = dist;
                best = c;
            }
        }
        return best;
    }

    @Test
    void cachedDecodingEqualsBruteForceOnManyColours() {
        SplittableRandom rnd = new SplittableRandom(7);
        int w = 97;
        int h = 61;
        float[] d = new float[w * h * 3];
        for (int i = 0; i < d.length; i += 3) {
            switch (rnd.nextInt(4)) {
                case 0 -> { // exact palette colour
                    int[] c = Palette.voc().colors().get(rnd.nextInt(Palette.voc().colors().size()));
                    d[i] = c[0];
                    d[i + 1] = c[1];
                    d[i + 2] = c[2];
                }
                case 1 -> { // non-integer values, out-of-range values
                    d[i] = (float) (rnd.nextDouble() * 300 - 20);
                    d[i + 1] = (float) (rnd.nextDouble() * 255);
                    d[i + 2] = rnd.nextBoolean() ? -3 : 260;
                }
                default -> { // any 8-bit colour, many of them repeated
                    d[i] = rnd.nextInt(8) * 32;
                    d[i + 1] = rnd.nextInt(256);
                    d[i + 2] = rnd.nextInt(4) * 64;
                }
            }
        }
        FloatImage out = new FloatImage(w, h, 3, d);
        for (Palette p : new Palette[] {Palette.voc(), Palette.ade20kPainter()}) {
            for (boolean l1 : new boolean[] {false, true}) {
                LabelMap target = new LabelMap(w, h, new int[w * h]);
                LabelMap m = (LabelMap) new PaletteDecoder(p, l1, false).decode(out, null, target);
                for (int px = 0; px < w * h; px++) {
                    assertThat(m.labels()[px]).as("pixel %d", px)
                            .isEqualTo(bruteForce(p, l1, d[3 * px], d[3 * px + 1], d[3 * px + 2]));
                }
            }
        }
    }

    @Test
    void theTableGrowsAndKeepsEveryEntry() {
        PaletteDecoder.ColorCache c = new PaletteDecoder.ColorCache();
        for (int k = 0; k < 5000; k++) {
            c.put(k * 3371 & 0xFFFFFF, k % 150);
        }
        for (int k = 0; k < 5000; k++) {
            assertThat(c.get(k * 3371 & 0xFFFFFF)).isEqualTo(k % 150);
        }
        assertThat(c.get(0xFFFFFE)).isEqualTo(-1);
    }
}
