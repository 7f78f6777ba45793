package org.eibench.metrics.distribution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eibench.metrics.AbstractMetric;
import org.eibench.metrics.FloatImage;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;
import org.eibench.metrics.stats.BootstrapPolicy;

/**
 * Distribution metrics between a model's outputs and the ground-truth images, from one feature network: the Frechet
 * distance ({@link FrechetDistance}, FID's formula) and the kernel distance ({@link KernelDistance}, KID's), with
 * KID's spread over subsets. A sample contributes one feature row for its output and one for its target; rows merge
 * by concatenation ({@link Stats.Rows}), so shards, resumed runs and bootstrap resamples combine like every other
 * metric's statistics. Per sample both values are undefined (NaN): they describe sets.
 *
 * <p>What the values are called is decided by who knows the network ({@code fid}/{@code kid} only for the published
 * pytorch-fid Inception weights, else {@code fd_<id>}/{@code kd_<id>}); the keys are given here.
 *
 * <p>Bootstrap: both get the basic (bias-corrected) interval, since FD and the within-set terms of KID grow on
 * resamples with repeats; resamples are capped so that the bootstrap stays within about
 * {@value #BOOTSTRAP_BUDGET} multiply-adds, and left out (null interval, said in the notes) below
 * {@value #MIN_RESAMPLES} resamples.
 */
public final class FeatureDistanceMetric extends AbstractMetric<FloatImage, FloatImage> implements BootstrapPolicy {

    /** Multiply-adds the whole bootstrap may take (about half a minute on one core). */
    static final double BOOTSTRAP_BUDGET = 3e10;
    static final int MIN_RESAMPLES = 200;

    private final FeatureExtractor extractor;
    private final String fdKey;
    private final String kdKey;
    private final int subsets;
    private final int subsetSize;
    private final long seed;
    private final Map<String, Object> identity;

    /**
     * @param identity what identifies the network in results (id, sha256, name rule); recorded in the options
     */
    public FeatureDistanceMetric(FeatureExtractor extractor, String fdKey, String kdKey, int subsets, int subsetSize,
                                 long seed, Map<String, Object> identity) {
        super("feature_distance", FloatImage.class, FloatImage.class);
        if (subsets < 1 || subsetSize < 2 || seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("kid needs subsets >= 1, subset_size >= 2 and a seed in [0, 2^32)");
        }
        this.extractor = extractor;
        this.fdKey = fdKey;
        this.kdKey = kdKey;
        this.subsets = subsets;
        this.subsetSize = subsetSize;
        this.seed = seed;
        this.identity = Map.copyOf(identity);
    }

    @Override
    protected void putOptions(Map<String, Object> o) {
        o.putAll(new java.util.TreeMap<>(identity));
        o.put("fd_key", fdKey);
        o.put("kd_key", kdKey);
        o.put("kid_subsets", subsets);
        o.put("kid_subset_size", subsetSize);
        o.put("kid_seed", seed);
        o.put("kid_kernel", "poly3-gamma1/d-coef1");
    }

    @Override
    public Stats measure(FloatImage prediction, FloatImage target) {
        double[] out = row(extractor.features(prediction), "output");
        double[] tgt = row(extractor.features(target), "target");
        if (out.length != tgt.length) {
            throw new IllegalArgumentException("the feature network gave " + out.length + " features for the output and "
                    + tgt.length + " for the target");
        }
        return Stats.builder().putRow("output", out).putRow("target", tgt).build();
    }

    private static double[] row(float[] f, String what) {
        if (f == null || f.length == 0) {
            throw new IllegalArgumentException("the feature network gave no features for the " + what);
        }
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            if (!Float.isFinite(f[i])) {
                throw new IllegalArgumentException("the feature network gave a non-finite feature (" + f[i] + ") for the "
                        + what + " at index " + i);
            }
            d[i] = f[i];
        }
        return d;
    }

    @Override
    public MetricValues finish(Stats total) {
        if (total.isEmpty()) {
            return new MetricValues(List.of(new MetricValue(fdKey, Double.NaN, false), new MetricValue(kdKey, Double.NaN, false),
                    new MetricValue(kdKey + "_std", Double.NaN, false)), Map.of("samples", 0L));
        }
        Stats.Rows out = total.rows("output");
        Stats.Rows tgt = total.rows("target");
        FrechetDistance.Result fd = FrechetDistance.of(out, tgt);
        KernelDistance.Result kd = KernelDistance.of(out, tgt, subsets, subsetSize, seed);
        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("samples", (long) out.count());
        notes.put("features", (long) out.width());
        notes.put("kid_subset_size", (long) kd.m());
        notes.put("kid_subsets", (long) kd.subsets());
        int b = resamples(out.count(), out.width(), 1000);
        notes.put("interval", b == 0 ? "none: a bootstrap of FD and KD at this n and d would exceed the time budget"
                : "basic bootstrap (bias-corrected); FD at n samples exceeds its large-n value by O(1/n): compare FD "
                + "only at equal n, or use KD, whose estimate is unbiased");
        if (b < 1000) {
            notes.put("bootstrap_resamples", (long) b);
        }
        return new MetricValues(List.of(new MetricValue(fdKey, fd.value(), false), new MetricValue(kdKey, kd.mean(), false),
                new MetricValue(kdKey + "_std", kd.std(), false)), notes);
    }

    @Override
    public int resamples(List<Stats> perSample, int requested) {
        if (perSample.isEmpty() || perSample.get(0).isEmpty()) {
            return requested;
        }
        return resamples(perSample.size(), perSample.get(0).rows("output").width(), requested);
    }

    /** Resamples that fit the budget: one FD (factors, then an SVD) plus one KD (subsets x 3 m^2 / 2 x d) each. */
    int resamples(int n, int d, int requested) {
        double r = Math.min(n, d);
        double fdWork = 2.0 * n * Math.min(n, d) * d + 2.0 * r * r * r * 10 + r * r * d;
        double m = Math.min(n, subsetSize);
        double kdWork = subsets * 2.0 * m * m * d;
        long fit = (long) Math.floor(BOOTSTRAP_BUDGET / (fdWork + kdWork));
        if (fit >= requested) {
            return requested;
        }
        return fit < MIN_RESAMPLES ? 0 : (int) fit;
    }

    @Override
    public Set<String> basicIntervalKeys() {
        return Set.of(fdKey, kdKey);
    }
}
