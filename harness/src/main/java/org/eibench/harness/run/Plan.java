package org.eibench.harness.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eibench.tasks.data.SampleRef;
import org.eibench.tasks.data.SampleSeeds;

/**
 * Which samples a run takes: the seeded, stratified {@code --limit} subset (identical for every model, independent
 * of listing order) and the {@code --shard i/N} filter. Both depend only on sample ids, meta and the seed, so a
 * subset or shard is the same on every machine.
 */
public final class Plan {

    /** Meta keys a sample's stratum is read from, first present wins. */
    static final List<String> STRATUM_KEYS = List.of("category", "class", "stratum");

    private Plan() {
    }

    /** {@code --shard i/N}: the samples whose id hashes to i modulo N (0-based). */
    public record Shard(int index, int count) {
        public Shard {
            if (count < 1 || index < 0 || index >= count) {
                throw new IllegalArgumentException("a shard is i/N with 0 <= i < N, not " + index + "/" + count);
            }
        }

        public static Shard parse(String s) {
            String[] p = s.split("/");
            try {
                if (p.length == 2) {
                    return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new IllegalArgumentException("--shard must be i/N with 0 <= i < N (e.g. 0/4), not '" + s + "'");
        }

        public boolean contains(String sampleId) {
            // Independent of the seed on purpose: shards of runs with different seeds still line up for merging.
            return Math.floorMod(SampleSeeds.rank(0x5EED5EEDL, sampleId), (long) count) == index;
        }

        @Override
        public String toString() {
            return index + "/" + count;
        }
    }

    /**
     * The seeded subset of a task's samples, sorted by id. With a limit, each stratum (a sample's category, when its
     * meta has one) gets its proportional share (largest remainders, ties by stratum name) and, within a stratum,
     * the samples with the smallest seeded hash are taken.
     */
    public static List<SampleRef> subset(List<SampleRef> all, long seed, Integer limit) {
        List<SampleRef> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing(SampleRef::id));
        if (limit == null || limit >= sorted.size()) {
            return sorted;
        }
        Map<String, List<SampleRef>> strata = new TreeMap<>();
        for (SampleRef r : sorted) {
            strata.computeIfAbsent(stratum(r), k -> new ArrayList<>()).add(r);
        }
        int n = sorted.size();
        Map<String, Integer> quota = new TreeMap<>();
        List<Map.Entry<String, Double>> remainders = new ArrayList<>();
        int given = 0;
        for (Map.Entry<String, List<SampleRef>> e : strata.entrySet()) {
            double exact = (double) limit * e.getValue().size() / n;
            int q = (int) Math.floor(exact);
            quota.put(e.getKey(), q);
            given += q;
            remainders.add(Map.entry(e.getKey(), exact - q));
        }
        remainders.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        for (int i = 0; given < limit; i++) {
            String k = remainders.get(i % remainders.size()).getKey();
            if (quota.get(k) < strata.get(k).size()) {
                quota.merge(k, 1, Integer::sum);
                given++;
            }
        }
        List<SampleRef> chosen = new ArrayList<>(limit);
        for (Map.Entry<String, List<SampleRef>> e : strata.entrySet()) {
            List<SampleRef> g = new ArrayList<>(e.getValue());
            g.sort(Comparator.comparingLong((SampleRef r) -> SampleSeeds.rank(seed, r.id())).thenComparing(SampleRef::id));
            chosen.addAll(g.subList(0, quota.get(e.getKey())));
        }
        chosen.sort(Comparator.comparing(SampleRef::id));
        return chosen;
    }

    /** Subset, then shard. */
    public static List<SampleRef> of(List<SampleRef> all, long seed, Integer limit, Shard shard) {
        List<SampleRef> s = subset(all, seed, limit);
        return shard == null ? s : s.stream().filter(r -> shard.contains(r.id())).toList();
    }

    static String stratum(SampleRef r) {
        for (String k : STRATUM_KEYS) {
            Object v = r.meta().get(k);
            if (v != null) {
                return String.valueOf(v);
            }
        }
        return "";
    }
}
