package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.eibench.harness.run.Plan;
import org.eibench.tasks.data.SampleRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlanTest {

    private static List<SampleRef> samples(int n, int categories, long seed) {
        Random r = new Random(seed);
        List<SampleRef> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> meta = categories == 0 ? Map.of() : Map.of("category", "c" + r.nextInt(categories));
            out.add(new SampleRef(String.format("s%04d", i), null, null, null, meta));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void subsetsHaveTheLimitAreOrderIndependentAndStratified(long seed) {
        Random r = new Random(seed);
        int n = 20 + r.nextInt(200);
        int cats = r.nextInt(5);
        int limit = 1 + r.nextInt(n);
        List<SampleRef> all = samples(n, cats, seed);
        List<SampleRef> a = Plan.subset(all, seed, limit);
        List<SampleRef> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, r);
        assertThat(Plan.subset(shuffled, seed, limit)).isEqualTo(a);
        assertThat(a).hasSize(limit).doesNotHaveDuplicates();
        assertThat(a).isSortedAccordingTo(java.util.Comparator.comparing(SampleRef::id));
        Map<Object, Long> whole = all.stream().collect(Collectors.groupingBy(s -> s.meta().getOrDefault("category", ""), Collectors.counting()));
        Map<Object, Long> sub = a.stream().collect(Collectors.groupingBy(s -> s.meta().getOrDefault("category", ""), Collectors.counting()));
        whole.forEach((k, v) -> assertThat((double) sub.getOrDefault(k, 0L)).isCloseTo((double) limit * v / n,
                org.assertj.core.data.Offset.offset(1.0)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void shardsPartitionThePlan(int count) {
        List<SampleRef> all = samples(101, 3, count);
        List<SampleRef> union = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            union.addAll(Plan.of(all, 0, 50, new Plan.Shard(i, count)));
        }
        union.sort(java.util.Comparator.comparing(SampleRef::id));
        assertThat(union).isEqualTo(Plan.of(all, 0, 50, null));
    }

    @Test
    void differentSeedsGiveDifferentSubsetsAndShardsParse() {
        List<SampleRef> all = samples(100, 0, 1);
        assertThat(Plan.subset(all, 1, 10)).isNotEqualTo(Plan.subset(all, 2, 10));
        assertThat(Plan.subset(all, 1, null)).hasSize(100);
        assertThat(Plan.Shard.parse("2/4")).isEqualTo(new Plan.Shard(2, 4));
        assertThatThrownBy(() -> Plan.Shard.parse("4/4")).hasMessageContaining("0 <= i < N");
        assertThatThrownBy(() -> Plan.Shard.parse("x")).hasMessageContaining("i/N");
    }
}
