package org.eibench.harness.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a loopback server: resuming, restarting, errors, redirects and proxies. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DownloaderTest {

    static final byte[] PAYLOAD = new byte[300_000];

    static {
        new Random(12).nextBytes(PAYLOAD);
    }

    @TempDir
    Path tmp;

    LoopbackServer server;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer().serve("/data.bin", PAYLOAD);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Downloader downloader(int retries, Map<String, String> env) {
        return new Downloader(new Downloader.Settings(retries, 0, 5_000, 5_000, env, "eibench-test"), null);
    }

    @Test
    void aDroppedConnectionIsResumedWithARangeRequest() throws Exception {
        server.dropAfter(100_000, 1);
        Path target = tmp.resolve("data.bin");

        downloader(3, Map.of()).download(server.url("/data.bin"), target, PAYLOAD.length);

        assertThat(Files.readAllBytes(target)).isEqualTo(PAYLOAD);
        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(0).range()).isNull();
        assertThat(server.requests().get(1).range()).isEqualTo("bytes=100000-");
        assertThat(server.bytesSent()).as("no byte sent twice").isEqualTo(PAYLOAD.length);
        assertThat(Downloader.partOf(target)).doesNotExist();
    }

    @Test
    void anInterruptedRunLeavesAPartThatTheNextRunContinues() throws Exception {
        server.dropAfter(120_000, 1);
        Path target = tmp.resolve("data.bin");

        assertThatThrownBy(() -> downloader(0, Map.of()).download(server.url("/data.bin"), target, -1))
                .isInstanceOf(DataException.class).hasMessageContaining("run the same command again to resume");
        assertThat(Downloader.partOf(target)).hasSize(120_000);
        assertThat(target).doesNotExist();

        downloader(0, Map.of()).download(server.url("/data.bin"), target, -1);

        assertThat(Files.readAllBytes(target)).isEqualTo(PAYLOAD);
        assertThat(server.requests().get(1).range()).isEqualTo("bytes=120000-");
        assertThat(server.requests().get(1).bytesSent()).isEqualTo(PAYLOAD.length - 120_000);
    }

    @Test
    void aPartThatIsAlreadyCompleteNeedsNoRequest() throws Exception {
        Path target = tmp.resolve("data.bin");
        Files.write(Downloader.partOf(target), PAYLOAD);

        downloader(0, Map.of()).download(server.url("/data.bin"), target, PAYLOAD.length);

        assertThat(Files.readAllBytes(target)).isEqualTo(PAYLOAD);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aServerThatIgnoresRangeRestartsThePartFromZero() throws Exception {
        server.ignoreRange(true);
        Path target = tmp.resolve("data.bin");
        Files.write(Downloader.partOf(target), new byte[] {1, 2, 3});

        downloader(0, Map.of()).download(server.url("/data.bin"), target, -1);

        assertThat(Files.readAllBytes(target)).isEqualTo(PAYLOAD);
    }

    @Test
    void notFoundNamesTheUrlAndIsNotRetried() {
        String url = server.url("/missing.zip");
        assertThatThrownBy(() -> downloader(5, Map.of()).download(url, tmp.resolve("missing.zip"), -1))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining(url);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aSizeOtherThanTheRegistrysIsRefused() {
        assertThatThrownBy(() -> downloader(0, Map.of()).download(server.url("/data.bin"), tmp.resolve("d"), 12345))
                .isInstanceOf(DataException.class).hasMessageContaining("the registry says 12345");
    }

    @Test
    void redirectsAreFollowed() throws Exception {
        server.redirect("/old.bin", "/data.bin");
        Path target = tmp.resolve("data.bin");

        downloader(0, Map.of()).download(server.url("/old.bin"), target, PAYLOAD.length);

        assertThat(Files.readAllBytes(target)).isEqualTo(PAYLOAD);
    }

    @Test
    void theProxyFromTheEnvironmentIsUsed() throws Exception {
        // The host does not exist: only a proxy can answer for it.
        server.actAsProxy(true);
        Path target = tmp.resolve("data.bin");
        Map<String, String> env = Map.of("HTTP_PROXY", "http://127.0.0.1:" + server.port());

        downloader(0, env).download("http://datasets.invalid/data.bin", target, PAYLOAD.length);

        assertThat(Files.readAllBytes(target)).isEqualTo(PAYLOAD);
        assertThat(server.requests().get(0).target()).isEqualTo("http://datasets.invalid/data.bin");
    }

    @Test
    void javasProxyPropertiesComeFirst() throws Exception {
        server.actAsProxy(true);
        Path target = tmp.resolve("data.bin");
        String host = System.getProperty("http.proxyHost");
        String port = System.getProperty("http.proxyPort");
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", String.valueOf(server.port()));
        try {
            downloader(0, Map.of("HTTP_PROXY", "http://127.0.0.1:9")).download("http://datasets.invalid/data.bin", target, -1);
        } finally {
            restore("http.proxyHost", host);
            restore("http.proxyPort", port);
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(PAYLOAD);
        assertThat(server.requests().get(0).target()).isEqualTo("http://datasets.invalid/data.bin");
    }

    @Test
    void noProxyListsAreHonouredAndCredentialsRefused() throws Exception {
        assertThat(Proxies.bypassed("data.csail.mit.edu", "localhost,.mit.edu")).isTrue();
        assertThat(Proxies.bypassed("mit.edu", ".mit.edu")).isTrue();
        assertThat(Proxies.bypassed("notmit.edu", "mit.edu")).isFalse();
        assertThat(Proxies.bypassed("anything", "*")).isTrue();
        assertThatThrownBy(() -> Proxies.forUri(java.net.URI.create("https://datasets.invalid/x"),
                Map.of("HTTPS_PROXY", "http://user:secret@proxy.invalid:3128")))
                .isInstanceOf(DataException.class).hasMessageContaining("credentials").hasMessageNotContaining("secret");
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
