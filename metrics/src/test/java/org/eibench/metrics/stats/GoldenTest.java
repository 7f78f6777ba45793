package org.eibench.metrics.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixtures' numbers read back exactly as Python wrote them: close is not equal. */
class GoldenTest {

    @Test
    void readsNumbersExactlyAndKeepsNullNanAndNesting(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("f.json");
        // repr() of Python floats: shortest round-trip text; a subnormal; an integer beyond 2^53; NaN as json.dump writes it.
        Files.writeString(f, "{\"a\": 0.1, \"tiny\": 5e-324, \"third\": 0.3333333333333333, \"big\": 9007199254740993,"
                + " \"n\": 12, \"nan\": NaN, \"none\": null, \"s\": \"caf\\u00e9\\n\", \"list\": [1.5, [2, -0.0]], \"ok\": true}");
        Map<String, Object> m = Golden.readJson(f);
        assertThat(m.get("a")).isEqualTo(0.1);
        assertThat(m.get("tiny")).isEqualTo(Double.MIN_VALUE);
        assertThat(m.get("third")).isEqualTo(1.0 / 3);
        assertThat(((Number) m.get("big")).longValue()).isEqualTo(9007199254740993L);
        assertThat(Golden.num(m.get("n"))).isEqualTo(12.0);
        assertThat(Golden.num(m.get("nan"))).isNaN();
        assertThat(Golden.num(m.get("none"))).isNaN();
        assertThat(m).containsKey("none");
        assertThat(m.get("s")).isEqualTo("café\n");
        assertThat(m.get("ok")).isEqualTo(true);
        List<?> list = (List<?>) m.get("list");
        assertThat(Golden.num(list.get(0))).isEqualTo(1.5);
        assertThat(Golden.doubles(list.get(1))).containsExactly(2.0, -0.0);
        assertThat(Double.doubleToRawLongBits(Golden.doubles(list.get(1))[1])).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }
}
