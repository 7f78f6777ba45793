package org.eibench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Stats.Accumulator as Spark's tree aggregation uses it: samples added in any order, split into partial
 * accumulators in any way, serialized, and merged in any tree give the same statistics, bit for bit, as one pass
 * over the samples in id order (the plain runner's summary): exact sums, order-free MIN/MAX, rows in id order.
 */
class AccumulatorMergeTest {


    private static Stats.Accumulator accumulator() {
        return new Stats.Accumulator(k -> switch (k) {
            case "low" -> Combine.MIN;
            case "high" -> Combine.MAX;
            default -> Combine.SUM;
        });
    }

    /** Sample i: sums of hard-to-add numbers (wide exponents, cancellation), extremes, and a row of 3 features. */
    private static List<Stats> samples(int n, Random random) {
        List<Stats> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double big = (random.nextBoolean() ? 1 : -1) * Math.scalb(random.nextDouble(), random.nextInt(120) - 60);
            out.add(Stats.builder()
                    .put("sum", big, random.nextDouble() * 40, Math.floor(random.nextDouble() * 1e6))
                    .put("low", random.nextGaussian())
                    .put("high", random.nextGaussian(), -random.nextDouble())
                    .putRow("features", random.nextGaussian(), random.nextGaussian(), i)
                    .build());
        }
        return out;
    }

    private static String id(int i) {
        return String.format("s%03d", i);
    }

    @Test
    void anyOrderSplitAndTreeEqualsOnePassInIdOrder() throws Exception {
        Random random = new Random(15);
        List<Stats> samples = samples(120, random);
        Stats.Accumulator plain = accumulator();
        samples.forEach(plain::add);
        Stats expected = plain.result();
        // Plain left-to-right addition in another order does not give the same sums (so this test can fail).
        double reversed = 0;
        for (int i = samples.size() - 1; i >= 0; i--) {
            reversed += samples.get(i).vector("sum")[0];
        }
        double forward = 0;
        for (Stats s : samples) {
            forward += s.vector("sum")[0];
        }
        assertThat(reversed).isNotEqualTo(forward);

        for (int trial = 0; trial < 40; trial++) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            // Partials over random slices of a random order (Spark's partitions), some serialized (sent to the driver).
            List<Stats.Accumulator> parts = new ArrayList<>();
            int at = 0;
            int pieces = 1 + random.nextInt(10);
            for (int p = 0; p < pieces; p++) {
                int end = p == pieces - 1 ? order.size() : at + random.nextInt(order.size() - at + 1);
                Stats.Accumulator part = accumulator();
                for (int k = at; k < end; k++) {
                    part.add(id(order.get(k)), samples.get(order.get(k)));
                }
                parts.add(random.nextBoolean() ? roundTrip(part) : part);
                at = end;
            }
            // A random merge tree, as treeAggregate's levels combine them in an order of Spark's choosing.
            while (parts.size() > 1) {
                Stats.Accumulator a = parts.remove(random.nextInt(parts.size()));
                Stats.Accumulator b = parts.remove(random.nextInt(parts.size()));
                parts.add(random.nextBoolean() ? a.merge(b) : accumulator().merge(b).merge(a));
            }
            Stats.Accumulator all = parts.get(0);
            assertThat(all.result()).as("trial %d", trial).isEqualTo(expected);
            assertThat(all.count()).isEqualTo(samples.size());
            assertThat(all.ids()).hasSize(samples.size()).first().isEqualTo("s000");
        }
    }

    @Test
    void plainAccumulatorsMergedInOrderEqualOnePass() {
        Random random = new Random(7);
        List<Stats> samples = samples(50, random);
        Stats.Accumulator whole = accumulator();
        samples.forEach(whole::add);
        Stats.Accumulator a = accumulator();
        Stats.Accumulator b = accumulator();
        samples.subList(0, 20).forEach(a::add);
        samples.subList(20, 50).forEach(b::add);
        assertThat(a.merge(b).result()).isEqualTo(whole.result());
        assertThat(a.count()).isEqualTo(50);
    }

    @Test
    void keyedAndPlainDoNotMixAndASampleCountsOnce() {
        Stats s = Stats.builder().put("sum", 1.0).put("low", 1.0).put("high", 1.0, 2.0).putRow("features", 1, 2, 3).build();
        Stats.Accumulator keyed = accumulator().add("a", s);
        assertThatThrownBy(() -> keyed.add(s)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> accumulator().add(s).merge(keyed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> keyed.add("a", s)).hasMessageContaining("sample a added twice");
        assertThatThrownBy(() -> keyed.merge(accumulator().add("a", s))).hasMessageContaining("sample a is in both");
        assertThatThrownBy(() -> keyed.merge(accumulator().add("b", Stats.builder().put("sum", 1.0).build())))
                .hasMessageContaining("keys");
    }

    @Test
    void extremesAndRowsKeepTheirMeaning() {
        Stats.Accumulator acc = accumulator();
        acc.add("b", Stats.builder().put("sum", 2.0).put("low", 5.0).put("high", 1.0, -3.0).putRow("features", 2, 2, 2).build());
        acc.add("a", Stats.builder().put("sum", 1.0).put("low", -1.0).put("high", 0.5, -4.0).putRow("features", 1, 1, 1).build());
        Stats r = acc.result();
        assertThat(r.scalar("sum")).isEqualTo(3.0);
        assertThat(r.scalar("low")).isEqualTo(-1.0);
        assertThat(r.vector("high")).containsExactly(1.0, -3.0);
        assertThat(r.rows("features").data()).containsExactly(1, 1, 1, 2, 2, 2);
    }

    private static Stats.Accumulator roundTrip(Stats.Accumulator a) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(a);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Stats.Accumulator) in.readObject();
        }
    }
}
