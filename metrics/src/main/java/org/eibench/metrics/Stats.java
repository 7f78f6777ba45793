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
 * to 2^53. {@link Accumulator} sums exactly (rounded once at the end, as Python's {@code math.fsum}), so a sum over
 * samples does not depend on their order nor on how they were split into partial sums and merged.
 *
 * <p>A statistic may also be a table of {@link Rows} (one row of features per sample, for the distribution metrics
 * FD and KD, whose value needs every sample's features: KID draws subsets of them). Rows merge by concatenation in
 * merge order, the free monoid: associative, with {@link #EMPTY} as identity, but not commutative, so callers merge
 * in a fixed order (the summary adds samples in id order; an accumulator fed with sample ids puts them in id order
 * itself). A row costs its width in numbers, where the sum of outer
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
    public record Rows(int width, double[] data) implements java.io.Serializable {

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
     * Combines statistics in place (for loops over many samples, and partial states merged across shards, threads or
     * Spark executors): each vector statistic as its metric declares ({@link Metric#combine}), rows concatenated.
     *
     * <p>SUM statistics are summed exactly ({@link ExactSum}: Shewchuk's partials, rounded once when {@link #result}
     * is read, as Python's {@code math.fsum}), so the result is the correctly rounded sum whatever the order of the
     * {@link #add} calls and however the samples were split into accumulators that were then {@link #merge}d. MIN and
     * MAX are order independent by nature. Rows are not: an accumulator fed by {@link #add(Stats)} keeps them in call
     * order (a caller that needs a fixed order adds in that order, e.g. sample-id order), while one fed by
     * {@link #add(String, Stats)} keys each sample's rows by its id and concatenates them in id order
     * ({@link String#compareTo}) however they arrived, so partial states merged in any order or tree give the same
     * result as one pass over the samples in id order. The two kinds do not mix.
     *
     * <p>Serializable, for Spark: the per-key declarations are resolved at the first statistics added and travel with
     * the state; a deserialized accumulator takes merges, and new statistics only if it had some already.
     */
    public static final class Accumulator implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        /** The metric's declaration; not serialized (a metric is code), every key it answered is in combines. */
        private transient java.util.function.Function<String, Combine> combine;
        /** Null until the first statistics: each vector statistic's declaration, in their key order. */
        private LinkedHashMap<String, Combine> combines;
        private LinkedHashMap<String, ExactSum> sums;
        private LinkedHashMap<String, double[]> extremes;
        /** Each row statistic's width, in key order. */
        private LinkedHashMap<String, Integer> widths;
        /** Null until the first add; then whether rows are keyed by sample id. */
        private Boolean keyed;
        /** Rows in add (and merge) order, for {@link #add(Stats)}. */
        private LinkedHashMap<String, RowBuffer> rows;
        /** The ids added with {@link #add(String, Stats)}, and the rows of those that have rows. */
        private java.util.TreeSet<String> ids;
        private java.util.TreeMap<String, LinkedHashMap<String, Rows>> keyedRows;
        private long count;

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
        private static final class RowBuffer implements java.io.Serializable {
            private static final long serialVersionUID = 1L;
            final int width;
            double[] data;
            int length;

            RowBuffer(Rows first) {
                width = first.width();
                data = first.data().clone();
                length = data.length;
            }

            void append(String key, int w, double[] more, int n) {
                if (w != width) {
                    throw new IllegalArgumentException("row statistic '" + key + "' has width " + width + " and " + w);
                }
                if (length + n > data.length) {
                    data = Arrays.copyOf(data, Math.max(2 * data.length, length + n));
                }
                System.arraycopy(more, 0, data, length, n);
                length += n;
            }

            Rows rows() {
                return new Rows(width, Arrays.copyOf(data, length));
            }
        }

        /** Adds one sample's (or any) statistics; rows are appended in call order. */
        public Accumulator add(Stats s) {
            if (Boolean.TRUE.equals(keyed)) {
                throw new IllegalStateException("this accumulator orders rows by sample id: add(id, stats)");
            }
            if (s.isEmpty()) {
                return this;
            }
            keyed = false;
            addVectors(s);
            if (!s.rows.isEmpty()) {
                if (rows == null) {
                    rows = new LinkedHashMap<>();
                }
                s.rows.forEach((k, r) -> {
                    RowBuffer b = rows.get(k);
                    if (b == null) {
                        rows.put(k, new RowBuffer(r));
                    } else {
                        b.append(k, r.width(), r.data(), r.data().length);
                    }
                });
            }
            count++;
            return this;
        }

        /**
         * Adds sample {@code id}'s statistics; its rows take their place in id order, whatever the order of the calls.
         *
         * @throws IllegalArgumentException if {@code id} was added already (to this accumulator or one merged in)
         */
        public Accumulator add(String id, Stats s) {
            if (Boolean.FALSE.equals(keyed)) {
                throw new IllegalStateException("this accumulator keeps rows in add order: add(stats)");
            }
            if (keyed == null) {
                keyed = true;
                ids = new java.util.TreeSet<>();
                keyedRows = new java.util.TreeMap<>();
            }
            if (!ids.add(id)) {
                throw new IllegalArgumentException("sample " + id + " added twice");
            }
            if (!s.isEmpty()) {
                addVectors(s);
                if (!s.rows.isEmpty()) {
                    keyedRows.put(id, new LinkedHashMap<>(s.rows));
                }
            }
            count++;
            return this;
        }

        /**
         * Adds everything {@code other} holds, exactly as if its samples had been added here: sums merge their
         * partials, rows join in add order (this accumulator's, then {@code other}'s) or, keyed, in id order.
         *
         * @throws IllegalArgumentException if both hold statistics that do not fit, or (keyed) a sample in common
         */
        public Accumulator merge(Accumulator other) {
            if (other == this) {
                other = other.copy();
            }
            if (other.keyed == null) {
                return this;
            }
            if (keyed != null && !keyed.equals(other.keyed)) {
                throw new IllegalStateException("cannot merge an accumulator whose rows are keyed by sample id with one"
                        + " that keeps them in add order");
            }
            if (other.keyed) {
                for (String id : other.ids) {
                    if (ids != null && ids.contains(id)) {
                        throw new IllegalArgumentException("sample " + id + " is in both accumulators");
                    }
                }
            }
            if (other.combines != null) {
                if (combines == null) {
                    start(other);
                } else {
                    if (!combines.equals(other.combines) || !widths.equals(other.widths)) {
                        throw new IllegalArgumentException("cannot merge statistics with keys " + keys() + " and "
                                + other.keys());
                    }
                    other.sums.forEach((k, s) -> sums.get(k).merge(s));
                    other.extremes.forEach((k, v) -> extreme(k, combines.get(k), extremes.get(k), v));
                }
            }
            if (keyed == null) {
                keyed = other.keyed;
                if (keyed) {
                    ids = new java.util.TreeSet<>();
                    keyedRows = new java.util.TreeMap<>();
                }
            }
            if (keyed) {
                ids.addAll(other.ids);
                other.keyedRows.forEach((id, r) -> keyedRows.put(id, new LinkedHashMap<>(r)));
            } else if (other.rows != null) {
                if (rows == null) {
                    rows = new LinkedHashMap<>();
                }
                other.rows.forEach((k, b) -> {
                    RowBuffer mine = rows.get(k);
                    if (mine == null) {
                        rows.put(k, new RowBuffer(b.rows()));
                    } else {
                        mine.append(k, b.width, b.data, b.length);
                    }
                });
            }
            count += other.count;
            return this;
        }

        /** A deep copy (with the same declaration). */
        public Accumulator copy() {
            Accumulator c = new Accumulator(combine);
            return c.merge(this);
        }

        /** How many samples were added (here and in the accumulators merged in); EMPTY adds by {@link #add(Stats)} do not count. */
        public long count() {
            return count;
        }

        /** The sample ids added by {@link #add(String, Stats)} (here and merged in), in id order; empty otherwise. */
        public java.util.SortedSet<String> ids() {
            return ids == null ? new java.util.TreeSet<>() : java.util.Collections.unmodifiableSortedSet(ids);
        }

        /** The combined statistics (sums rounded once, from their exact value); the accumulator stays usable. */
        public Stats result() {
            if (combines == null) {
                return EMPTY;
            }
            LinkedHashMap<String, double[]> v = new LinkedHashMap<>();
            combines.forEach((k, c) -> v.put(k, c == Combine.SUM ? sums.get(k).values() : extremes.get(k).clone()));
            LinkedHashMap<String, Rows> r = new LinkedHashMap<>();
            widths.forEach((k, w) -> {
                if (!keyed) {
                    r.put(k, rows.get(k).rows());
                    return;
                }
                RowBuffer all = null;
                for (Map<String, Rows> sample : keyedRows.values()) {
                    Rows one = sample.get(k);
                    if (all == null) {
                        all = new RowBuffer(one);
                    } else {
                        all.append(k, one.width(), one.data(), one.data().length);
                    }
                }
                r.put(k, all.rows());
            });
            return new Stats(v, r);
        }

        /** The key structure of the first statistics: from a sample's, or copied (deeply) from an accumulator's. */
        private void start(Accumulator from) {
            combines = new LinkedHashMap<>(from.combines);
            widths = new LinkedHashMap<>(from.widths);
            sums = new LinkedHashMap<>();
            from.sums.forEach((k, s) -> sums.put(k, s.copy()));
            extremes = new LinkedHashMap<>();
            from.extremes.forEach((k, e) -> extremes.put(k, e.clone()));
        }

        private void addVectors(Stats s) {
            if (combines == null) {
                combines = new LinkedHashMap<>();
                sums = new LinkedHashMap<>();
                extremes = new LinkedHashMap<>();
                widths = new LinkedHashMap<>();
                s.vectors.forEach((k, v) -> {
                    Combine c = declared(k);
                    if (c == Combine.CONCAT) {
                        throw new IllegalArgumentException("statistic '" + k + "' is declared CONCAT but is a vector, not rows");
                    }
                    combines.put(k, c);
                    if (c == Combine.SUM) {
                        sums.put(k, new ExactSum(v.length));
                    } else {
                        double[] identity = new double[v.length];
                        Arrays.fill(identity, c == Combine.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
                        extremes.put(k, identity);
                    }
                });
                s.rows.forEach((k, r) -> {
                    Combine c = declared(k);
                    if (c != Combine.CONCAT && c != Combine.SUM) {
                        throw new IllegalArgumentException("row statistic '" + k + "' can only be concatenated, not " + c);
                    }
                    widths.put(k, r.width());
                });
            }
            if (!combines.keySet().equals(s.vectors.keySet()) || !widths.keySet().equals(s.rows.keySet())) {
                throw new IllegalArgumentException("cannot add statistics with keys " + keys() + " and " + s.keys());
            }
            for (Map.Entry<String, double[]> e : s.vectors.entrySet()) {
                String k = e.getKey();
                double[] v = e.getValue();
                Combine c = combines.get(k);
                int length = c == Combine.SUM ? sums.get(k).length() : extremes.get(k).length;
                if (length != v.length) {
                    throw new IllegalArgumentException("statistic '" + k + "' has length " + length + " and " + v.length);
                }
                if (c == Combine.SUM) {
                    sums.get(k).add(v);
                } else {
                    extreme(k, c, extremes.get(k), v);
                }
            }
            s.rows.forEach((k, r) -> {
                if (r.width() != widths.get(k)) {
                    throw new IllegalArgumentException("row statistic '" + k + "' has width " + widths.get(k) + " and " + r.width());
                }
            });
        }

        private static void extreme(String key, Combine c, double[] acc, double[] v) {
            if (acc.length != v.length) {
                throw new IllegalArgumentException("statistic '" + key + "' has length " + acc.length + " and " + v.length);
            }
            for (int i = 0; i < acc.length; i++) {
                acc[i] = c.apply(acc[i], v[i]);
            }
        }

        private Combine declared(String key) {
            if (combine == null) {
                throw new IllegalStateException("statistic '" + key + "' is new to a deserialized accumulator, which has"
                        + " no metric to ask how it combines");
            }
            return combine.apply(key);
        }

        private java.util.Set<String> keys() {
            java.util.Set<String> k = new java.util.LinkedHashSet<>();
            if (combines != null) {
                k.addAll(combines.keySet());
                k.addAll(widths.keySet());
            }
            return k;
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
