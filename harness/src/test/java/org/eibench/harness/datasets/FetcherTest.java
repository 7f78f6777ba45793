package org.eibench.harness.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The whole fetch against a loopback server: download, checksum, extraction, layout, record and rerun. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FetcherTest {

    @TempDir
    Path tmp;

    LoopbackServer server;
    Path home;
    StringWriter log;
    byte[] zip;

    @BeforeEach
    void setUp() throws IOException {
        server = new LoopbackServer();
        home = tmp.resolve("home");
        log = new StringWriter();
        zip = Files.readAllBytes(toyZip(tmp.resolve("toy.zip"), "v1"));
        server.serve("/toy.zip", zip);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A release in its own layout: toy-release/{input,target}/{a,b}.png and a README that the layout leaves out. */
    static Path toyZip(Path file, String version) throws IOException {
        Map<String, byte[]> e = new LinkedHashMap<>();
        for (String n : new String[] {"a", "b"}) {
            e.put("toy-release/input/" + n + ".png", ("input " + n + " " + version).getBytes(StandardCharsets.UTF_8));
            e.put("toy-release/target/" + n + ".png", ("target " + n + " " + version).getBytes(StandardCharsets.UTF_8));
        }
        e.put("toy-release/README", "a toy".getBytes(StandardCharsets.UTF_8));
        return Archives.zip(file, e);
    }

    Dataset toy(String sha256, String path) throws IOException {
        String yaml = """
                format: eibench/datasets@1
                datasets:
                  - name: toy
                    title: a toy dataset
                    homepage: http://127.0.0.1/
                    licence: test data
                    tasks: [toy-task]
                    sources:
                      - url: %s
                        file: %s
                        %s
                    place:
                      - {match: "toy-release/(input|target)/([ab])\\\\.png", to: "$1/$2.png"}
                    expect:
                      - {files: [input/a.png, input/b.png]}
                      - {files: [target/a.png, target/b.png], tasks: [toy-task]}
                """.formatted(server.url(path), path.substring(path.lastIndexOf('/') + 1),
                sha256 == null ? "" : "sha256: \"" + sha256 + "\"\n        checksum_from: the test");
        Path file = tmp.resolve("registry-" + System.nanoTime() + ".yaml");
        Files.writeString(file, yaml);
        return Registry.load(file, tmp).get("toy");
    }

    Fetcher fetcher(int retries) {
        return new Fetcher(home, Map.of(), new PrintWriter(log, true), null)
                .settings(new Downloader.Settings(retries, 0, 5_000, 5_000, Map.of(), "eibench-test"));
    }

    @Test
    void aFetchCheckedAgainstTheRegistryIsCanonicalAndARerunDownloadsNothing() throws Exception {
        Dataset d = toy(Sha256.of(tmp.resolve("toy.zip")), "/toy.zip");
        Path dir = tmp.resolve("datasets/toy");

        Fetcher.Outcome first = fetcher(0).fetch(d, dir, null, false, false);

        assertThat(first).isEqualTo(Fetcher.Outcome.FETCHED);
        assertThat(dir.resolve("input/a.png")).hasContent("input a v1");
        assertThat(dir.resolve("target/b.png")).hasContent("target b v1");
        assertThat(dir.resolve("README")).doesNotExist();
        assertThat(dir.resolve(Fetcher.DOWNLOADS)).doesNotExist();
        assertThat(dir.resolve(Fetcher.STAGING)).doesNotExist();
        assertThat(log.toString()).contains("SHA-256 matches the registry (the test)")
                .contains("--data-root toy=" + dir);
        assertThat(Verifier.verify(d, dir).verdict()).isEqualTo(Verifier.Verdict.CANONICAL);

        int requests = server.requests().size();
        assertThat(fetcher(0).fetch(d, dir, null, false, false)).isEqualTo(Fetcher.Outcome.ALREADY_PRESENT);
        assertThat(server.requests()).hasSize(requests);
    }

    @Test
    void aChecksumMismatchQuarantinesTheFileAndReportsBothChecksums() throws Exception {
        String wrong = "0".repeat(64);
        Dataset d = toy(wrong, "/toy.zip");
        Path dir = tmp.resolve("toy");

        assertThatThrownBy(() -> fetcher(0).fetch(d, dir, null, false, false))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("SHA-256 mismatch for toy.zip")
                .hasMessageContaining("expected " + wrong)
                .hasMessageContaining("got " + Sha256.of(tmp.resolve("toy.zip")))
                .hasMessageContaining("quarantined");
        Path quarantined = dir.resolve(Fetcher.DOWNLOADS).resolve(Fetcher.QUARANTINE)
                .resolve("toy.zip." + Sha256.shortForm(Sha256.of(tmp.resolve("toy.zip"))));
        assertThat(quarantined).hasBinaryContent(zip);
        assertThat(dir.resolve(Fetcher.DOWNLOADS).resolve("toy.zip")).doesNotExist();
        assertThat(dir.resolve("input")).doesNotExist();
        assertThat(dir.resolve(CopyRecord.FILE)).doesNotExist();
    }

    @Test
    void withoutARegistryChecksumTheFirstFetchIsTrustedAndLaterOnesMustMatchIt() throws Exception {
        Dataset d = toy(null, "/toy.zip");
        Path dir = tmp.resolve("one");

        fetcher(0).fetch(d, dir, null, false, false);

        assertThat(log.toString()).contains("TRUSTED ON FIRST USE");
        assertThat(home.resolve(KnownChecksums.FILE)).content().contains(server.url("/toy.zip") + "\t" + zip.length + "\t"
                + Sha256.of(tmp.resolve("toy.zip")));
        Verifier.Report r = Verifier.verify(d, dir);
        assertThat(r.verdict()).isEqualTo(Verifier.Verdict.NOT_CONFIRMED);
        assertThat(String.join("\n", r.lines())).contains("trusted on first use").contains("NOT confirmed");

        // The source changes: a second copy elsewhere no longer matches what was trusted.
        server.serve("/toy.zip", Files.readAllBytes(toyZip(tmp.resolve("toy2.zip"), "v2")));
        assertThatThrownBy(() -> fetcher(0).fetch(d, tmp.resolve("two"), null, false, false))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("recorded on first use")
                .hasMessageContaining("quarantined");
        assertThat(tmp.resolve("two/input")).doesNotExist();
    }

    @Test
    void aZipSlipArchiveIsRefusedAndLeavesNothingBehind() throws Exception {
        Map<String, byte[]> e = new LinkedHashMap<>();
        e.put("toy-release/input/a.png", new byte[] {1});
        e.put("toy-release/../../../escaped.txt", new byte[] {2});
        Path slip = Archives.zip(tmp.resolve("slip.zip"), e);
        server.serve("/slip.zip", Files.readAllBytes(slip));
        Dataset d = toy(Sha256.of(slip), "/slip.zip");
        Path dir = tmp.resolve("a/b/toy");

        assertThatThrownBy(() -> fetcher(0).fetch(d, dir, null, false, false))
                .isInstanceOf(DataException.class).hasMessageContaining("zip-slip");

        assertThat(tmp.resolve("escaped.txt")).doesNotExist();
        assertThat(tmp.resolve("a/escaped.txt")).doesNotExist();
        assertThat(tmp.resolve("a/b/escaped.txt")).doesNotExist();
        assertThat(dir.resolve(Fetcher.STAGING)).doesNotExist();
        assertThat(dir.resolve(CopyRecord.FILE)).doesNotExist();
    }

    @Test
    void aSymlinkedEntryIsRefused() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path tgz = Archives.tgzWithLink(tmp.resolve("toy.tar.gz"), "toy-release/input", outside.toString(), TarConstants.LF_SYMLINK);
        server.serve("/toy.tar.gz", Files.readAllBytes(tgz));
        Dataset d = toy(Sha256.of(tgz), "/toy.tar.gz");

        assertThatThrownBy(() -> fetcher(0).fetch(d, tmp.resolve("toy"), null, false, false))
                .isInstanceOf(DataException.class).hasMessageContaining("symbolic link");
        try (Stream<Path> s = Files.list(outside)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void notFoundNamesTheUrl() throws Exception {
        Dataset d = toy(null, "/gone.zip");
        assertThatThrownBy(() -> fetcher(3).fetch(d, tmp.resolve("toy"), null, false, false))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining(server.url("/gone.zip"));
    }

    @Test
    void anInterruptedFetchRerunCompletesWithoutDownloadingWhatItHas() throws Exception {
        Dataset d = toy(Sha256.of(tmp.resolve("toy.zip")), "/toy.zip");
        Path dir = tmp.resolve("toy");
        int half = zip.length / 2;
        server.dropAfter(half, 1);

        assertThatThrownBy(() -> fetcher(0).fetch(d, dir, null, false, false))
                .isInstanceOf(DataException.class).hasMessageContaining("run the same command again to resume");
        assertThat(Downloader.partOf(dir.resolve(Fetcher.DOWNLOADS).resolve("toy.zip"))).hasSize(half);

        assertThat(fetcher(0).fetch(d, dir, null, false, false)).isEqualTo(Fetcher.Outcome.FETCHED);

        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(1).range()).isEqualTo("bytes=" + half + "-");
        assertThat(server.bytesSent()).as("each byte sent once").isEqualTo(zip.length);
        assertThat(dir.resolve("target/a.png")).hasContent("target a v1");
    }

    @Test
    void aCompleteDownloadLeftByAFailedExtractionIsReused() throws Exception {
        Dataset d = toy(Sha256.of(tmp.resolve("toy.zip")), "/toy.zip");
        Path dir = tmp.resolve("toy");
        Files.createDirectories(dir.resolve(Fetcher.DOWNLOADS));
        Files.write(dir.resolve(Fetcher.DOWNLOADS).resolve("toy.zip"), zip);

        assertThat(fetcher(0).fetch(d, dir, null, false, true)).isEqualTo(Fetcher.Outcome.FETCHED);

        assertThat(server.requests()).isEmpty();
        assertThat(dir.resolve(Fetcher.DOWNLOADS).resolve("toy.zip")).as("--keep-downloads").exists();
    }

    @Test
    void verifyTellsMissingAndChangedFilesApart() throws Exception {
        Dataset d = toy(Sha256.of(tmp.resolve("toy.zip")), "/toy.zip");
        Path dir = tmp.resolve("toy");
        fetcher(0).fetch(d, dir, null, false, false);

        Files.writeString(dir.resolve("input/a.png"), "edited");
        Verifier.Report changed = Verifier.verify(d, dir);
        assertThat(changed.verdict()).isEqualTo(Verifier.Verdict.MODIFIED);
        assertThat(String.join("\n", changed.lines())).contains("input/a.png");

        Files.delete(dir.resolve("target/b.png"));
        Files.writeString(dir.resolve("input/a.png"), "input a v1");
        Verifier.Report missing = Verifier.verify(d, dir);
        assertThat(missing.verdict()).isEqualTo(Verifier.Verdict.INCOMPLETE);
        assertThat(missing.present()).isEqualTo(3);
        assertThat(String.join("\n", missing.lines())).contains("target/b.png").contains("toy-task cannot run");
    }
}
