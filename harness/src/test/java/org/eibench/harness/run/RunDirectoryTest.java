package org.eibench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eibench.metrics.Stats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void keepLinksCopiesOrLeavesTheFileAsItIs() throws IOException {
        RunDirectory dir = new RunDirectory(tmp.resolve("run"));
        Path source = Files.write(tmp.resolve("a.png"), new byte[] {1, 2, 3});
        Path linked = dir.dir().resolve("predictions/t/a.png");
        dir.keep(linked, source, new byte[] {1, 2, 3}, true);
        assertThat(Files.isSameFile(linked, source)).isTrue();

        // Kept again over an earlier, different file (a resumed run): replaced by the link.
        Path other = Files.write(tmp.resolve("b.png"), new byte[] {4, 5});
        dir.keep(linked, other, new byte[] {4, 5}, true);
        assertThat(Files.isSameFile(linked, other)).isTrue();
        assertThat(Files.exists(linked.resolveSibling("a.png.tmp"))).isFalse();

        // Asked for a copy: the bytes, in a file of its own.
        Path copied = dir.dir().resolve("predictions/t/c.png");
        dir.keep(copied, source, new byte[] {1, 2, 3}, false);
        assertThat(Files.isSameFile(copied, source)).isFalse();
        assertThat(Files.readAllBytes(copied)).containsExactly(1, 2, 3);

        // Rescore keeps a run's own file: nothing is written, whether links are on or off.
        long modified = Files.getLastModifiedTime(copied).toMillis();
        dir.keep(copied, copied, new byte[] {9}, false);
        dir.keep(copied, copied, new byte[] {9}, true);
        assertThat(Files.readAllBytes(copied)).containsExactly(1, 2, 3);
        assertThat(Files.getLastModifiedTime(copied).toMillis()).isEqualTo(modified);

        // A link that cannot be made (here: the file is gone; elsewhere another file system) falls back to the bytes.
        Path gone = tmp.resolve("gone.png");
        Path fallback = dir.dir().resolve("predictions/t/gone.png");
        dir.keep(fallback, gone, new byte[] {7, 7}, true);
        assertThat(Files.readAllBytes(fallback)).containsExactly(7, 7);
    }

    @Test
    void aWriterOfTheWholeFileKeepsItsLinesAsTheyReadBack() throws IOException {
        RunDirectory dir = new RunDirectory(tmp.resolve("run"));
        Map<String, SampleRecord.MetricResult> metrics = new LinkedHashMap<>();
        // Whole counts (written as ints), a big whole number, fractions, -0.0, a NaN value and statistic, rows.
        metrics.put("miou", new SampleRecord.MetricResult(map("miou", 0.1 + 0.2, "aacc", Double.NaN),
                Stats.builder().put("area_intersect", 3, 0, 1e15, 123456789012.0).put("skipped", -0.0)
                        .put("silog_sum", Double.NaN).put("inf", Double.POSITIVE_INFINITY).build()));
        metrics.put("edges", new SampleRecord.MetricResult(map("ods", 1.0 / 3),
                Stats.builder().putRows("curve", new Stats.Rows(2, new double[] {0.5, 1.0 / 7, 2, 3})).build()));
        SampleRecord ok = new SampleRecord("b", true, null, null, "Segment it.", metrics, "predictions/t/b.png", "ab12",
                map("load", 1.2345678, "model", 3.0), new SampleRecord.Source(2, "explanatory", "in/b.png", "/abs/b.png"),
                Map.of("instruction_opposite_convention", "yes"), "10x10 to 20x20");
        SampleRecord failed = SampleRecord.failed("a", "decode", "no pixels, \"quoted\"\nand a new line", null);
        SampleRecord again = SampleRecord.failed("b", "score", "second line for b: the last one wins", "x");

        try (RunDirectory.SampleWriter w = dir.openWriter("t")) {
            w.append(ok);
            w.append(failed);
            w.append(again);
            w.append(ok);
            assertThat(w.samples()).isEqualTo(dir.readSamples("t"));
            assertThat(w.samples().keySet()).containsExactly("b", "a");
        }
        // A writer appending to earlier lines (a resumed run) does not know them: only the file does.
        try (RunDirectory.SampleWriter w = dir.openWriter("t")) {
            w.append(failed);
            assertThat(w.samples()).isNull();
        }
    }

    private static <V> Map<String, V> map(Object... kv) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            @SuppressWarnings("unchecked")
            V v = (V) kv[i + 1];
            m.put((String) kv[i], v);
        }
        return m;
    }
}
