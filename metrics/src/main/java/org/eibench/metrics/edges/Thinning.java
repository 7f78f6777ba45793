package org.eibench.metrics.edges;

/**
 * Morphological thinning to one-pixel-wide strokes, as MATLAB's {@code bwmorph(bw, 'thin', Inf)} computes it.
 *
 * <p>MATLAB documents its 'thin' operation as the two-subiteration parallel algorithm of Lam, Lee and Suen,
 * "Thinning Methodologies - A Comprehensive Survey", IEEE TPAMI 14(9), 1992, p. 879 (the Guo-Hall family). It is
 * implemented with two 3x3 lookup tables applied one after the other; a sweep is both subiterations, and
 * {@code Inf} repeats sweeps until nothing changes. Pixels outside the image count as background (MATLAB pads
 * with zeros). The same conditions are used by scikit-image's {@code thin}, which is tested against MATLAB.
 *
 * <p>Neighbours of p are numbered x1..x8 counter-clockwise from east: x1 = E, x2 = NE, x3 = N, x4 = NW, x5 = W,
 * x6 = SW, x7 = S, x8 = SE (north = previous row). Bit k of a table index is x(k+1). A foreground pixel is removed
 * in a subiteration when all three conditions hold on the image as it was at the start of that subiteration:
 * <ul>
 *   <li>G1: the Hilditch crossing number X_H(p) = #{k in 1..4 : x(2k-1) = 0 and (x(2k) = 1 or x(2k+1) = 1)} is 1;</li>
 *   <li>G2: 2 <= min(n1, n2) <= 3 with n1 = sum_k x(2k-1) or x(2k), n2 = sum_k x(2k) or x(2k+1);</li>
 *   <li>G3 (first subiteration): (x2 or x3 or not x8) and x1 is false;
 *       G3' (second): (x6 or x7 or not x4) and x5 is false.</li>
 * </ul>
 */
final class Thinning {

    /** DELETE1[n] / DELETE2[n]: remove a foreground pixel with neighbourhood code n in subiteration 1 / 2. */
    private static final boolean[] DELETE1 = new boolean[256];
    private static final boolean[] DELETE2 = new boolean[256];

    static {
        for (int n = 0; n < 256; n++) {
            boolean[] x = new boolean[9]; // x[1..8] as in the paper
            for (int k = 1; k <= 8; k++) {
                x[k] = ((n >> (k - 1)) & 1) != 0;
            }
            int crossing = 0;
            for (int k = 1; k <= 4; k++) {
                if (!x[2 * k - 1] && (x[2 * k] || x[wrap(2 * k + 1)])) {
                    crossing++;
                }
            }
            int n1 = 0;
            int n2 = 0;
            for (int k = 1; k <= 4; k++) {
                if (x[2 * k - 1] || x[2 * k]) {
                    n1++;
                }
                if (x[2 * k] || x[wrap(2 * k + 1)]) {
                    n2++;
                }
            }
            int m = Math.min(n1, n2);
            boolean g12 = crossing == 1 && m >= 2 && m <= 3;
            DELETE1[n] = g12 && !((x[2] || x[3] || !x[8]) && x[1]);
            DELETE2[n] = g12 && !((x[6] || x[7] || !x[4]) && x[5]);
        }
    }

    private static int wrap(int k) {
        return k > 8 ? k - 8 : k;
    }

    private Thinning() {
    }

    /**
     * Thins {@code bw} (row-major, 1 = foreground) in place until stable.
     *
     * @return the number of foreground pixels left
     */
    static int thin(boolean[] bw, int width, int height) {
        // Only foreground pixels can change, so keep a list of them instead of sweeping the whole image each pass.
        int count = 0;
        for (boolean b : bw) {
            if (b) {
                count++;
            }
        }
        int[] fg = new int[count];
        for (int i = 0, k = 0; i < bw.length; i++) {
            if (bw[i]) {
                fg[k++] = i;
            }
        }
        int[] doomed = new int[count];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int pass = 0; pass < 2; pass++) {
                boolean[] table = pass == 0 ? DELETE1 : DELETE2;
                // Parallel subiteration: decide every deletion on the unchanged image, then apply.
                int nd = 0;
                for (int k = 0; k < count; k++) {
                    int p = fg[k];
                    if (table[code(bw, width, height, p)]) {
                        doomed[nd++] = k;
                    }
                }
                if (nd == 0) {
                    continue;
                }
                changed = true;
                for (int d = 0; d < nd; d++) {
                    bw[fg[doomed[d]]] = false;
                }
                int kept = 0;
                for (int k = 0; k < count; k++) {
                    if (bw[fg[k]]) {
                        fg[kept++] = fg[k];
                    }
                }
                count = kept;
            }
        }
        return count;
    }

    /** Neighbourhood code of pixel p: bit k set when x(k+1) is foreground; outside the image is background. */
    private static int code(boolean[] bw, int w, int h, int p) {
        int y = p / w;
        int x = p - y * w;
        boolean hasN = y > 0;
        boolean hasS = y < h - 1;
        boolean hasW = x > 0;
        boolean hasE = x < w - 1;
        int c = 0;
        if (hasE && bw[p + 1]) {
            c |= 1;
        }
        if (hasN && hasE && bw[p - w + 1]) {
            c |= 2;
        }
        if (hasN && bw[p - w]) {
            c |= 4;
        }
        if (hasN && hasW && bw[p - w - 1]) {
            c |= 8;
        }
        if (hasW && bw[p - 1]) {
            c |= 16;
        }
        if (hasS && hasW && bw[p + w - 1]) {
            c |= 32;
        }
        if (hasS && bw[p + w]) {
            c |= 64;
        }
        if (hasS && hasE && bw[p + w + 1]) {
            c |= 128;
        }
        return c;
    }
}
