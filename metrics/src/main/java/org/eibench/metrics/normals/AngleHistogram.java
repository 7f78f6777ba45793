package org.eibench.metrics.normals;

/**
 * Fixed, mergeable histogram of angular errors in [0, 180] degrees, fine enough to locate the pooled median with a
 * guaranteed bound. Bins: 1000 linear bins of 0.001 deg on [0, 1), then geometric bins with ratio 1.001 from 1 deg
 * to past 180 deg (5197 bins), 6197 bins in all. Every bin is at most max(0.001 deg, 0.1% of its lower edge) wide,
 * so a quantile read off the histogram by linear interpolation inside its bin is within that width of the exact
 * order statistic: |estimate - exact| &lt;= max(0.001 deg, 0.001 x value). Counts are the only statistic, so
 * histograms of samples add element-wise like every other {@code Stats} vector.
 */
public final class AngleHistogram {

    static final int LINEAR = 1000;
    static final double LINEAR_WIDTH = 0.001;
    static final double RATIO = 1.001;
    static final double LOG_RATIO = Math.log(RATIO);
    static final int GEOMETRIC = (int) Math.ceil(Math.log(180.0) / LOG_RATIO) + 1;
    /** Number of bins. */
    public static final int BINS = LINEAR + GEOMETRIC;

    private AngleHistogram() {
    }

    /** Bin of an error in degrees (values are clamped to [0, 180]). */
    public static int bin(double deg) {
        if (deg < 1.0) {
            int b = (int) (deg / LINEAR_WIDTH);
            return Math.max(0, Math.min(LINEAR - 1, b));
        }
        int b = LINEAR + (int) (Math.log(deg) / LOG_RATIO);
        return Math.min(BINS - 1, b);
    }

    /** Lower edge of bin b. */
    public static double lower(int b) {
        return b < LINEAR ? b * LINEAR_WIDTH : Math.pow(RATIO, b - LINEAR);
    }

    /** Upper edge of bin b. */
    public static double upper(int b) {
        return b < LINEAR ? (b + 1) * LINEAR_WIDTH : Math.pow(RATIO, b - LINEAR + 1);
    }

    /**
     * The value of 0-based rank {@code r} (r-th smallest) estimated from counts: the bin holding it is found by
     * cumulative counts and the value interpolated as if the bin's k values sat at the centres of k equal slices.
     */
    static double rank(double[] counts, double r) {
        double below = 0;
        for (int b = 0; b < counts.length; b++) {
            double k = counts[b];
            if (k > 0 && r < below + k) {
                double j = r - below;
                double lo = lower(b);
                double hi = upper(b);
                return Math.min(180.0, lo + (hi - lo) * (j + 0.5) / k);
            }
            below += k;
        }
        return Double.NaN;
    }

    /** numpy's median of the counted values (mean of the two middle ranks for an even count), estimated. */
    public static double median(double[] counts) {
        double n = 0;
        for (double c : counts) {
            n += c;
        }
        if (n == 0) {
            return Double.NaN;
        }
        long total = (long) n;
        if ((total & 1) == 1) {
            return rank(counts, (total - 1) / 2);
        }
        return (rank(counts, total / 2 - 1) + rank(counts, total / 2)) / 2;
    }
}
