package org.eibench.metrics.segmentation;

import org.eibench.metrics.LabelMap;

/**
 * The counting kernel behind {@link SegmentationMetric}: a (ground-truth row) x (predicted column) table of pixel
 * counts for one label map pair, computed in one pass without masks or temporary index arrays (numpy's
 * {@code np.bincount(C * gt[mask] + pred[mask])}, as mmseg and detectron2 compute it, makes four passes and three
 * temporaries).
 *
 * <p>Layout: rows are raw ground-truth values in [0, rows) where {@code rows} is a power of two at least as large as
 * every row the caller needs (the classes, the ignore value, the ADE20K zero), so the bounds check of four pixels is
 * one OR and one AND; columns are predicted class ids in [0, C) plus column C for every prediction outside [0, C)
 * (a wrong prediction, counted against its ground truth but in no class's predicted area).
 *
 * <p>Speed: label maps are piecewise constant, so consecutive pixels usually hit the same counter. A plain
 * {@code t[k]++} per pixel then serialises on store-to-load forwarding (about 2.5 ns a pixel here); instead the loop
 * keeps a run length in a register and touches the table only when the (gt, pred) pair changes. On random labels
 * (no runs) the comparison is always false and predictably so, and the loop is a plain scatter. Either way the pass
 * is close to the cost of just reading both arrays (see docs/performance.md). Counts are ints: one image has fewer
 * than 2^31 pixels.
 */
public final class ConfusionMatrix {

    private final int rows;
    private final int cols;
    private final int[] counts;
    private final long outsideRows;

    private ConfusionMatrix(int rows, int cols, int[] counts, long outsideRows) {
        this.rows = rows;
        this.cols = cols;
        this.counts = counts;
        this.outsideRows = outsideRows;
    }

    /** Smallest power of two that is at least {@code n} (and at least 1). */
    public static int rowsFor(int n) {
        int r = Integer.highestOneBit(Math.max(1, n));
        return r < n ? r << 1 : r;
    }

    /**
     * Counts pixel pairs. Pixels whose ground truth lies outside [0, rows) are not counted, only their number is
     * kept, so that the caller can tell an ignore value from an invalid label (by a second look, on that rare path).
     *
     * @param gt         ground-truth values, one per pixel
     * @param pred       predicted values, one per pixel (same length); ids outside [0, numClasses) go to column C
     * @param numClasses C
     * @param rows       a power of two: number of ground-truth rows kept
     */
    public static ConfusionMatrix count(int[] gt, int[] pred, int numClasses, int rows) {
        int[] t = table(gt.length, pred.length, numClasses, rows);
        long outside = countRuns(gt, pred, numClasses, ~(rows - 1), t);
        return new ConfusionMatrix(rows, numClasses + 1, t, outside);
    }

    /**
     * {@link #count(int[], int[], int, int)} of two maps of unsigned bytes (labels 0-255, {@link LabelMap#ofUnsignedBytes}):
     * the same table, reading a quarter of the memory.
     */
    public static ConfusionMatrix count(byte[] gt, byte[] pred, int numClasses, int rows) {
        int[] t = table(gt.length, pred.length, numClasses, rows);
        long outside = countRuns(gt, pred, numClasses, ~(rows - 1), t);
        return new ConfusionMatrix(rows, numClasses + 1, t, outside);
    }

    /** Two maps in whichever layout they have: bytes when both are bytes, else ints. */
    public static ConfusionMatrix count(LabelMap gt, LabelMap pred, int numClasses, int rows) {
        byte[] g = gt.unsignedBytes();
        byte[] p = pred.unsignedBytes();
        return g != null && p != null ? count(g, p, numClasses, rows) : count(gt.labels(), pred.labels(), numClasses, rows);
    }

    private static int[] table(int gtLength, int predLength, int numClasses, int rows) {
        if (gtLength != predLength) {
            throw new IllegalArgumentException("ground truth has " + gtLength + " pixels, prediction " + predLength);
        }
        if (rows <= 0 || Integer.bitCount(rows) != 1 || (long) rows * (numClasses + 1) > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("rows must be a power of two and the table small enough: " + rows + " x " + (numClasses + 1));
        }
        return new int[rows * (numClasses + 1)];
    }

    /** The hot loop, kept small so that the JIT compiles it on its own; returns the number of pixels outside the rows. */
    private static long countRuns(int[] gt, int[] pred, int c, int rowMask, int[] t) {
        final int cols = c + 1;
        long outside = 0;
        int prev = 0;
        int run = 0;
        for (int i = 0, n = gt.length; i < n; i++) {
            int g = gt[i];
            int p = pred[i];
            // Unsigned compare: negative ids and ids >= C both become column C (a wrong prediction).
            p = Integer.compareUnsigned(p, c) < 0 ? p : c;
            if ((g & rowMask) != 0) {
                outside++; // rare: negative ground truth, or a large ignore value; the caller looks again
                continue;
            }
            int k = g * cols + p;
            if (k == prev) {
                run++;
            } else {
                t[prev] += run;
                prev = k;
                run = 1;
            }
        }
        t[prev] += run;
        return outside;
    }

    /** {@link #countRuns(int[], int[], int, int, int[])} over unsigned bytes: the same loop, values widened. */
    private static long countRuns(byte[] gt, byte[] pred, int c, int rowMask, int[] t) {
        final int cols = c + 1;
        long outside = 0;
        int prev = 0;
        int run = 0;
        for (int i = 0, n = gt.length; i < n; i++) {
            int g = gt[i] & 0xff;
            int p = pred[i] & 0xff;
            p = p < c ? p : c;
            if ((g & rowMask) != 0) {
                outside++;
                continue;
            }
            int k = g * cols + p;
            if (k == prev) {
                run++;
            } else {
                t[prev] += run;
                prev = k;
                run = 1;
            }
        }
        t[prev] += run;
        return outside;
    }

    public int rows() {
        return rows;
    }

    /** C + 1: the last column counts predictions outside [0, C). */
    public int cols() {
        return cols;
    }

    /** Count of pixels with ground truth {@code row} and prediction column {@code col}. */
    public long get(int row, int col) {
        return counts[row * cols + col];
    }

    /** Sum of one ground-truth row. */
    public long rowTotal(int row) {
        long s = 0;
        for (int k = row * cols, e = k + cols; k < e; k++) {
            s += counts[k];
        }
        return s;
    }

    /**
     * Adds the first {@code n} columns of one ground-truth row to {@code out}, column by column. A loop of its own so
     * that C2 compiles it, small, instead of the whole of {@code SegmentationMetric.measure}: with the 151 x 150 loop
     * inside it, measure was compiled by C2 three times over 200 samples (OSR, standard, and again after a
     * deoptimisation), about 0.18 s of compile time.
     */
    void addRow(int row, int n, double[] out) {
        for (int p = 0, k = row * cols; p < n; p++, k++) {
            out[p] += counts[k];
        }
    }

    /** Number of pixels whose ground truth was outside [0, rows). */
    public long outsideRows() {
        return outsideRows;
    }
}
