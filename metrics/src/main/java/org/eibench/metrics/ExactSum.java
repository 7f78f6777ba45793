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
 *
 * <p>Public only for the bootstrap's flat resampling ({@code stats.Bootstrap.Flat}), which must give the accumulator's
 * sums bit for bit; everything else goes through {@link Stats.Accumulator}.
 */
final class ExactSum implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * While every addition so far was exact in plain double arithmetic (counts, histograms: integers below 2^53), each
     * element's sum, which is then its only partial (none when 0): vectors are added in one branch-free pass that
     * checks every addition for a rounding error (Knuth's two-sum) and switches to the partials at the first one.
     * Null after that switch.
     */
    private double[] exact;
    /** The pass's output, swapped with {@link #exact} when it was exact. */
    private transient double[] scratch;
    /**
     * Once an addition rounded: element i's partials, non-zero, non-overlapping and increasing in magnitude, are
     * {@code p[i * stride .. i * stride + sizes[i])}: one flat array (no array per element, as sums of long vectors
     * are added in bootstrap loops), whose stride doubles when an element needs more room.
     */
    private double[] p;
    private int stride;
    private final int[] sizes;
    /** Per element: the sum of the non-finite addends (fsum's special_sum), 0 when there were none. */
    private final double[] special;
    /** Per element: the sum of the infinite addends (fsum's inf_sum): NaN once both infinities were added. */
    private final double[] infinite;

    public ExactSum(int length) {
        exact = new double[length];
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
    public void add(double[] v) {
        if (v.length != sizes.length) {
            throw new IllegalArgumentException("cannot add " + v.length + " numbers to a sum of " + sizes.length);
        }
        if (exact != null) {
            double[] t = scratch != null ? scratch : new double[v.length];
            long inexact = 0;
            for (int i = 0; i < v.length; i++) {
                double a = exact[i];
                double b = v[i];
                double s = a + b;
                double bb = s - a;
                double err = (a - (s - bb)) + (b - bb); // Knuth's two-sum: s + err == a + b exactly
                t[i] = s;
                // Any error bit but the sign, or a non-finite sum (s - s is NaN), ends the exact mode.
                inexact |= (Double.doubleToRawLongBits(err) | Double.doubleToRawLongBits(s - s)) << 1;
            }
            if (inexact == 0) {
                scratch = exact;
                exact = t;
                return;
            }
            scratch = t;
            partials();
        }
        for (int i = 0; i < v.length; i++) {
            add(i, v[i]);
        }
    }

    /** Adds {@code x} to element {@code i}: fsum's loop over the partials for one item. */
    void add(int i, double x) {
        if (exact != null) {
            double a = exact[i];
            double s = a + x;
            double bb = s - a;
            if ((a - (s - bb)) + (x - bb) == 0.0 && Double.isFinite(s)) {
                exact[i] = s;
                return;
            }
            partials();
        }
        if (!addFast(i, x)) {
            addPartials(i, x);
        }
    }

    /** Leaves the exact mode: each element's sum becomes its one partial. */
    private void partials() {
        stride = 2;
        p = new double[sizes.length * stride];
        for (int i = 0; i < sizes.length; i++) {
            if (exact[i] != 0.0) {
                p[i * stride] = exact[i];
                sizes[i] = 1;
            }
        }
        exact = null;
        scratch = null;
    }

    /**
     * The usual states in a few operations (no partial yet; one partial and an exact sum, as for counts), with the
     * result of {@link #addPartials}; false, having changed nothing, otherwise. Small, so that the JIT inlines it into
     * the loops over long vectors.
     */
    private boolean addFast(int i, double x) {
        int n = sizes[i];
        int base = i * stride;
        if (n == 0) {
            if (x != 0.0 && Double.isFinite(x)) {
                p[base] = x;
                sizes[i] = 1;
                return true;
            }
            return false;
        }
        if (n == 1) {
            double y = p[base];
            boolean swap = Math.abs(x) < Math.abs(y);
            double a = swap ? y : x;
            double b = swap ? x : y;
            double hi = a + b;
            if (b - (hi - a) == 0.0 && hi != 0.0 && Double.isFinite(hi)) {
                p[base] = hi;
                return true;
            }
        }
        return false;
    }

    /** fsum's loop over the partials for one item, in general. */
    private void addPartials(int i, double x) {
        int n = sizes[i];
        int base = i * stride;
        double xsave = x;
        int k = 0;
        for (int j = 0; j < n; j++) {
            double y = p[base + j];
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
                p[base + k++] = lo;
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
                if (n == stride) {
                    grow();
                    base = i * stride;
                }
                p[base + n++] = x;
            }
        }
        sizes[i] = n;
    }

    private void grow() {
        int wider = 2 * stride;
        double[] q = new double[sizes.length * wider];
        for (int i = 0; i < sizes.length; i++) {
            System.arraycopy(p, i * stride, q, i * wider, sizes[i]);
        }
        p = q;
        stride = wider;
    }

    /** Adds everything {@code other} holds, exactly (its partials are exact parts of its sum); returns this. */
    ExactSum merge(ExactSum other) {
        if (other == this) {
            other = copy();
        }
        if (other.length() != length()) {
            throw new IllegalArgumentException("cannot merge a sum of " + other.length() + " numbers into one of " + length());
        }
        if (other.exact != null) {
            add(other.exact); // its sums are its partials
        }
        for (int i = 0; i < sizes.length; i++) {
            for (int j = 0; other.exact == null && j < other.sizes[i]; j++) {
                add(i, other.p[i * other.stride + j]);
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
        c.exact = exact == null ? null : exact.clone();
        c.p = p == null ? null : p.clone();
        c.stride = stride;
        System.arraycopy(sizes, 0, c.sizes, 0, sizes.length);
        System.arraycopy(special, 0, c.special, 0, sizes.length);
        System.arraycopy(infinite, 0, c.infinite, 0, sizes.length);
        return c;
    }

    /** Every element's sum. */
    public double[] values() {
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
        if (exact != null) {
            return exact[i]; // +0.0 for an exact zero: a + b is never -0.0 from a +0.0 start
        }
        int base = i * stride;
        int n = sizes[i];
        if (n == 0) {
            return 0.0;
        }
        double hi = p[base + --n];
        double lo = 0.0;
        // Sum from the largest partial down while the sum stays exact.
        while (n > 0) {
            double x = hi;
            double y = p[base + --n];
            hi = x + y;
            lo = y - (hi - x);
            if (lo != 0.0) {
                break;
            }
        }
        // Half-way correction: hi + lo is a tie (lo is half an ulp of hi) broken to even, but the partials below push
        // the exact sum past the tie in lo's direction, so round away from hi instead (fsum: sum([1e-16, 1, 1e16])).
        if (n > 0 && ((lo < 0.0 && p[base + n - 1] < 0.0) || (lo > 0.0 && p[base + n - 1] > 0.0))) {
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
