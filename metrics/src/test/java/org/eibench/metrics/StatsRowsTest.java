package org.eibench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Row statistics: concatenation in merge order, EMPTY as identity, associativity, and clear errors. */
class StatsRowsTest {

    static Stats sample(double... row) {
        return Stats.builder().put("n", 1).putRow("f", row).build();
    }

    @Test
    void plusConcatenatesRowsAndAddsVectors() {
        Stats s = sample(1, 2).plus(sample(3, 4)).plus(sample(5, 6));
        assertThat(s.scalar("n")).isEqualTo(3);
        assertThat(s.rows("f").count()).isEqualTo(3);
        assertThat(s.rows("f").data()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(s.rows("f").row(1)).containsExactly(3, 4);
    }

    @Test
    void emptyIsTheIdentityAndMergingIsAssociative() {
        Stats a = sample(1, 2);
        Stats b = sample(3, 4);
        Stats c = sample(5, 6);
        assertThat(Stats.EMPTY.plus(a)).isEqualTo(a);
        assertThat(a.plus(Stats.EMPTY)).isEqualTo(a);
        assertThat(a.plus(b).plus(c)).isEqualTo(a.plus(b.plus(c)));
        // Not commutative: order is part of the value, so callers merge in id order.
        assertThat(a.plus(b)).isNotEqualTo(b.plus(a));
    }

    @Test
    void accumulatorEqualsRepeatedPlus() {
        List<Stats> all = List.of(sample(1, 2), sample(3, 4), sample(5, 6), sample(7, 8));
        Stats.Accumulator acc = new Stats.Accumulator();
        Stats sum = Stats.EMPTY;
        for (Stats s : all) {
            acc.add(s);
            sum = sum.plus(s);
        }
        assertThat(acc.result()).isEqualTo(sum);
        // result() is a snapshot: adding more does not change it
        Stats before = acc.result();
        acc.add(sample(9, 10));
        assertThat(before.rows("f").count()).isEqualTo(4);
        assertThat(acc.result().rows("f").count()).isEqualTo(5);
    }

    @Test
    void mismatchedRowsAreRejectedWithTheirNames() {
        assertThatThrownBy(() -> sample(1, 2).plus(sample(1, 2, 3))).hasMessageContaining("'f' has width 2 and 3");
        assertThatThrownBy(() -> new Stats.Accumulator().add(sample(1, 2)).add(sample(1, 2, 3)))
                .hasMessageContaining("'f' has width 2 and 3");
        Stats other = Stats.builder().put("n", 1).putRow("g", 1, 2).build();
        assertThatThrownBy(() -> sample(1, 2).plus(other)).hasMessageContaining("[n, f]").hasMessageContaining("[n, g]");
        assertThatThrownBy(() -> Stats.builder().put("f", 1).putRow("f", 1)).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> new Stats.Rows(3, new double[4])).hasMessageContaining("width 3");
    }
}
