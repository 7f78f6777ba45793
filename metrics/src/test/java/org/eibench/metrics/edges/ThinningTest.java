package org.eibench.metrics.edges;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThinningTest {

    record Case(int w, int h, boolean[] in, boolean[] expected) {
    }

    /** Golden cases made by scikit-image's thin (see src/test/python/edges_golden.py). */
    static List<Case> goldenCases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ThinningTest.class.getResourceAsStream("/golden/edges/thin_cases.txt"), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("case")) {
                    continue;
                }
                String[] p = line.split(" ");
                int w = Integer.parseInt(p[1]);
                int h = Integer.parseInt(p[2]);
                boolean[] in = new boolean[w * h];
                boolean[] out = new boolean[w * h];
                for (boolean[] target : new boolean[][] {in, out}) {
                    for (int y = 0; y < h; y++) {
                        String row = r.readLine();
                        for (int x = 0; x < w; x++) {
                            target[y * w + x] = row.charAt(x) == '1';
                        }
                    }
                }
                cases.add(new Case(w, h, in, out));
            }
        }
        return cases;
    }

    @Test
    void matchesScikitImageThinOnGoldenCases() throws IOException {
        List<Case> cases = goldenCases();
        assertThat(cases).hasSize(12);
        for (Case c : cases) {
            boolean[] b = c.in().clone();
            Thinning.thin(b, c.w(), c.h());
            assertThat(b).as("case %dx%d", c.w(), c.h()).isEqualTo(c.expected());
        }
    }

    @Test
    void scikitImageDocstringExample() {
        // skimage.morphology.thin docstring: a 5x3 block with a diagonal spur thins to a diagonal-then-vertical line.
        String[] in = {"0100000", "0011100", "0011100", "0011100", "0011100", "0011100", "0000000"};
        String[] out = {"0100000", "0010000", "0001000", "0001000", "0001000", "0000000", "0000000"};
        boolean[] b = parse(in);
        Thinning.thin(b, 7, 7);
        assertThat(b).isEqualTo(parse(out));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void thinningIsIdempotentAndShrinks(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int w = 30 + rnd.nextInt(20);
        int h = 20 + rnd.nextInt(20);
        boolean[] b = new boolean[w * h];
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextDouble() < 0.5;
        }
        boolean[] once = b.clone();
        Thinning.thin(once, w, h);
        for (int i = 0; i < b.length; i++) {
            assertThat(!once[i] || b[i]).isTrue();
        }
        boolean[] twice = once.clone();
        Thinning.thin(twice, w, h);
        assertThat(twice).isEqualTo(once);
    }

    @Test
    void oneWideLinesStay() {
        int w = 20;
        int h = 12;
        boolean[] b = new boolean[w * h];
        for (int x = 2; x < 18; x++) {
            b[2 * w + x] = true; // horizontal, not touching the diagonal (a corner pixel would go)
        }
        for (int k = 0; k < 8; k++) {
            b[(4 + k) * w + 2 + k] = true; // diagonal
        }
        boolean[] t = b.clone();
        Thinning.thin(t, w, h);
        assertThat(t).isEqualTo(b);
    }

    private static boolean[] parse(String[] rows) {
        int w = rows[0].length();
        boolean[] b = new boolean[w * rows.length];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < w; x++) {
                b[y * w + x] = rows[y].charAt(x) == '1';
            }
        }
        return b;
    }
}
