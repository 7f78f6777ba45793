package org.eibench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eibench.metrics.Stats;
import org.junit.jupiter.api.Test;

/** Statistics in sample lines: vectors as numbers or lists, row statistics as lists of lists, round trip exact. */
class JsonStatsTest {

    @Test
    void rowsRoundTripThroughALine() throws Exception {
        Stats s = Stats.builder().put("n", 1).put("hist", 1, 2, 3).putRow("output", 0.1, -2.5e-17, 3)
                .putRow("target", 7, 8, 9.000000000000002).build();
        String line = Json.LINES.writeValueAsString(Json.stats(s));
        assertThat(line).contains("\"output\":[[0.1,-2.5E-17,3.0]]");
        Stats back = Json.stats(Json.LINES.readTree(line));
        assertThat(back).isEqualTo(s);
        Stats two = s.plus(s);
        assertThat(Json.stats(Json.LINES.readTree(Json.LINES.writeValueAsString(Json.stats(two))))).isEqualTo(two);
    }

    @Test
    void raggedRowsAreDamageWithTheirName() throws Exception {
        assertThatThrownBy(() -> Json.stats(Json.LINES.readTree("{\"output\": [[1, 2], [3]]}")))
                .hasMessageContaining("'output'").hasMessageContaining("row 1 has 1");
    }

    /** Whole numbers are written without ".0" (sample lines of segmentation are mostly counts) and read back equal. */
    @Test
    void wholeNumbersAreWrittenAsIntegersAndReadBackExactly() throws Exception {
        Stats s = Stats.builder().put("counts", 0, 1, 262144, 9.007199254740992E15, -3)
                .put("other", 0.5, -0.0, 1e300, Double.MIN_VALUE, 9.007199254740994E15).build();
        String line = Json.LINES.writeValueAsString(Json.stats(s));
        assertThat(line).contains("\"counts\":[0,1,262144,9007199254740992,-3]");
        // -0.0 keeps its sign; beyond 2^53 and fractions stay doubles
        assertThat(line).contains("\"other\":[0.5,-0.0,1.0E300,4.9E-324,9.007199254740994E15]");
        Stats back = Json.stats(Json.LINES.readTree(line));
        for (String k : s.asMap().keySet()) {
            double[] a = back.vector(k);
            double[] e = s.vector(k);
            for (int j = 0; j < e.length; j++) {
                assertThat(Double.doubleToRawLongBits(a[j])).isEqualTo(Double.doubleToRawLongBits(e[j]));
            }
        }
    }
}
