package org.eibench.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eibench.metrics.FloatImage;
import org.eibench.runtime.ModelSpec;
import org.eibench.runtime.ModelSpecException;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;
import org.junit.jupiter.api.Test;

/** The reference Python server (tools/serving/eibench_server.py) passes the conformance check and serves runs. */
class PythonServerTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    static Path serving() {
        Path root = Path.of(System.getProperty("eibench.repo.root", "..")).toAbsolutePath().normalize();
        Path dir = root.resolve("tools/serving");
        if (!Files.isDirectory(dir)) {
            dir = root.getParent().resolve("tools/serving"); // run from the module folder
        }
        return dir;
    }

    /** A running server process and its URL; closing kills it (only this process, by handle). */
    record Server(Process process, String url) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    static Server start(Map<String, String> env) throws Exception {
        ReferenceTools.require(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        ProcessBuilder pb = new ProcessBuilder(PYTHON.toString(), "-u", "eibench_server.py", "--port", "0")
                .directory(serving().toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("EIBENCH_SERVER_TOKEN");
        pb.environment().putAll(env);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine(); // the server prints its address once it listens
        assertThat(line).as("server start line").isNotNull().startsWith("listening on ");
        return new Server(p, line.substring("listening on ".length()).strip());
    }

    @Test
    void theReferenceServerPassesTheConformanceCheck() throws Exception {
        try (Server s = start(Map.of())) {
            HttpSettings settings = HttpSettings.parse(ModelSpec.parse(s.url() + ",timeout=20,retries=0"));
            List<ConformanceCheck.Finding> findings = new ConformanceCheck(settings, null, ms -> { }).run();
            assertThat(findings).as(findings.toString()).allMatch(f -> f.level() == ConformanceCheck.Level.PASS);
            assertThat(findings).extracting(ConformanceCheck.Finding::check)
                    .contains("health", "generate", "id echo", "error handling");
        }
    }

    @Test
    void generateCallsReturnTheInputThroughBatchesAndConcurrency() throws Exception {
        try (Server s = start(Map.of())) {
            HttpSettings settings = HttpSettings.parse(ModelSpec.parse(s.url() + ",batch=2,concurrency=2,timeout=20"));
            try (HttpModel m = HttpModel.open(settings, null, ms -> { })) {
                assertThat(m.info().id()).isEqualTo("identity");
                List<Request> reqs = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    reqs.add(new Request("s" + i, ConformanceCheck.pattern(10 + i, 7 + i), "keep", i, Map.of(), 0, 0, null));
                }
                reqs.add(new Request("gray", new FloatImage(3, 2, 1, new float[] {0, 50, 100, 150, 200, 255}), "", 0, null, 0, 0, null));
                List<Output> out = m.generate(reqs);
                assertThat(out).extracting(Output::id).containsExactly("s0", "s1", "s2", "s3", "s4", "gray");
                for (int i = 0; i < reqs.size(); i++) {
                    // Identity: what comes back is exactly the 8-bit PNG that was sent.
                    FloatImage sent = org.eibench.imaging.ImageFiles.decode(
                            org.eibench.imaging.ImageFiles.encodePng8(reqs.get(i).image()), "sent").image();
                    assertThat(((Output.Generated) out.get(i)).image()).isEqualTo(sent);
                }
            }
        }
    }

    @Test
    void theServerTokenIsRequiredAndNeverEchoed() throws Exception {
        String token = "py-SECRET-8e1d";
        try (Server s = start(Map.of("EIBENCH_SERVER_TOKEN", token))) {
            HttpSettings settings = HttpSettings.parse(ModelSpec.parse(s.url() + ",timeout=20"));
            try (HttpModel m = HttpModel.open(settings, token, ms -> { })) {
                Output o = m.generate(List.of(new Request("a", ConformanceCheck.pattern(4, 4), "", 0, null, 0, 0, null))).get(0);
                assertThat(o).isInstanceOf(Output.Generated.class);
            }
            assertThatThrownBy(() -> HttpModel.open(settings, "wrong-" + token, ms -> { }))
                    .isInstanceOf(ModelSpecException.class).hasMessageContaining("HTTP 401")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
        }
    }

    @Test
    void thePythonUnitTestsPass() throws Exception {
        ReferenceTools.require(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        Process p = new ProcessBuilder(PYTHON.toString(), "-m", "unittest", "-v", "test_eibench_server")
                .directory(serving().toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).contains("OK");
    }
}
