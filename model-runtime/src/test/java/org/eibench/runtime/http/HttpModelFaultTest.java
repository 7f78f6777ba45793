package org.eibench.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eibench.metrics.FloatImage;
import org.eibench.runtime.ModelSpec;
import org.eibench.runtime.ModelSpecException;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a server can misbehave ends as a failed sample with a reason; retries are bounded; nothing hangs. */
class HttpModelFaultTest {

    private static final String TOKEN = "tok-SECRET-4f9a2c";

    private FaultServer server;
    private final List<Long> sleeps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new FaultServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private HttpModel open(String options) throws ModelSpecException {
        HttpSettings s = HttpSettings.parse(ModelSpec.parse(server.url() + options));
        return HttpModel.open(s, TOKEN, sleeps::add);
    }

    private static Request request(String id) {
        float[] d = new float[8 * 6 * 3];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i * 37) % 256;
        }
        return new Request(id, new FloatImage(8, 6, 3, d), "do it", 7, Map.of("temperature", 1.0), 8, 6, null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "500-a       | HTTP 500",
            "garbage-a   | invalid or truncated JSON",
            "truncated-a | truncated",
            "drop-a      | connection dropped",
            "wrongid-a   | no output with id 'wrongid-a'",
            "badpng-a    | undecodable PNG",
            "badb64-a    | not valid base64",
            "missing-a   | no output with id",
            "err-a       | server error for this request: NSFW filter",
            "n429-a      | HTTP 429",
            "hang-a      | within the timeout"})
    void misbehaviourBecomesAFailedSample(String id, String reason) throws Exception {
        try (HttpModel m = open(",timeout=1,retries=2,backoff_ms=1")) {
            List<Output> out = m.generate(List.of(request(id)));
            assertThat(out).hasSize(1);
            assertThat(out.get(0)).isInstanceOf(Output.Failed.class);
            assertThat(((Output.Failed) out.get(0)).reason()).contains(reason).doesNotContain(TOKEN);
        }
        // None of these is transient: one attempt each (the hang is not retried either).
        assertThat(server.attempts(id)).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aHungServerDoesNotHoldTheCallPastItsTimeout() throws Exception {
        try (HttpModel m = open(",timeout=0.5,retries=3")) {
            Output o = m.generate(List.of(request("hang-b"))).get(0);
            assertThat(((Output.Failed) o).reason()).contains("timeout");
        }
        // The handler is still parked on the latch: the call returned without the server ever answering.
        assertThat(server.release.getCount()).isEqualTo(1);
    }

    @Test
    void transientErrorsAreRetriedWithExponentialBackoffAndBounded() throws Exception {
        try (HttpModel m = open(",retries=3,backoff_ms=100")) {
            Output o = m.generate(List.of(request("s503-a"))).get(0);
            assertThat(((Output.Failed) o).reason()).contains("HTTP 503").contains("after 4 attempts");
        }
        assertThat(server.attempts("s503-a")).isEqualTo(4);
        assertThat(sleeps).containsExactly(100L, 200L, 400L);
    }

    @Test
    void aTransientErrorThenSuccessGivesTheImage() throws Exception {
        try (HttpModel m = open(",retries=2,backoff_ms=5")) {
            List<Output> out = m.generate(List.of(request("once503-a"), request("r429-a")));
            assertThat(out).allMatch(o -> o instanceof Output.Generated);
            assertThat(((Output.Generated) out.get(1)).meta()).containsEntry("attempt", 2);
        }
        // 429 waits what Retry-After says (1 s), 503 the backoff.
        assertThat(sleeps).containsExactlyInAnyOrder(5L, 1000L);
    }

    @Test
    void connectErrorsAreRetriedThenFail() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HttpSettings settings = new HttpSettings(URI.create("http://127.0.0.1:" + port), 1, 1, Duration.ofSeconds(2), 2,
                Duration.ofMillis(10));
        assertThatThrownBy(() -> HttpModel.open(settings, TOKEN, sleeps::add))
                .isInstanceOf(ModelSpecException.class).hasMessageContaining("cannot connect")
                .hasMessageContaining("gave up after 3 attempts");
        assertThat(sleeps).containsExactly(10L, 20L);
    }

    @Test
    void aRunOfManyMisbehavingSamplesCompletesInOrderWithBatchingAndConcurrency() throws Exception {
        List<Request> reqs = new ArrayList<>();
        List<String> modes = FaultServer.modes();
        for (int i = 0; i < 32; i++) {
            reqs.add(request(modes.get(i % modes.size()) + "-" + i));
        }
        try (HttpModel m = open(",batch=1,concurrency=4,timeout=1,retries=1,backoff_ms=1")) {
            assertThat(m.maxBatchSize()).isEqualTo(4);
            List<Output> out = m.generate(reqs);
            assertThat(out).extracting(Output::id).containsExactlyElementsOf(reqs.stream().map(Request::id).toList());
            for (Output o : out) {
                String mode = o.id().substring(0, o.id().indexOf('-'));
                boolean good = List.of("ok", "tiny", "once503", "r429").contains(mode);
                assertThat(o instanceof Output.Generated).as(o.toString()).isEqualTo(good);
            }
            // A wrong size is the decoder's business: the runtime hands the 2x2 image over.
            Output tiny = out.get(modes.indexOf("tiny"));
            assertThat(((Output.Generated) tiny).image().width()).isEqualTo(2);
            Output ok = out.get(0);
            assertThat(((Output.Generated) ok).image()).isEqualTo(reqs.get(0).image());
        }
    }

    @Test
    void aBatchSharesOnePostAndIdsArePairedByValue() throws Exception {
        // The fault server answers only the first id in a body, so in a batch of two the second is missing.
        try (HttpModel m = open(",batch=2")) {
            List<Output> out = m.generate(List.of(request("ok-x"), request("ok-y")));
            assertThat(out.get(0)).isInstanceOf(Output.Generated.class);
            assertThat(((Output.Failed) out.get(1)).reason()).contains("no output with id 'ok-y'").contains("ok-x");
        }
    }

    @Test
    void theTokenIsSentButNeverShown() throws Exception {
        try (HttpModel m = open(",retries=0")) {
            Output o = m.generate(List.of(request("echo-a"))).get(0);
            assertThat(server.lastAuthorization).isEqualTo("Bearer " + TOKEN);
            String reason = ((Output.Failed) o).reason();
            assertThat(reason).contains("HTTP 500").contains("<redacted>").doesNotContain(TOKEN);
            assertThat(m.info().toString()).doesNotContain(TOKEN).contains("bearer token from EIBENCH_HTTP_TOKEN");
        }
        server.healthBroken = true;
        assertThatThrownBy(() -> open("")).satisfies(e -> assertThat(e.toString()).doesNotContain(TOKEN));
    }

    @Test
    void theConformanceCheckPassesAWellBehavedServerAndExplainsABrokenOne() throws Exception {
        HttpSettings s = HttpSettings.parse(ModelSpec.parse(server.url() + ",timeout=2"));
        List<ConformanceCheck.Finding> f = new ConformanceCheck(s, TOKEN, sleeps::add).run();
        // The fault server answers ids by prefix: "check-0" is an unknown mode -> 400, which the check reports.
        assertThat(f).anyMatch(x -> x.check().equals("health") && x.level() == ConformanceCheck.Level.PASS);
        assertThat(f).anyMatch(x -> x.check().equals("generate") && x.level() == ConformanceCheck.Level.FAIL
                && x.detail().contains("HTTP 400"));
        assertThat(f.toString()).doesNotContain(TOKEN);
        server.healthBroken = true;
        List<ConformanceCheck.Finding> broken = new ConformanceCheck(s, TOKEN, sleeps::add).run();
        assertThat(broken).singleElement().satisfies(x -> {
            assertThat(x.level()).isEqualTo(ConformanceCheck.Level.FAIL);
            assertThat(x.detail()).contains("HTTP 500").contains("/v1/health");
        });
    }

    @Test
    void badSpecsAreExplained() {
        assertThatThrownBy(() -> HttpSettings.parse(ModelSpec.parse("http://h:1,speed=9")))
                .hasMessageContaining("unknown option 'speed'");
        assertThatThrownBy(() -> HttpSettings.parse(ModelSpec.parse("http://u:pw@h:1")))
                .hasMessageContaining("EIBENCH_HTTP_TOKEN").satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw"));
        assertThatThrownBy(() -> HttpSettings.parse(ModelSpec.parse("http://h:1,batch=0"))).hasMessageContaining("batch");
    }
}
