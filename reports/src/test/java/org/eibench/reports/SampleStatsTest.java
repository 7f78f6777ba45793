package org.eibench.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SampleStatsTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 5, 30})
    void intervalIsSeededAndBracketsTheMean(int n) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(n);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble() * 10;
        }
        double[] a = SampleStats.bootstrapMean(v);
        double[] b = SampleStats.bootstrapMean(v);
        assertThat(a).containsExactly(b);
        double mean = java.util.Arrays.stream(v).average().orElseThrow();
        assertThat(a[0]).isLessThanOrEqualTo(mean);
        assertThat(a[1]).isGreaterThanOrEqualTo(mean);
    }

    @org.junit.jupiter.api.Test
    void describeIgnoresMissingValuesAndGivesNoIntervalForOne() {
        SampleStats.Summary s = SampleStats.describe(java.util.Arrays.asList(1.0, null, Double.NaN, 3.0));
        assertThat(s.n()).isEqualTo(2);
        assertThat(s.mean()).isEqualTo(2.0);
        assertThat(s.sd()).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(SampleStats.describe(List.of(4.0)).lo()).isNull();
        assertThat(SampleStats.quantiles().evaluate(new double[] {0, 10}, 25)).isEqualTo(2.5);
    }
}
