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
 * is never restricted by the random draw (for these graphs the draw almost never binds), and among several optimal
 * matchings with equal cost we may pick a different one. The match counts of one map pair are the same for every
 * optimum in practice; which predicted pixels are matched may differ in ties, which can move the precision count
 * (predicted pixels matched to any annotator) by a few pixels.
 *
 * <p>Not thread-safe: holds scratch arrays sized for one image size. Create one per thread.
 */
final class PixelCorrespondence {

    /** match.cc: distances are scaled by 100 and rounded so CSA can work in integers. */
    static final int MULTIPLIER = 100;

    private final int width;
    private final int height;
    private final double maxDistPx;
    private final long outlierWeight;
    private final int[] offDx;
    private final int[] offDy;
    private final int[] offW;

    // Scratch, reused across calls.
    private final int[] nodeOf1;
    private final int[] nodeOf2;

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
        int r = (int) Math.ceil(maxDistPx);
        int n = 0;
        int[] dx = new int[(2 * r + 1) * (2 * r + 1)];
        int[] dy = new int[dx.length];
        int[] w = new int[dx.length];
        for (int v = -r; v <= r; v++) {
            for (int u = -r; u <= r; u++) {
                double d2 = u * u + v * v;
                if (d2 > maxDistPx * maxDistPx) {
                    continue;
                }
                dx[n] = u;
                dy[n] = v;
                w[n] = (int) Math.rint(Math.sqrt(d2) * MULTIPLIER);
                n++;
            }
        }
        this.offDx = Arrays.copyOf(dx, n);
        this.offDy = Arrays.copyOf(dy, n);
        this.offW = Arrays.copyOf(w, n);
        this.nodeOf1 = new int[width * height];
        this.nodeOf2 = new int[width * height];
    }

    double maxDistPixels() {
        return maxDistPx;
    }

    /**
     * Matches {@code map1} to {@code map2} (row-major, same size as this object).
     *
     * @param matched1 if not null, set to true at every matched pixel of map1 (other entries untouched)
     * @param matched2 if not null, set to true at every matched pixel of map2 (other entries untouched)
     * @return the number of matched pairs
     */
    int match(boolean[] map1, boolean[] map2, boolean[] matched1, boolean[] matched2) {
        return match(map1, foreground(map1), map2, foreground(map2), matched1, matched2);
    }

    /** Indices of the true entries, ascending. */
    static int[] foreground(boolean[] map) {
        int n = 0;
        for (boolean b : map) {
            if (b) {
                n++;
            }
        }
        int[] out = new int[n];
        for (int i = 0, k = 0; i < map.length; i++) {
            if (map[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    /**
     * As {@link #match(boolean[], boolean[], boolean[], boolean[])}, with the foreground pixel lists of both maps
     * given (ascending), so that callers matching one map against several others do not rescan the image.
     */
    int match(boolean[] map1, int[] fg1, boolean[] map2, int[] fg2, boolean[] matched1, boolean[] matched2) {
        int[] pairs = pairs(map1, fg1, map2, fg2);
        for (int k = 0; k < pairs.length; k += 2) {
            if (matched1 != null) {
                matched1[pairs[k]] = true;
            }
            if (matched2 != null) {
                matched2[pairs[k + 1]] = true;
            }
        }
        return pairs.length / 2;
    }

    /** The optimal one-to-one matching as pixel index pairs: {@code [p1, p2, p1, p2, ...]}, p1 in map1, p2 in map2. */
    int[] pairs(boolean[] map1, int[] fg1, boolean[] map2, int[] fg2) {
        int[] px1 = matchablePixels(fg1, map2);
        if (px1.length == 0) {
            return new int[0];
        }
        int[] px2 = matchablePixels(fg2, map1);
        // Rows are the smaller side: searches from a row that ends unmatched are the expensive ones.
        boolean swap = px2.length < px1.length;
        int[] rowsPx = swap ? px2 : px1;
        int[] colsPx = swap ? px1 : px2;
        int[] colNode = swap ? nodeOf1 : nodeOf2;
        for (int k = 0; k < colsPx.length; k++) {
            colNode[colsPx[k]] = k;
        }
        boolean[] colMap = swap ? map1 : map2;
        Graph g = buildGraph(rowsPx, colsPx.length, colMap, colNode);
        int[] rowCol = new Assignment(g, outlierWeight).solve();
        int[] out = new int[2 * rowsPx.length];
        int n = 0;
        for (int i = 0; i < rowsPx.length; i++) {
            int j = rowCol[i];
            if (j < colsPx.length) {
                out[n++] = swap ? colsPx[j] : rowsPx[i];
                out[n++] = swap ? rowsPx[i] : colsPx[j];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Integer edge cost of a pixel pair, as match.cc computes it ({@code rint(100 * distance)}). */
    long pairCost(int p1, int p2) {
        int dx = p1 % width - p2 % width;
        int dy = p1 / width - p2 / width;
        return (long) Math.rint(Math.sqrt((double) dx * dx + (double) dy * dy) * MULTIPLIER);
    }

    long outlierWeight() {
        return outlierWeight;
    }

    /** The pixels of {@code fg} with a pixel of {@code other} within maxDist, in the order of {@code fg}. */
    private int[] matchablePixels(int[] fg, boolean[] other) {
        int[] out = new int[fg.length];
        int n = 0;
        for (int p : fg) {
            int y = p / width;
            int x = p - y * width;
            for (int k = 0; k < offDx.length; k++) {
                int x2 = x + offDx[k];
                int y2 = y + offDy[k];
                if (x2 < 0 || x2 >= width || y2 < 0 || y2 >= height) {
                    continue;
                }
                if (other[y2 * width + x2]) {
                    out[n++] = p;
                    break;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Compressed adjacency: row i's real columns are adj[start[i] .. start[i+1]) with costs cost[..]. */
    record Graph(int rows, int cols, int[] start, int[] adj, int[] cost) {
    }

    private Graph buildGraph(int[] rowsPx, int cols, boolean[] colMap, int[] colNode) {
        int[] start = new int[rowsPx.length + 1];
        int[] adj = new int[Math.max(16, rowsPx.length * 8)];
        int[] cost = new int[adj.length];
        int m = 0;
        for (int i = 0; i < rowsPx.length; i++) {
            int p = rowsPx[i];
            int y = p / width;
            int x = p - y * width;
            for (int k = 0; k < offDx.length; k++) {
                int x2 = x + offDx[k];
                int y2 = y + offDy[k];
                if (x2 < 0 || x2 >= width || y2 < 0 || y2 >= height) {
                    continue;
                }
                int q = y2 * width + x2;
                if (!colMap[q]) {
                    continue;
                }
                if (m == adj.length) {
                    adj = Arrays.copyOf(adj, 2 * m);
                    cost = Arrays.copyOf(cost, 2 * m);
                }
                adj[m] = colNode[q];
                cost[m] = offW[k];
                m++;
            }
            start[i + 1] = m;
        }
        return new Graph(rowsPx.length, cols, start, adj, cost);
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
