package org.eibench.metrics.image;

import java.util.List;
import java.util.Map;

import org.eibench.metrics.AbstractMetric;
import org.eibench.metrics.FloatImage;
import org.eibench.metrics.MetricValue;
import org.eibench.metrics.MetricValues;
import org.eibench.metrics.Stats;

/**
 * A learned perceptual distance between output and target (LPIPS and its kin), computed by a pair network given from
 * outside, per image, then the mean over images (lower is better). The key is {@code lpips} only for the published
 * LPIPS weights; the caller decides.
 */
public final class PairDistanceMetric extends AbstractMetric<FloatImage, FloatImage> {

    /** The network: two images (their own scale, 0..255 for 8-bit) to a distance; safe to call from several threads. */
    @FunctionalInterface
    public interface PairDistance {
        double distance(FloatImage a, FloatImage b);
    }

    private final PairDistance network;
    private final String key;
    private final Map<String, Object> identity;

    public PairDistanceMetric(PairDistance network, String key, Map<String, Object> identity) {
        super("pair_distance", FloatImage.class, FloatImage.class);
        this.network = network;
        this.key = key;
        this.identity = Map.copyOf(identity);
    }

    @Override
    protected void putOptions(Map<String, Object> o) {
        o.putAll(new java.util.TreeMap<>(identity));
        o.put("key", key);
    }

    @Override
    public Stats measure(FloatImage prediction, FloatImage target) {
        ImageMetricSupport.requireSameShape(prediction, target);
        double d = network.distance(prediction, target);
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("the pair network gave a non-finite distance (" + d + ")");
        }
        return Stats.builder().put("sum", d).put("n", 1).build();
    }

    @Override
    public MetricValues finish(Stats total) {
        double n = total.scalarOrZero("n");
        return new MetricValues(List.of(new MetricValue(key, n == 0 ? Double.NaN : total.scalar("sum") / n, false)),
                Map.of("samples", (long) n));
    }
}
