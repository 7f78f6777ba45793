package org.eibench.metrics.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eibench.metrics.Stats;
import org.eibench.metrics.stats.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Frechet and kernel distances against metrics/src/test/python/distribution_golden.py (scipy sqrtm as pytorch-fid,
 * numpy's RandomState subsets as torch-fidelity): random feature sets with n from 2 to 2000, n below d, constant,
 * duplicated and low-rank features, unequal set sizes and identical sets.
 */
class DistributionGoldenTest {

    static final double REL = 1e-6;

    @SuppressWarnings("unchecked")
    static Stream<Map<String, Object>> cases() {
        Map<String, Object> doc = Golden.readJson(Golden.fixture("distribution/distribution_golden.json"));
        return ((List<Map<String, Object>>) doc.get("cases")).stream();
    }

    static Stats.Rows[] sets(Map<String, Object> c) {
        String kind = (String) c.get("kind");
        int d = (int) Golden.num(c.get("d"));
        int rank = (int) Golden.num(c.get("rank"));
        long seed = (long) Golden.num(c.get("seed"));
        Stats.Rows x = GoldenRandom.features(kind.equals("same") ? "gauss" : kind, (int) Golden.num(c.get("n1")), d, seed,
                Golden.num(c.get("scale1")), Golden.num(c.get("shift1")), rank);
        Stats.Rows y = kind.equals("same") ? x : GoldenRandom.features(kind, (int) Golden.num(c.get("n2")), d, seed + 1,
                Golden.num(c.get("scale2")), Golden.num(c.get("shift2")), rank);
        return new Stats.Rows[] {x, y};
    }

    /** Relative to the value, or absolute against the scale of the traces when the value is near 0 (identical sets). */
    static void close(String what, double expected, double actual, double scale) {
        assertThat(Math.abs(expected - actual)).as(what + ": expected " + expected + ", got " + actual)
                .isLessThanOrEqualTo(REL * Math.max(Math.abs(expected), 1e-6 * scale));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void frechetDistanceMatchesPytorchFid(Map<String, Object> c) {
        Stats.Rows[] s = sets(c);
        FrechetDistance.Result r = FrechetDistance.of(s[0], s[1]);
        double scale = r.trace1() + r.trace2();
        close(c.get("name") + " fd vs sqrtm", Golden.num(c.get("fd")), r.value(), scale);
        close(c.get("name") + " fd vs eigvals", Golden.num(c.get("fd_eig")), r.value(), scale);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void kernelDistanceMatchesTorchFidelity(Map<String, Object> c) {
        Stats.Rows[] s = sets(c);
        KernelDistance.Result r = KernelDistance.of(s[0], s[1], (int) Golden.num(c.get("subsets")),
                (int) Golden.num(c.get("subset_size")), (long) Golden.num(c.get("kid_seed")));
        assertThat(r.m()).isEqualTo((int) Golden.num(c.get("kid_m")));
        close(c.get("name") + " kid", Golden.num(c.get("kid")), r.mean(), 1);
        double std = Golden.num(c.get("kid_std"));
        // With m = n every subset is the whole set: the spread is round-off (1e-16) on both sides.
        assertThat(Math.abs(std - r.std())).as(c.get("name") + " kid_std").isLessThanOrEqualTo(Math.max(REL * std, 1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void subsetsAreNumpysChoice(Map<String, Object> c) {
        int n1 = (int) Golden.num(c.get("n1"));
        int n2 = (int) Golden.num(c.get("n2"));
        int m = (int) Golden.num(c.get("kid_m"));
        NumpyRandomState rng = new NumpyRandomState((long) Golden.num(c.get("kid_seed")));
        int[] i1 = rng.choice(n1, m);
        int[] i2 = rng.choice(n2, m);
        int[] expected = Golden.ints(c.get("first_indices"));
        int k = expected.length / 2;
        assertThat(k).isEqualTo(Math.min(8, m));
        for (int i = 0; i < k; i++) {
            assertThat(i1[i]).as("first subset, set 1, index " + i).isEqualTo(expected[i]);
            assertThat(i2[i]).as("first subset, set 2, index " + i).isEqualTo(expected[k + i]);
        }
    }
}
