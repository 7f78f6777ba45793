package org.eibench.metrics;

import java.util.List;
import java.util.Map;

/**
 * A metric as a monoid over sufficient statistics (cf. torchmetrics' state/update/compute and mmseg's per-image area
 * histograms): {@link #measure} reduces one (prediction, target) pair to {@link Stats}; the statistics of many samples
 * are combined, each as the metric declares in {@link #combine} (sum, min, max, or rows concatenated: torchmetrics'
 * {@code dist_reduce_fx}), by {@link Stats.Accumulator#of(Metric)}; {@link #finish} turns the combination into reported
 * values. Because the per-sample statistics are what a run stores, resume, shard merging, slicing and bootstrap
 * intervals need nothing else, and every one of them combines through the same declaration.
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

    /** Reported values from combined statistics; must accept the combination of any non-empty set of samples. */
    MetricValues finish(Stats total);

    /**
     * How the statistic {@code key} combines over samples. The default sums vectors and concatenates rows, which is
     * what additive sufficient statistics need; a metric with a running minimum or maximum says so here.
     */
    default Combine combine(String key) {
        return Combine.SUM;
    }

    /**
     * The values a run's sample line keeps for one sample: every value of {@link #finish} by default. A metric leaves
     * out values that are not worth a number per sample and follow from its statistics (per-class IoU and accuracy of
     * segmentation: 300 numbers a line for ADE20K, from the class counts the line keeps), and may compute the rest
     * without building what it leaves out; the values kept must equal finish's, bit for bit. Summaries, which finish
     * pooled statistics, report every value either way.
     */
    default List<MetricValue> sampleValues(Stats stats) {
        return finish(stats).values();
    }
}
