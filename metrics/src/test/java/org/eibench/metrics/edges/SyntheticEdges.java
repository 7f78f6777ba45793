package org.eibench.metrics.edges;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.eibench.metrics.FloatImage;

/** Seeded synthetic boundary data: annotators draw jittered versions of the same random segments. */
final class SyntheticEdges {

    record Sample(FloatImage prediction, EdgeAnnotations truth) {
    }

    private SyntheticEdges() {
    }

    static List<Sample> dataset(long seed, int images) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Sample> out = new ArrayList<>();
        for (int n = 0; n < images; n++) {
            int w = 40 + rnd.nextInt(30);
            int h = 30 + rnd.nextInt(30);
            int segments = 2 + rnd.nextInt(4);
            int[][] seg = new int[segments][4];
            for (int[] s : seg) {
                s[0] = rnd.nextInt(w);
                s[1] = rnd.nextInt(h);
                s[2] = rnd.nextInt(w);
                s[3] = rnd.nextInt(h);
            }
            int annotators = 1 + rnd.nextInt(4);
            List<FloatImage> maps = new ArrayList<>();
            for (int a = 0; a < annotators; a++) {
                float[] m = new float[w * h];
                for (int[] s : seg) {
                    if (rnd.nextDouble() < 0.8) {
                        line(m, w, h, s[0] + rnd.nextInt(3) - 1, s[1] + rnd.nextInt(3) - 1, s[2], s[3], 1f);
                    }
                }
                maps.add(new FloatImage(w, h, 1, m));
            }
            float[] p = new float[w * h];
            for (int[] s : seg) {
                float strength = (float) (0.2 + 0.8 * rnd.nextDouble());
                line(p, w, h, s[0] + rnd.nextInt(5) - 2, s[1] + rnd.nextInt(5) - 2, s[2] + rnd.nextInt(5) - 2,
                        s[3] + rnd.nextInt(5) - 2, strength);
            }
            for (int i = 0; i < p.length; i++) {
                if (rnd.nextDouble() < 0.03) {
                    p[i] = Math.max(p[i], (float) rnd.nextDouble());
                }
                // a soft halo next to strong pixels, so that thinning has something to do
                if (i + 1 < p.length && p[i + 1] > 0.5f && rnd.nextDouble() < 0.5) {
                    p[i] = Math.max(p[i], 0.5f * p[i + 1]);
                }
            }
            out.add(new Sample(new FloatImage(w, h, 1, p), new EdgeAnnotations(maps)));
        }
        return out;
    }

    /** 8-connected digital segment, endpoints clamped into the image. */
    static void line(float[] m, int w, int h, int x0, int y0, int x1, int y1, float v) {
        x0 = clamp(x0, w);
        x1 = clamp(x1, w);
        y0 = clamp(y0, h);
        y1 = clamp(y1, h);
        int steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
        for (int k = 0; k <= steps; k++) {
            int x = steps == 0 ? x0 : (int) Math.round(x0 + (x1 - x0) * (double) k / steps);
            int y = steps == 0 ? y0 : (int) Math.round(y0 + (y1 - y0) * (double) k / steps);
            m[y * w + x] = Math.max(m[y * w + x], v);
        }
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }
}
