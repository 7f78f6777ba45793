package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models run one at a time into one --out share one report. */
class CombinedReportTest {

    @TempDir
    Path tmp;

    @Test
    void aSecondModelIntoTheSameOutIsAddedToTheReport() throws IOException {
        Path out = tmp.resolve("runs");
        for (String model : new String[] {"identity", "bicubic"}) {
            Cli.Outcome o = Cli.run("run", "--model", model, "--task", "sr-set5-x4", "--out", out.toString(), "--no-cache",
                    "--threads", "2");
            assertThat(o.code()).as(o.err()).isZero();
        }
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("identity").contains("bicubic");
        String html = Files.readString(out.resolve("report").resolve("index.html"));
        // Both runs' summary cards, the earlier run first (it is the comparison's baseline).
        assertThat(html).contains("<div class=\"model\">identity</div>").contains("<div class=\"model\">bicubic</div>");
        assertThat(html.indexOf("<div class=\"model\">identity</div>")).isLessThan(html.indexOf("<div class=\"model\">bicubic</div>"));
        assertThat(html).contains("Comparison with identity");
    }
}
