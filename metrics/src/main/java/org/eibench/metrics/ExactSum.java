package org.eibench.metrics;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Exact sums of vectors of doubles, element by element, rounded once when read: each element keeps Shewchuk's
 * non-overlapping partials (J. R. Shewchuk, "Adaptive Precision Floating-Point Arithmetic and Fast Robust Geometric
 * Predicates", 1997), whose exact sum is the exact sum of everything added, and {@link #value} rounds that exact sum to
 * the nearest double, ties to even. This is Python's {@code math.fsum}: CPython Modules/mathmodule.c, {@code
 * math_fsum} (v3.11 and later; the partials loop, the special-value bookkeeping and the final sum with its half-way
 * correction are replicated below in that order). Because the result is the correctly rounded exact sum, it does not
 * depend on the order of {@link #add} calls nor on how partial sums were split and {@link #merge}d, which is what lets
 * Spark's tree aggregation, shards and resumed runs give the same bytes as one pass in sample-id order.
 *
 * <p>Special values as fsum treats them: a NaN addend makes the sum NaN; infinite addends make it that infinity, and
 * both infinities NaN (where fsum raises ValueError "-inf + inf"). Where fsum raises OverflowError (finite addends
 * whose partial sum passes {@link Double#MAX_VALUE}), the sum is that infinity, as plain addition would give; only
 * there does the order matter (fsum's own note 2: [1e308, 1e308, -1e308] overflows, [1e308, -1e308, 1e308] does not).
 * Metric statistics (counts, sums of per-image scores) stay far below. An exact zero is +0.0, as fsum returns.
 */
final class ExactSum implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Per element: partials[i][0..sizes[i]) non-zero, non-overlapping, increasing in magnitude; null until needed. */
    private final double[][] partials;
    private final int[] sizes;
    /** Per element: the sum of the non-finite addends (fsum's special_sum), 0 when there were none. */
    private final double[] special;
    /** Per element: the sum of the infinite addends (fsum's inf_sum): NaN once both infinities were added. */
    private final double[] infinite;

    ExactSum(int length) {
        partials = new double[length][];
        sizes = new int[length];
        special = new double[length];
        infinite = new double[length];
    }

    /** The exact sum of {@code values}, correctly rounded: {@code math.fsum(values)}. */
    static double fsum(double... values) {
        ExactSum s = new ExactSum(1);
        for (double v : values) {
            s.add(0, v);
        }
        return s.value(0);
    }

    int length() {
        return sizes.length;
    }

    /** Adds {@code v} element-wise. */
    void add(double[] v) {
        if (v.length != sizes.length) {
            throw new IllegalArgumentException("cannot add " + v.length + " numbers to a sum of " + sizes.length);
        }
        for (int i = 0; i < v.length; i++) {
            add(i, v[i]);
        }
    }

    /** Adds {@code x} to element {@code i}: fsum's loop over the partials for one item. */
    void add(int i, double x) {
        double[] p = partials[i];
        int n = sizes[i];
        double xsave = x;
        int k = 0;
        for (int j = 0; j < n; j++) {
            double y = p[j];
            if (Math.abs(x) < Math.abs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            // Two-sum (Knuth/Dekker, |x| >= |y|): hi + lo == x + y exactly. Java's double arithmetic is IEEE 754
            // binary64 with round-half-even and no extended precision, which is what the C code's volatile secures.
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0.0) {
                p[k++] = lo;
            }
            x = hi;
        }
        n = k;
        if (x != 0.0) {
            if (!Double.isFinite(x)) {
                // An infinite or NaN addend, or (fsum's OverflowError) finite addends whose sum overflowed.
                double s = Double.isFinite(xsave) ? x : xsave;
                if (Double.isInfinite(s)) {
                    infinite[i] += s;
                }
                special[i] += s;
                n = 0;
            } else {
                if (p == null || n == p.length) {
                    p = partials[i] = p == null ? new double[2] : Arrays.copyOf(p, 2 * p.length);
                }
                p[n++] = x;
            }
        }
        sizes[i] = n;
    }

    /** Adds everything {@code other} holds, exactly (its partials are exact parts of its sum); returns this. */
    ExactSum merge(ExactSum other) {
        if (other == this) {
            other = copy();
        }
        if (other.length() != length()) {
            throw new IllegalArgumentException("cannot merge a sum of " + other.length() + " numbers into one of " + length());
        }
        for (int i = 0; i < sizes.length; i++) {
            for (int j = 0; j < other.sizes[i]; j++) {
                add(i, other.partials[i][j]);
            }
            // The special values of both sides: commutative (NaN absorbs, +inf + -inf is NaN).
            if (other.special[i] != 0.0) { // true for NaN too
                special[i] += other.special[i];
                infinite[i] += other.infinite[i];
            }
        }
        return this;
    }

    /** A deep copy. */
    ExactSum copy() {
        ExactSum c = new ExactSum(length());
        for (int i = 0; i < sizes.length; i++) {
            c.partials[i] = partials[i] == null ? null : partials[i].clone();
        }
        System.arraycopy(sizes, 0, c.sizes, 0, sizes.length);
        System.arraycopy(special, 0, c.special, 0, sizes.length);
        System.arraycopy(infinite, 0, c.infinite, 0, sizes.length);
        return c;
    }

    /** Every element's sum. */
    double[] values() {
        double[] v = new double[sizes.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = value(i);
        }
        return v;
    }

    /** Element {@code i}'s exact sum rounded to the nearest double, ties to even (fsum's ending); reads only. */
    double value(int i) {
        if (special[i] != 0.0) { // true for NaN too
            // fsum raises ValueError when inf_sum is NaN (both infinities); NaN is what plain addition gives.
            return Double.isNaN(infinite[i]) ? Double.NaN : special[i];
        }
        double[] p = partials[i];
        int n = sizes[i];
        if (n == 0) {
            return 0.0;
        }
        double hi = p[--n];
        double lo = 0.0;
        // Sum from the largest partial down while the sum stays exact.
        while (n > 0) {
            double x = hi;
            double y = p[--n];
            hi = x + y;
            lo = y - (hi - x);
            if (lo != 0.0) {
                break;
            }
        }
        // Half-way correction: hi + lo is a tie (lo is half an ulp of hi) broken to even, but the partials below push
        // the exact sum past the tie in lo's direction, so round away from hi instead (fsum: sum([1e-16, 1, 1e16])).
        if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
            double y = lo * 2.0;
            double x = hi + y;
            double yr = x - hi;
            if (y == yr) {
                hi = x;
            }
        }
        return hi;
    }
}
