package org.eibench.metrics;

/**
 * How one vector statistic of a metric combines over samples, element by element; the counterpart of torchmetrics'
 * {@code add_state(name, default, dist_reduce_fx="sum" | "min" | "max" | "cat")}. Every path that combines samples (a
 * run's summary, merged shards, bootstrap resamples, comparisons) goes through {@link Stats.Accumulator} with the
 * metric's own {@link Metric#combine} declaration, so a metric's state combines the same way everywhere. A row
 * statistic ({@link Stats.Rows}) is the {@code cat} case: it always concatenates (declared {@link #CONCAT}, or left at
 * the default); MIN and MAX are for vectors only.
 */
public enum Combine {
    /**
     * Element-wise sum: counts, sums of per-image scores, histograms. {@link Stats.Accumulator} sums exactly and rounds
     * once (whatever the order); {@link #apply} is one correctly rounded addition.
     */
    SUM,
    /** Element-wise minimum. */
    MIN,
    /** Element-wise maximum. */
    MAX,
    /** Concatenation in merge order: only for row statistics. */
    CONCAT;

    public double apply(double a, double b) {
        return switch (this) {
            case SUM -> a + b;
            case MIN -> Math.min(a, b);
            case MAX -> Math.max(a, b);
            case CONCAT -> throw new IllegalStateException("CONCAT combines row statistics, not vectors");
        };
    }
}
