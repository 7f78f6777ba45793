package org.eibench.metrics.edges;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.eibench.metrics.FloatImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PixelCorrespondenceTest {

    /** Cost of a matching under correspondPixels' objective: pair costs plus ow per unmatched pixel of either map. */
    private static long objective(PixelCorrespondence pc, int[] pairs, int n1, int n2) {
        long c = 0;
        for (int k = 0; k < pairs.length; k += 2) {
            c += pc.pairCost(pairs[k], pairs[k + 1]);
        }
        int matched = pairs.length / 2;
        return c + (long) (n1 + n2 - matched) * pc.outlierWeight();
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22})
    void optimalAgainstBruteForceOnTinyMaps(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int w = 9;
        int h = 7;
        // max_dist such that the radius is about 2.5 pixels
        double rel = 2.5 / Math.sqrt(w * w + h * h);
        PixelCorrespondence pc = new PixelCorrespondence(w, h, rel, 100);
        boolean[] a = new boolean[w * h];
        boolean[] b = new boolean[w * h];
        int na = 2 + rnd.nextInt(5);
        int nb = 2 + rnd.nextInt(5);
        for (int k = 0; k < na; k++) {
            a[rnd.nextInt(a.length)] = true;
        }
        for (int k = 0; k < nb; k++) {
            b[rnd.nextInt(b.length)] = true;
        }
        int[] fa = pc.pad(a).pixels();
        int[] fb = pc.pad(b).pixels();
        int[] pairs = pc.pairs(a, b);
        long best = brute(pc, fa, fb, 0, new boolean[fb.length], 0, 0);
        assertThat(objective(pc, pairs, fa.length, fb.length)).isEqualTo(best);
        // every pair is within range and one-to-one
        assertThat(java.util.Arrays.stream(pairs).distinct().count()).isEqualTo(pairs.length);
        for (int k = 0; k < pairs.length; k += 2) {
            assertThat(pc.pairCost(pairs[k], pairs[k + 1])).isLessThanOrEqualTo(250);
        }
    }

    /** Exhaustive minimum over all one-to-one matchings of fa[i..] to unused fb within range. */
    private static long brute(PixelCorrespondence pc, int[] fa, int[] fb, int i, boolean[] used, long cost, int matched) {
        if (i == fa.length) {
            return cost + (long) (fa.length + fb.length - 2 * matched) * pc.outlierWeight() + (long) matched * pc.outlierWeight();
        }
        long best = brute(pc, fa, fb, i + 1, used, cost, matched);
        for (int j = 0; j < fb.length; j++) {
            if (used[j]) {
                continue;
            }
            int dx = fa[i] % 9 - fb[j] % 9;
            int dy = fa[i] / 9 - fb[j] / 9;
            if (dx * dx + dy * dy > pc.maxDistPixels() * pc.maxDistPixels()) {
                continue;
            }
            used[j] = true;
            best = Math.min(best, brute(pc, fa, fb, i + 1, used, cost + pc.pairCost(fa[i], fb[j]), matched + 1));
            used[j] = false;
        }
        return best;
    }

    @Test
    void identicalShiftedAndDistantMaps() {
        int w = 60;
        int h = 40;
        PixelCorrespondence pc = new PixelCorrespondence(w, h, 0.0075 * 4, 100); // about 2.2 px
        boolean[] a = new boolean[w * h];
        boolean[] shifted = new boolean[w * h];
        boolean[] far = new boolean[w * h];
        for (int x = 5; x < 55; x++) {
            a[10 * w + x] = true;
            shifted[12 * w + x] = true;
            far[30 * w + x] = true;
        }
        assertThat(pc.count(a, a)).isEqualTo(50);
        assertThat(pc.count(a, shifted)).isEqualTo(50);
        assertThat(pc.count(a, far)).isZero();
        assertThat(pc.count(far, a)).isZero();
        // near an image corner, where the search window leaves the image
        boolean[] c1 = new boolean[w * h];
        boolean[] c2 = new boolean[w * h];
        c1[0] = true;
        c2[w + 1] = true;
        c2[(h - 1) * w + w - 1] = true;
        assertThat(pc.count(c1, c2)).isEqualTo(1);
        assertThat(pc.pairs(c2, c1)).containsExactly(w + 1, 0);
    }

    /** Match counts and summed pair costs on the real fixture equal scipy's sparse LAPJV (golden file). */
    @Test
    void fixtureMatchesEqualScipyOptimum() throws IOException {
        Path bench = EdgesTestData.bsdsBench();
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/golden/edges/match_fixture.txt"), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    rows.add(line.trim().split("\\s+"));
                }
            }
        }
        assertThat(rows).hasSize(26);
        String currentId = null;
        boolean[] bmap = null;
        EdgeAnnotations gt = null;
        PixelCorrespondence pc = null;
        for (String[] row : rows) {
            if (!row[0].equals(currentId)) {
                currentId = row[0];
                FloatImage pred = EdgesTestData.prediction(bench, currentId);
                double[] pb = BsdsBoundaryMetric.asMatlabDoubles(pred.data());
                bmap = new boolean[pb.length];
                double t = Double.parseDouble(row[2]);
                for (int i = 0; i < pb.length; i++) {
                    bmap[i] = pb[i] >= t;
                }
                Thinning.thin(bmap, pred.width(), pred.height());
                gt = EdgesTestData.annotations(bench, currentId);
                pc = new PixelCorrespondence(pred.width(), pred.height(), 0.0075, 100);
            }
            boolean[] g = gt.mask(Integer.parseInt(row[1]) - 1);
            int[] pairs = pc.pairs(bmap, g);
            long cost = 0;
            for (int k = 0; k < pairs.length; k += 2) {
                cost += pc.pairCost(pairs[k], pairs[k + 1]);
            }
            assertThat(pc.pad(bmap).pixels()).as("thinned pixels %s", currentId).hasSize(Integer.parseInt(row[3]));
            assertThat(pc.pad(g).pixels()).hasSize(Integer.parseInt(row[4]));
            assertThat(pairs.length / 2).as("matches %s/%s", row[0], row[1]).isEqualTo(Integer.parseInt(row[5]));
            assertThat(cost).as("cost %s/%s", row[0], row[1]).isEqualTo(Long.parseLong(row[6]));
        }
    }
}
