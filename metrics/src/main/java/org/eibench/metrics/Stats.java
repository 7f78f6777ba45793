package org.eibench.metrics;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Additive sufficient statistics: named vectors of doubles. Every EIBench metric reduces a sample to a {@code Stats}
 * whose element-wise sum over samples is enough to compute the dataset value (sums of per-image scores, pooled
 * confusion counts, histograms, per-threshold match counts). Addition is the merge of the metric monoid, so shards,
 * resumed runs, category slices and bootstrap resamples all combine the same way. Counts stay exact as doubles up
 * to 2^53.
 */
public final class Stats {

    public static final Stats EMPTY = new Stats(new LinkedHashMap<>());

    private final Map<String, double[]> vectors;

    private Stats(LinkedHashMap<String, double[]> vectors) {
        this.vectors = vectors;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Statistics taken over as they are: the caller gives up the arrays. */
    public static Stats of(Map<String, double[]> vectors) {
        Builder b = builder();
        vectors.forEach(b::put);
        return b.build();
    }

    public boolean isEmpty() {
        return vectors.isEmpty();
    }

    public double[] vector(String key) {
        double[] v = vectors.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no statistic '" + key + "' in " + vectors.keySet());
        }
        return v.clone();
    }

    /** The single value of a scalar statistic. */
    public double scalar(String key) {
        double[] v = vectors.get(key);
        if (v == null || v.length != 1) {
            throw new IllegalArgumentException("no scalar statistic '" + key + "' in " + vectors.keySet());
        }
        return v[0];
    }

    /** Scalar value, or 0 when the statistic is absent (as in {@link #EMPTY}). */
    public double scalarOrZero(String key) {
        double[] v = vectors.get(key);
        return v == null ? 0.0 : v[0];
    }

    public boolean has(String key) {
        return vectors.containsKey(key);
    }

    /** Read-only view; the arrays must not be modified. */
    public Map<String, double[]> asMap() {
        return Collections.unmodifiableMap(vectors);
    }

    /** Element-wise sum. Both sides must have the same keys and vector lengths, except that EMPTY is the identity. */
    public Stats plus(Stats other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        if (!vectors.keySet().equals(other.vectors.keySet())) {
            throw new IllegalArgumentException("cannot add statistics with keys " + vectors.keySet() + " and " + other.vectors.keySet());
        }
        LinkedHashMap<String, double[]> sum = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : vectors.entrySet()) {
            double[] a = e.getValue();
            double[] b = other.vectors.get(e.getKey());
            if (a.length != b.length) {
                throw new IllegalArgumentException("statistic '" + e.getKey() + "' has length " + a.length + " and " + b.length);
            }
            double[] s = new double[a.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = a[i] + b[i];
            }
            sum.put(e.getKey(), s);
        }
        return new Stats(sum);
    }

    /** A running sum that adds in place (for loops over many samples). */
    public static final class Accumulator {
        private LinkedHashMap<String, double[]> sum;

        public Accumulator add(Stats s) {
            if (s.isEmpty()) {
                return this;
            }
            if (sum == null) {
                sum = new LinkedHashMap<>();
                s.vectors.forEach((k, v) -> sum.put(k, v.clone()));
                return this;
            }
            if (!sum.keySet().equals(s.vectors.keySet())) {
                throw new IllegalArgumentException("cannot add statistics with keys " + sum.keySet() + " and " + s.vectors.keySet());
            }
            for (Map.Entry<String, double[]> e : s.vectors.entrySet()) {
                double[] acc = sum.get(e.getKey());
                double[] v = e.getValue();
                if (acc.length != v.length) {
                    throw new IllegalArgumentException("statistic '" + e.getKey() + "' has length " + acc.length + " and " + v.length);
                }
                for (int i = 0; i < acc.length; i++) {
                    acc[i] += v[i];
                }
            }
            return this;
        }

        public Stats result() {
            if (sum == null) {
                return EMPTY;
            }
            LinkedHashMap<String, double[]> copy = new LinkedHashMap<>();
            sum.forEach((k, v) -> copy.put(k, v.clone()));
            return new Stats(copy);
        }
    }

    public static final class Builder {
        private final LinkedHashMap<String, double[]> vectors = new LinkedHashMap<>();

        public Builder put(String key, double... values) {
            Objects.requireNonNull(key);
            if (vectors.put(key, values) != null) {
                throw new IllegalArgumentException("duplicate statistic '" + key + "'");
            }
            return this;
        }

        public Stats build() {
            return new Stats(new LinkedHashMap<>(vectors));
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Stats s) || !vectors.keySet().equals(s.vectors.keySet())) {
            return false;
        }
        for (Map.Entry<String, double[]> e : vectors.entrySet()) {
            if (!Arrays.equals(e.getValue(), s.vectors.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Map.Entry<String, double[]> e : vectors.entrySet()) {
            h += e.getKey().hashCode() ^ Arrays.hashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Stats{");
        vectors.forEach((k, v) -> sb.append(k).append('=').append(v.length == 1 ? String.valueOf(v[0]) : "[" + v.length + "]").append(' '));
        return sb.append('}').toString();
    }
}
