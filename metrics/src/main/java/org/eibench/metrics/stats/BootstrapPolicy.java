package org.eibench.metrics.stats;

import java.util.List;
import java.util.Set;

import org.eibench.metrics.Stats;

/**
 * What a metric may tell {@link Bootstrap} beyond its statistics. Dataset-level estimators with a small-sample bias
 * (the Frechet distance) or a costly finish (KID over subsets) implement it; every other metric gets the standard
 * percentile interval from the requested number of resamples.
 */
public interface BootstrapPolicy {

    /**
     * Resamples to draw for these per-sample statistics: {@code requested}, or fewer when one finish is expensive; 0
     * leaves the interval out (reported as null), which a metric's notes then explain.
     */
    int resamples(List<Stats> perSample, int requested);

    /**
     * Value keys that get the basic bootstrap interval [2 t - q_hi, 2 t - q_lo] (t the full-sample estimate, q the
     * resample percentiles) instead of the percentile interval [q_lo, q_hi]. A resample with repeats holds about 63%
     * distinct samples, and an estimator that grows as n shrinks (FD: its bias is of order 1/n) sits higher on
     * resamples than on the data; the percentile interval would then lie above the estimate, while the basic interval
     * reflects that shift back (first-order bias correction).
     */
    Set<String> basicIntervalKeys();
}
