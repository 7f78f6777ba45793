package org.eibench.metrics.edges;

import java.util.Arrays;

/**
 * One-to-one correspondence of two binary boundary maps, with the semantics of the Berkeley benchmark's
 * {@code correspondPixels} (BSDS500 {@code bench/source/correspondPixels.cc} and {@code match.cc}, D. Martin, 2003).
 *
 * <p>What the original does: a pixel of either map is a node when some pixel of the other map lies within
 * {@code maxDist} pixels (Euclidean, {@code maxDist = max_dist * sqrt(rows^2 + cols^2)}); the edge between two
 * such pixels costs {@code rint(100 * distance)}; every node may instead be left unmatched, through an outlier node,
 * at cost {@code ceil(100 * outlierCost)} with {@code outlierCost = 100 * maxDist}. The resulting perfect
 * assignment problem is solved with Goldberg's cost-scaling assignment code (CSA); to keep it sparse, match.cc
 * connects each node to only 6 randomly drawn outlier nodes, plus a 100x more expensive diagonal that guarantees
 * a perfect assignment exists.
 *
 * <p>What we do: the same integer costs, solved exactly. A matching M costs {@code sum_M w + (n1 + n2 - |M|) * ow},
 * so minimising it is a maximum-weight bipartite matching with weights {@code ow - w > 0}. We solve it with
 * successive shortest augmenting paths (Dijkstra with column prices, the augmentation phase of Jonker and
 * Volgenant 1987) on the sparse graph: each node of the smaller map is a row; each row also owns a private "stay
 * unmatched" column of cost ow. Differences from the original: every outlier connection is present, so the optimum
 * is never restricted by the random draw (in the original it occasionally is, and a match is dropped: on the BSDS
 * fixture the official recall counts are a few in 10^4 below ours; its generator is seeded from the clock, so
 * the official numbers are not reproducible to the pixel either), and among several optimal matchings of equal
 * cost we may pick a different one, which can move the precision count (predicted pixels matched to any
 * annotator) by a few pixels.
 *
 * <p>Maps are held in a {@link Padded} form with a border of background as wide as the search radius, so the
 * neighbourhood scan needs no bounds checks; one map is padded once and matched against several others.
 *
 * <p>Not thread-safe: holds scratch arrays sized for one image size. Create one per thread.
 */
final class PixelCorrespondence {

    /** match.cc: distances are scaled by 100 and rounded so CSA can work in integers. */
    static final int MULTIPLIER = 100;

    private final int width;
    private final int height;
    private final int radius;
    private final int paddedWidth;
    private final double maxDistPx;
    private final long outlierWeight;
    /** Neighbour offsets within maxDist, as steps in the padded raster, and their integer costs. */
    private final int[] offset;
    private final int[] offCost;

    // Scratch, reused across calls: column id of a padded pixel, valid where colStamp == stamp.
    private final int[] colId;
    private final int[] colStamp;
    private int stamp;

    PixelCorrespondence(int width, int height, double maxDistRelative, double outlierCostFactor) {
        if (!(maxDistRelative >= 0) || !(outlierCostFactor > 1)) {
            throw new IllegalArgumentException("max_dist must be >= 0 and the outlier cost factor > 1");
        }
        this.width = width;
        this.height = height;
        // correspondPixels.cc: idiag = sqrt(rows^2 + cols^2); maxDist and outlierCost are relative to it.
        double diag = Math.sqrt((double) width * width + (double) height * height);
        this.maxDistPx = maxDistRelative * diag;
        double outlierCost = outlierCostFactor * maxDistRelative * diag;
        this.outlierWeight = (long) Math.ceil(outlierCost * MULTIPLIER);
        this.radius = (int) Math.ceil(maxDistPx);
        this.paddedWidth = width + 2 * radius;
        int r = radius;
        int n = 0;
        int[] off = new int[(2 * r + 1) * (2 * r + 1)];
        int[] w = new int[off.length];
        for (int v = -r; v <= r; v++) {
            for (int u = -r; u <= r; u++) {
                double d2 = u * u + v * v;
                if (d2 > maxDistPx * maxDistPx) { // match.cc's test, same rounding
                    continue;
                }
                off[n] = v * paddedWidth + u;
                w[n] = (int) Math.rint(Math.sqrt(d2) * MULTIPLIER);
                n++;
            }
        }
        this.offset = Arrays.copyOf(off, n);
        this.offCost = Arrays.copyOf(w, n);
        int paddedSize = paddedWidth * (height + 2 * radius);
        this.colId = new int[paddedSize];
        this.colStamp = new int[paddedSize];
    }

    double maxDistPixels() {
        return maxDistPx;
    }

    long outlierWeight() {
        return outlierWeight;
    }

    /**
     * A boundary map in padded form: {@code cells} is the padded raster (true = boundary), {@code pixels} the
     * boundary pixels as indices into the unpadded image (ascending), {@code padded} the same as indices into
     * {@code cells}. {@link #near} is built on first use.
     */
    static final class Padded {
        private final boolean[] cells;
        private final int[] pixels;
        private final int[] padded;
        private boolean[] near;

        Padded(boolean[] cells, int[] pixels, int[] padded) {
            this.cells = cells;
            this.pixels = pixels;
            this.padded = padded;
        }

        boolean[] cells() {
            return cells;
        }

        int[] pixels() {
            return pixels;
        }

        int[] padded() {
            return padded;
        }
    }

    /**
     * Cells with a boundary pixel of {@code map} within maxDist (the map dilated by the disc). Built once per map,
     * it lets the neighbourhood scan skip the many predicted pixels that are nowhere near an annotator's boundary.
     */
    private boolean[] near(Padded map) {
        if (map.near == null) {
            boolean[] near = new boolean[map.cells.length];
            for (int p : map.padded) {
                for (int off : offset) {
                    near[p + off] = true;
                }
            }
            map.near = near;
        }
        return map.near;
    }

    /** Pads a row-major map of this object's size. */
    Padded pad(boolean[] map) {
        if (map.length != width * height) {
            throw new IllegalArgumentException("map has " + map.length + " pixels, expected " + width * height);
        }
        boolean[] cells = new boolean[colId.length];
        int n = 0;
        for (boolean b : map) {
            if (b) {
                n++;
            }
        }
        int[] pixels = new int[n];
        int[] padded = new int[n];
        int k = 0;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            int prow = (y + radius) * paddedWidth + radius;
            for (int x = 0; x < width; x++) {
                if (map[row + x]) {
                    cells[prow + x] = true;
                    pixels[k] = row + x;
                    padded[k] = prow + x;
                    k++;
                }
            }
        }
        return new Padded(cells, pixels, padded);
    }

    /** Convenience for tests: the optimal matching as unpadded pixel index pairs {@code [p1, p2, ...]}. */
    int[] pairs(boolean[] map1, boolean[] map2) {
        Padded a = pad(map1);
        Padded b = pad(map2);
        int[] idx = match(a, b);
        int[] out = new int[idx.length];
        for (int k = 0; k < idx.length; k += 2) {
            out[k] = a.pixels()[idx[k]];
            out[k + 1] = b.pixels()[idx[k + 1]];
        }
        return out;
    }

    /** Number of matched pairs of two row-major maps. */
    int count(boolean[] map1, boolean[] map2) {
        return match(pad(map1), pad(map2)).length / 2;
    }

    /**
     * The optimal one-to-one matching of {@code a} to {@code b} (padded with {@link #pad} of this object), as
     * pairs of positions in their pixel lists: {@code [i1, j1, i2, j2, ...]} with {@code a.pixels()[i]} matched to
     * {@code b.pixels()[j]}.
     */
    int[] match(Padded a, Padded b) {
        // Adjacency from the pixels of a that have a partner in b; b's pixels get column ids as they are met, so
        // exactly the matchable pixels of both maps become nodes (match.cc's matchable1/matchable2).
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(colStamp, 0);
            stamp = 1;
        }
        boolean[] other = b.cells();
        boolean[] nearB = near(b);
        int[] aPadded = a.padded();
        int[] rowPos = new int[aPadded.length];
        int[] start = new int[aPadded.length + 1];
        int[] adj = new int[Math.max(16, aPadded.length * 4)];
        int[] cost = new int[adj.length];
        int[] colPix = new int[Math.max(16, aPadded.length)];
        int rows = 0;
        int cols = 0;
        int m = 0;
        for (int ia = 0; ia < aPadded.length; ia++) {
            int p = aPadded[ia];
            if (!nearB[p]) {
                continue;
            }
            int before = m;
            for (int k = 0; k < offset.length; k++) {
                int q = p + offset[k];
                if (!other[q]) {
                    continue;
                }
                int j;
                if (colStamp[q] == stamp) {
                    j = colId[q];
                } else {
                    colStamp[q] = stamp;
                    j = cols++;
                    colId[q] = j;
                    if (j == colPix.length) {
                        colPix = Arrays.copyOf(colPix, 2 * j);
                    }
                    colPix[j] = q;
                }
                if (m == adj.length) {
                    adj = Arrays.copyOf(adj, 2 * m);
                    cost = Arrays.copyOf(cost, 2 * m);
                }
                adj[m] = j;
                cost[m] = offCost[k];
                m++;
            }
            if (m > before) {
                rowPos[rows] = ia;
                start[++rows] = m;
            }
        }
        if (rows == 0) {
            return new int[0];
        }
        Graph g = new Graph(rows, cols, start, adj, cost);
        // Rows are the smaller side: searches from a row that ends unmatched are the expensive ones.
        boolean swap = cols < rows;
        if (swap) {
            g = transpose(g);
        }
        int[] rowCol = new Assignment(g, outlierWeight).solve();
        int[] out = new int[2 * g.rows()];
        int n = 0;
        for (int i = 0; i < g.rows(); i++) {
            int j = rowCol[i];
            if (j < g.cols()) {
                int rowA = swap ? j : i;
                int colB = swap ? i : j;
                out[n++] = rowPos[rowA];
                out[n++] = Arrays.binarySearch(b.padded(), colPix[colB]);
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Integer edge cost of two unpadded pixels, as match.cc computes it ({@code rint(100 * distance)}). */
    long pairCost(int p1, int p2) {
        int dx = p1 % width - p2 % width;
        int dy = p1 / width - p2 / width;
        return (long) Math.rint(Math.sqrt((double) dx * dx + (double) dy * dy) * MULTIPLIER);
    }

    /** Compressed adjacency: row i's columns are adj[start[i] .. start[i+1]) with costs cost[..]. */
    record Graph(int rows, int cols, int[] start, int[] adj, int[] cost) {
    }

    static Graph transpose(Graph g) {
        int[] start = new int[g.cols() + 1];
        int m = g.start()[g.rows()];
        for (int e = 0; e < m; e++) {
            start[g.adj()[e] + 1]++;
        }
        for (int j = 0; j < g.cols(); j++) {
            start[j + 1] += start[j];
        }
        int[] fill = Arrays.copyOf(start, g.cols());
        int[] adj = new int[m];
        int[] cost = new int[m];
        for (int i = 0; i < g.rows(); i++) {
            for (int e = g.start()[i]; e < g.start()[i + 1]; e++) {
                int k = fill[g.adj()[e]]++;
                adj[k] = i;
                cost[k] = g.cost()[e];
            }
        }
        return new Graph(g.cols(), g.rows(), start, adj, cost);
    }

    /**
     * Min-cost assignment of every row either to a real column (cost w) or to its own "unmatched" column (cost ow),
     * real columns used at most once, by successive shortest augmenting paths with column prices (Jonker-Volgenant
     * augmentation; Dijkstra on reduced costs, which stay non-negative). Integer costs, so the optimum is exact.
     */
    static final class Assignment {
        private final Graph g;
        private final long ow;
        private final int nc; // real columns; column nc + i is row i's private unmatched column
        private final int[] colRow;
        private final int[] rowCol;
        private final long[] rowCost;
        private final long[] price;
        private final long[] dist;
        private final int[] predRow;
        private final long[] predCost;
        private final int[] seen;   // search stamp when dist is valid
        private final int[] done;   // search stamp when scanned
        private final int[] scanned;
        private int stamp;
        private long[] heapKey = new long[64];
        private int[] heapCol = new int[64];
        private int heapSize;

        Assignment(Graph g, long ow) {
            this.g = g;
            this.ow = ow;
            this.nc = g.cols();
            int total = nc + g.rows();
            colRow = new int[total];
            Arrays.fill(colRow, -1);
            rowCol = new int[g.rows()];
            rowCost = new long[g.rows()];
            price = new long[total];
            dist = new long[total];
            predRow = new int[total];
            predCost = new long[total];
            seen = new int[total];
            done = new int[total];
            scanned = new int[total];
        }

        /** Column of every row; a value >= cols() means the row is unmatched. */
        int[] solve() {
            int[] start = g.start();
            int[] adj = g.adj();
            int[] cost = g.cost();
            // Cheap start: give a row its nearest column when that column is still free. With zero prices the
            // row's dual is then its minimum cost, so every reduced cost stays non-negative and the assignment is
            // tight: the invariants of the augmentation below hold.
            for (int i = 0; i < g.rows(); i++) {
                int best = -1;
                int bestCost = Integer.MAX_VALUE;
                for (int e = start[i]; e < start[i + 1]; e++) {
                    if (cost[e] < bestCost) {
                        bestCost = cost[e];
                        best = adj[e];
                    }
                }
                if (best >= 0 && colRow[best] < 0) {
                    colRow[best] = i;
                    rowCol[i] = best;
                    rowCost[i] = bestCost;
                } else {
                    rowCol[i] = -1;
                }
            }
            for (int s = 0; s < g.rows(); s++) {
                if (rowCol[s] < 0) {
                    augment(s);
                }
            }
            return rowCol;
        }

        private void relax(int j, long d, int i, long c) {
            if (done[j] == stamp) {
                return;
            }
            if (seen[j] != stamp || d < dist[j]) {
                seen[j] = stamp;
                dist[j] = d;
                predRow[j] = i;
                predCost[j] = c;
                push(d, j);
            }
        }

        private void augment(int s) {
            stamp++;
            heapSize = 0;
            int nScanned = 0;
            int[] start = g.start();
            int[] adj = g.adj();
            int[] cost = g.cost();
            for (int e = start[s]; e < start[s + 1]; e++) {
                int j = adj[e];
                relax(j, cost[e] - price[j], s, cost[e]);
            }
            relax(nc + s, ow - price[nc + s], s, ow);
            int free;
            long bound;
            while (true) {
                int j = popMin();
                if (done[j] == stamp) {
                    continue;
                }
                done[j] = stamp;
                if (colRow[j] < 0) {
                    free = j;
                    bound = dist[j];
                    break;
                }
                scanned[nScanned++] = j;
                int i = colRow[j];
                // Row i is reached at dist[j] minus its own dual u_i = rowCost - price(its column).
                long base = dist[j] - (rowCost[i] - price[j]);
                for (int e = start[i]; e < start[i + 1]; e++) {
                    int k = adj[e];
                    relax(k, base + cost[e] - price[k], i, cost[e]);
                }
                relax(nc + i, base + ow - price[nc + i], i, ow);
            }
            for (int k = 0; k < nScanned; k++) {
                int j = scanned[k];
                price[j] += dist[j] - bound;
            }
            int j = free;
            while (true) {
                int i = predRow[j];
                int previous = rowCol[i];
                rowCol[i] = j;
                rowCost[i] = predCost[j];
                colRow[j] = i;
                if (i == s) {
                    break;
                }
                j = previous;
            }
        }

        private void push(long key, int col) {
            if (heapSize == heapKey.length) {
                heapKey = Arrays.copyOf(heapKey, 2 * heapSize);
                heapCol = Arrays.copyOf(heapCol, 2 * heapSize);
            }
            int k = heapSize++;
            while (k > 0) {
                int parent = (k - 1) >>> 1;
                if (heapKey[parent] <= key) {
                    break;
                }
                heapKey[k] = heapKey[parent];
                heapCol[k] = heapCol[parent];
                k = parent;
            }
            heapKey[k] = key;
            heapCol[k] = col;
        }

        private int popMin() {
            int top = heapCol[0];
            long key = heapKey[--heapSize];
            int col = heapCol[heapSize];
            int k = 0;
            int half = heapSize >>> 1;
            while (k < half) {
                int child = 2 * k + 1;
                if (child + 1 < heapSize && heapKey[child + 1] < heapKey[child]) {
                    child++;
                }
                if (key <= heapKey[child]) {
                    break;
                }
                heapKey[k] = heapKey[child];
                heapCol[k] = heapCol[child];
                k = child;
            }
            if (heapSize > 0) {
                heapKey[k] = key;
                heapCol[k] = col;
            }
            return top;
        }
    }
}
