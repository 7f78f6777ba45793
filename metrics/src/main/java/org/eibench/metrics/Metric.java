package org.eibench.metrics;

import java.util.Map;

/**
 * A metric as a monoid over additive sufficient statistics (cf. torchmetrics' state/update/compute and mmseg's
 * per-image area histograms): {@link #measure} reduces one (prediction, target) pair to {@link Stats}; statistics of
 * many samples are summed ({@link Stats.Accumulator}); {@link #finish} turns a sum into reported values. Because the per-sample
 * statistics are what a run stores, resume, shard merging, slicing and bootstrap intervals need nothing else. The sum is
 * always {@link Stats}' element-wise sum ({@link Stats.Accumulator}): a metric cannot redefine it, so every path that
 * adds statistics (summary, shards, bootstrap resamples) adds them the same way.
 *
 * <p>{@code measure} throws {@link IllegalArgumentException} with a readable reason when a pair cannot be scored
 * (size mismatch, NaN); the runner marks that sample failed.
 *
 * @param <P> prediction type
 * @param <G> ground-truth type
 */
public interface Metric<P, G> {

    /** Lower-case name used in task files and reports, e.g. {@code psnr}. */
    String name();

    /** Every option that changes the result, as recorded in run.json. */
    Map<String, Object> options();

    /** Type of the predictions this metric accepts (used to check a task's decoder fits). */
    Class<P> predictionType();

    /** Type of the ground truth this metric accepts. */
    Class<G> targetType();

    /** Statistics of one sample. */
    Stats measure(P prediction, G target);

    /** Reported values from summed statistics; must accept the sum of any non-empty set of samples. */
    MetricValues finish(Stats total);
}
