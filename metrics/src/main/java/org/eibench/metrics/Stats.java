package org.eibench.metrics;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Additive sufficient statistics: named vectors of doubles. Every EIBench metric reduces a sample to a {@code Stats}
 * whose element-wise sum over samples is enough to compute the dataset value (sums of per-image scores, pooled
 * confusion counts, histograms, per-threshold match counts). Addition is the merge of the metric monoid unless the
 * metric declares another {@link Combine} for a statistic; {@link Accumulator#of(Metric)} follows that declaration, so
 * shards, resumed runs, category slices and bootstrap resamples all combine the same way. Counts stay exact as doubles up
 * to 2^53.
 *
 * <p>A statistic may also be a table of {@link Rows} (one row of features per sample, for the distribution metrics
 * FD and KD, whose value needs every sample's features: KID draws subsets of them). Rows merge by concatenation in
 * merge order, the free monoid: associative, with {@link #EMPTY} as identity, but not commutative, so callers merge
 * in a fixed order (the summary sums samples in id order). A row costs its width in numbers, where the sum of outer
 * products a Frechet distance could start from would cost width^2 / 2 per sample (2 million numbers for Inception's
 * 2048 features).
 */
public final class Stats {

    public static final Stats EMPTY = new Stats(new LinkedHashMap<>(), new LinkedHashMap<>());

    private final Map<String, double[]> vectors;
    private final Map<String, Rows> rows;

    private Stats(LinkedHashMap<String, double[]> vectors, LinkedHashMap<String, Rows> rows) {
        this.vectors = vectors;
        this.rows = rows;
    }

    /**
     * A table of rows of equal width, stored row-major; merged by concatenation.
     *
     * @param width numbers per row
     * @param data  {@code count() * width} numbers, row after row (never modified)
     */
    public record Rows(int width, double[] data) {

        public Rows {
            if (width < 1 || data.length % width != 0) {
                throw new IllegalArgumentException("rows of width " + width + " cannot hold " + data.length + " numbers");
            }
        }

        public int count() {
            return data.length / width;
        }

        /** A copy of row {@code i}. */
        public double[] row(int i) {
            return java.util.Arrays.copyOfRange(data, i * width, (i + 1) * width);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rows r && r.width == width && Arrays.equals(r.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * width + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Rows[" + count() + "x" + width + "]";
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Statistics taken over as they are: the caller gives up the arrays. */
    public static Stats of(Map<String, double[]> vectors) {
        return of(vectors, Map.of());
    }

    /** Vector and row statistics taken over as they are. */
    public static Stats of(Map<String, double[]> vectors, Map<String, Rows> rows) {
        Builder b = builder();
        vectors.forEach(b::put);
        rows.forEach(b::putRows);
        return b.build();
    }

    public boolean isEmpty() {
        return vectors.isEmpty() && rows.isEmpty();
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
        return vectors.containsKey(key) || rows.containsKey(key);
    }

    /** Read-only view of the vector statistics; the arrays must not be modified. */
    public Map<String, double[]> asMap() {
        return Collections.unmodifiableMap(vectors);
    }

    /** Read-only view of the row statistics (empty for most metrics). */
    public Map<String, Rows> rowsMap() {
        return Collections.unmodifiableMap(rows);
    }

    /** The rows of a row statistic. */
    public Rows rows(String key) {
        Rows r = rows.get(key);
        if (r == null) {
            throw new IllegalArgumentException("no row statistic '" + key + "' in " + rows.keySet());
        }
        return r;
    }

    /** Element-wise sum. Both sides must have the same keys and vector lengths, except that EMPTY is the identity. */
    public Stats plus(Stats other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        if (!vectors.keySet().equals(other.vectors.keySet()) || !rows.keySet().equals(other.rows.keySet())) {
            throw new IllegalArgumentException("cannot add statistics with keys " + keys() + " and " + other.keys());
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
        LinkedHashMap<String, Rows> joined = new LinkedHashMap<>();
        for (Map.Entry<String, Rows> e : rows.entrySet()) {
            Rows a = e.getValue();
            Rows b = other.rows.get(e.getKey());
            if (a.width() != b.width()) {
                throw new IllegalArgumentException("row statistic '" + e.getKey() + "' has width " + a.width() + " and " + b.width());
            }
            double[] d = Arrays.copyOf(a.data(), a.data().length + b.data().length);
            System.arraycopy(b.data(), 0, d, a.data().length, b.data().length);
            joined.put(e.getKey(), new Rows(a.width(), d));
        }
        return new Stats(sum, joined);
    }

    private java.util.Set<String> keys() {
        java.util.Set<String> k = new java.util.LinkedHashSet<>(vectors.keySet());
        k.addAll(rows.keySet());
        return k;
    }

    /**
     * Combines statistics in place (for loops over many samples): each vector statistic as its metric declares
     * ({@link Metric#combine}), rows appended in order.
     */
    public static final class Accumulator {
        private final java.util.function.Function<String, Combine> combine;
        private LinkedHashMap<String, double[]> sum;
        private LinkedHashMap<String, RowBuffer> rows;

        /** Sums every vector statistic. */
        public Accumulator() {
            this(k -> Combine.SUM);
        }

        /** Combines each statistic as {@code combine} says. */
        public Accumulator(java.util.function.Function<String, Combine> combine) {
            this.combine = combine;
        }

        /** Combines as {@code metric} declares. */
        public static Accumulator of(Metric<?, ?> metric) {
            return new Accumulator(metric::combine);
        }

        /** Growing row storage, doubled as needed. */
        private static final class RowBuffer {
            final int width;
            double[] data;
            int length;

            RowBuffer(Rows first) {
                width = first.width();
                data = first.data().clone();
                length = data.length;
            }

            void append(String key, Rows r) {
                if (r.width() != width) {
                    throw new IllegalArgumentException("row statistic '" + key + "' has width " + width + " and " + r.width());
                }
                if (length + r.data().length > data.length) {
                    data = Arrays.copyOf(data, Math.max(2 * data.length, length + r.data().length));
                }
                System.arraycopy(r.data(), 0, data, length, r.data().length);
                length += r.data().length;
            }
        }

        public Accumulator add(Stats s) {
            if (s.isEmpty()) {
                return this;
            }
            if (sum == null) {
                sum = new LinkedHashMap<>();
                rows = new LinkedHashMap<>();
                s.vectors.forEach((k, v) -> {
                    if (combine.apply(k) == Combine.CONCAT) {
                        throw new IllegalArgumentException("statistic '" + k + "' is declared CONCAT but is a vector, not rows");
                    }
                    sum.put(k, v.clone());
                });
                s.rows.forEach((k, r) -> {
                    if (combine.apply(k) != Combine.CONCAT && combine.apply(k) != Combine.SUM) {
                        throw new IllegalArgumentException("row statistic '" + k + "' can only be concatenated, not " + combine.apply(k));
                    }
                    rows.put(k, new RowBuffer(r));
                });
                return this;
            }
            if (!sum.keySet().equals(s.vectors.keySet()) || !rows.keySet().equals(s.rows.keySet())) {
                java.util.Set<String> mine = new java.util.LinkedHashSet<>(sum.keySet());
                mine.addAll(rows.keySet());
                throw new IllegalArgumentException("cannot add statistics with keys " + mine + " and " + s.keys());
            }
            for (Map.Entry<String, double[]> e : s.vectors.entrySet()) {
                double[] acc = sum.get(e.getKey());
                double[] v = e.getValue();
                if (acc.length != v.length) {
                    throw new IllegalArgumentException("statistic '" + e.getKey() + "' has length " + acc.length + " and " + v.length);
                }
                Combine c = combine.apply(e.getKey());
                if (c == Combine.SUM) {
                    for (int i = 0; i < acc.length; i++) {
                        acc[i] += v[i];
                    }
                } else {
                    for (int i = 0; i < acc.length; i++) {
                        acc[i] = c.apply(acc[i], v[i]);
                    }
                }
            }
            s.rows.forEach((k, r) -> rows.get(k).append(k, r));
            return this;
        }

        public Stats result() {
            if (sum == null) {
                return EMPTY;
            }
            LinkedHashMap<String, double[]> copy = new LinkedHashMap<>();
            sum.forEach((k, v) -> copy.put(k, v.clone()));
            LinkedHashMap<String, Rows> r = new LinkedHashMap<>();
            rows.forEach((k, b) -> r.put(k, new Rows(b.width, Arrays.copyOf(b.data, b.length))));
            return new Stats(copy, r);
        }
    }

    public static final class Builder {
        private final LinkedHashMap<String, double[]> vectors = new LinkedHashMap<>();
        private final LinkedHashMap<String, Rows> rows = new LinkedHashMap<>();

        public Builder put(String key, double... values) {
            Objects.requireNonNull(key);
            if (rows.containsKey(key) || vectors.put(key, values) != null) {
                throw new IllegalArgumentException("duplicate statistic '" + key + "'");
            }
            return this;
        }

        /** A row statistic (the caller gives up the array). */
        public Builder putRows(String key, Rows r) {
            Objects.requireNonNull(key);
            if (vectors.containsKey(key) || rows.put(key, r) != null) {
                throw new IllegalArgumentException("duplicate statistic '" + key + "'");
            }
            return this;
        }

        /** A row statistic of one row. */
        public Builder putRow(String key, double... row) {
            return putRows(key, new Rows(row.length, row));
        }

        public Stats build() {
            return new Stats(new LinkedHashMap<>(vectors), new LinkedHashMap<>(rows));
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Stats s) || !vectors.keySet().equals(s.vectors.keySet()) || !rows.equals(s.rows)) {
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
        return h + rows.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Stats{");
        vectors.forEach((k, v) -> sb.append(k).append('=').append(v.length == 1 ? String.valueOf(v[0]) : "[" + v.length + "]").append(' '));
        rows.forEach((k, r) -> sb.append(k).append('=').append(r).append(' '));
        return sb.append('}').toString();
    }
}
