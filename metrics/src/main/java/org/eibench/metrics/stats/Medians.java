package org.eibench.metrics.stats;

/** numpy's median (mean of the two middle values for even counts) by selection, O(n) expected. */
public final class Medians {

    private Medians() {
    }

    /** Median of {@code a}, which is reordered. */
    public static double median(double[] a) {
        int n = a.length;
        if (n == 0) {
            return Double.NaN;
        }
        int hi = n / 2;
        double upper = select(a, 0, n - 1, hi);
        if ((n & 1) == 1) {
            return upper;
        }
        // After select, a[0..hi-1] <= a[hi]: the lower middle is their maximum.
        double lower = a[0];
        for (int i = 1; i < hi; i++) {
            lower = Math.max(lower, a[i]);
        }
        return (lower + upper) / 2;
    }

    /** k-th smallest of a[lo..hi] (Hoare selection with median-of-three pivots). */
    static double select(double[] a, int lo, int hi, int k) {
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            double pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
