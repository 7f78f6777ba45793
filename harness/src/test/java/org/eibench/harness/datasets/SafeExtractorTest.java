package org.eibench.harness.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the extractor writes, and which archives it refuses before anything escapes the target folder. */
class SafeExtractorTest {

    private static final SafeExtractor.Limits ROOMY = new SafeExtractor.Limits(1 << 20, 10 << 20, 1000);

    @TempDir
    Path tmp;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void extractsTheKeptEntriesOfZipAndTarGz() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("release/a/one.txt", bytes("one"));
        entries.put("release/b/two.txt", bytes("two"));
        Path zip = Archives.zip(tmp.resolve("r.zip"), entries);
        Path tgz = Archives.tgz(tmp.resolve("r.tar.gz"), entries);

        Path out1 = tmp.resolve("zip-out");
        int n1 = new SafeExtractor(ROOMY).extract(zip, "r.zip", out1, p -> p.startsWith("release/a/"));
        Path out2 = tmp.resolve("tgz-out");
        int n2 = new SafeExtractor(ROOMY).extract(tgz, "r.tar.gz", out2, p -> true);

        assertThat(n1).isEqualTo(1);
        assertThat(out1.resolve("release/a/one.txt")).hasContent("one");
        assertThat(out1.resolve("release/b/two.txt")).doesNotExist();
        assertThat(n2).isEqualTo(2);
        assertThat(out2.resolve("release/b/two.txt")).hasContent("two");
    }

    @Test
    void aZipSlipEntryIsRefusedAndNothingLandsOutside() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("release/ok.txt", bytes("ok"));
        entries.put("release/../../evil.txt", bytes("evil"));
        Path zip = Archives.zip(tmp.resolve("slip.zip"), entries);
        Path out = tmp.resolve("a/b");

        assertThatThrownBy(() -> new SafeExtractor(ROOMY).extract(zip, "slip.zip", out, p -> true))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("release/../../evil.txt")
                .hasMessageContaining("zip-slip");
        assertThat(tmp.resolve("evil.txt")).doesNotExist();
        assertThat(tmp.resolve("a/evil.txt")).doesNotExist();
    }

    @Test
    void absolutePathsAreRefused() throws Exception {
        Path zip = Archives.zip(tmp.resolve("abs.zip"), Map.of("/tmp/eibench-absolute-" + ProcessHandle.current().pid(), bytes("x")));
        assertThatThrownBy(() -> new SafeExtractor(ROOMY).extract(zip, "abs.zip", tmp.resolve("out"), p -> true))
                .isInstanceOf(DataException.class).hasMessageContaining("absolute path");
        assertThat(Path.of("/tmp/eibench-absolute-" + ProcessHandle.current().pid())).doesNotExist();
        Path drive = Archives.zip(tmp.resolve("drive.zip"), Map.of("C:\\Windows\\evil.dll", bytes("x")));
        assertThatThrownBy(() -> new SafeExtractor(ROOMY).extract(drive, "drive.zip", tmp.resolve("out"), p -> true))
                .isInstanceOf(DataException.class).hasMessageContaining("absolute path");
    }

    @Test
    void symbolicLinksInZipAndTarAreRefused() throws Exception {
        Path outside = tmp.resolve("outside");
        Files.createDirectories(outside);
        Path zip = Archives.zipWithSymlink(tmp.resolve("link.zip"), "release/escape", outside.toString());
        Path out = tmp.resolve("zip-out");
        assertThatThrownBy(() -> new SafeExtractor(ROOMY).extract(zip, "link.zip", out, p -> true))
                .isInstanceOf(DataException.class).hasMessageContaining("release/escape").hasMessageContaining("symbolic link");

        Path tgz = Archives.tgzWithLink(tmp.resolve("link.tar.gz"), "release/escape", outside.toString(), TarConstants.LF_SYMLINK);
        assertThatThrownBy(() -> new SafeExtractor(ROOMY).extract(tgz, "link.tar.gz", tmp.resolve("tgz-out"), p -> true))
                .isInstanceOf(DataException.class).hasMessageContaining("symbolic link");
        Path hard = Archives.tgzWithLink(tmp.resolve("hard.tar.gz"), "release/hard", "/etc/passwd", TarConstants.LF_LINK);
        assertThatThrownBy(() -> new SafeExtractor(ROOMY).extract(hard, "hard.tar.gz", tmp.resolve("hard-out"), p -> true))
                .isInstanceOf(DataException.class).hasMessageContaining("hard link");

        try (Stream<Path> s = Files.list(outside)) {
            assertThat(s).as("nothing written through a link").isEmpty();
        }
        assertThat(out.resolve("release/escape")).doesNotExist();
    }

    @Test
    void sizeLimitsStopABomb() throws Exception {
        Path zip = Archives.zip(tmp.resolve("big.zip"), Map.of("release/zeros.bin", new byte[200_000]));
        assertThatThrownBy(() -> new SafeExtractor(new SafeExtractor.Limits(100_000, 1 << 20, 10))
                .extract(zip, "big.zip", tmp.resolve("o1"), p -> true))
                .isInstanceOf(DataException.class).hasMessageContaining("declares 200000 bytes");
        assertThat(tmp.resolve("o1/release/zeros.bin")).doesNotExist();
        // A stream whose size is not declared is counted as it is written.
        Path raw = Files.write(tmp.resolve("zeros.bin"), new byte[200_000]);
        assertThatThrownBy(() -> new SafeExtractor(new SafeExtractor.Limits(100_000, 1 << 20, 10))
                .extract(raw, "zeros.bin", tmp.resolve("o0"), p -> true))
                .isInstanceOf(DataException.class).hasMessageContaining("the limit for one file");
        assertThat(tmp.resolve("o0/zeros.bin")).doesNotExist();

        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            many.put("release/f" + i + ".bin", new byte[60_000]);
        }
        Path tgz = Archives.tgz(tmp.resolve("many.tar.gz"), many);
        assertThatThrownBy(() -> new SafeExtractor(new SafeExtractor.Limits(100_000, 200_000, 10))
                .extract(tgz, "many.tar.gz", tmp.resolve("o2"), p -> true))
                .isInstanceOf(DataException.class).hasMessageContaining("the limit for this dataset");
        assertThatThrownBy(() -> new SafeExtractor(new SafeExtractor.Limits(100_000, 1 << 20, 3))
                .extract(tgz, "many.tar.gz", tmp.resolve("o3"), p -> true))
                .isInstanceOf(DataException.class).hasMessageContaining("over the limit of 3");
    }

    @Test
    void aFileThatIsNoArchiveIsCopied() throws Exception {
        Path png = Files.write(tmp.resolve("kodim01.png"), bytes("not really a png"));
        int n = new SafeExtractor(ROOMY).extract(png, "kodim01.png", tmp.resolve("out"), p -> true);
        assertThat(n).isEqualTo(1);
        assertThat(tmp.resolve("out/kodim01.png")).hasContent("not really a png");
        Path rar = Files.write(tmp.resolve("Rain100L.rar"), bytes("Rar!"));
        assertThatThrownBy(() -> new SafeExtractor(ROOMY).extract(rar, "Rain100L.rar", tmp.resolve("out"), p -> true))
                .isInstanceOf(DataException.class).hasMessageContaining("give the folder with --from");
    }
}
