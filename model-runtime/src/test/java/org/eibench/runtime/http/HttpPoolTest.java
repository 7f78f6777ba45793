package org.eibench.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eibench.metrics.FloatImage;
import org.eibench.runtime.ModelContext;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.ModelSpec;
import org.eibench.runtime.ModelSpecException;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A pool of two loopback servers: requests spread, a dead server's requests moved, a sample's own failure kept. */
class HttpPoolTest {

    private FaultServer a;
    private FaultServer b;

    @BeforeEach
    void start() throws Exception {
        a = new FaultServer();
        b = new FaultServer();
    }

    @AfterEach
    void stop() throws Exception {
        a.close();
        b.close();
    }

    private HttpPool open(String options) throws ModelSpecException {
        List<HttpSettings> members = new ArrayList<>();
        for (FaultServer s : List.of(a, b)) {
            members.add(HttpSettings.parse(ModelSpec.parse(s.url() + options)));
        }
        return HttpPool.open(members, null, ms -> { });
    }

    private static List<Request> requests(String prefix, int n) {
        List<Request> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] d = new float[4 * 4 * 3];
            out.add(new Request(prefix + "-" + i, new FloatImage(4, 4, 3, d), "do it", 7, Map.of(), 4, 4, null));
        }
        return out;
    }

    private static int served(FaultServer s, List<Request> rs) {
        return rs.stream().mapToInt(r -> s.attempts(r.id())).sum();
    }

    @Test
    void requestsAreSpreadOverTheServers() throws Exception {
        try (HttpPool pool = open(",batch=1")) {
            assertThat(pool.maxBatchSize()).isEqualTo(2);
            List<Request> rs = requests("ok", 6);
            for (int i = 0; i < rs.size(); i += pool.maxBatchSize()) {
                List<Output> out = pool.generate(rs.subList(i, i + pool.maxBatchSize()));
                assertThat(out).allMatch(o -> o instanceof Output.Generated);
            }
            assertThat(served(a, rs)).isEqualTo(3);
            assertThat(served(b, rs)).isEqualTo(3);
            assertThat(pool.info().checksum()).isEqualTo("server:fault-server@1");
            assertThat(pool.info().details().get("urls")).isEqualTo(List.of(a.url(), b.url()));
        }
    }

    @Test
    void aDeadServersRequestsGoToTheOthers() throws Exception {
        try (HttpPool pool = open(",batch=1,retries=0")) {
            b.kill();
            List<Request> rs = requests("ok", 4);
            List<Output> out = pool.generate(rs);
            assertThat(out).extracting(Output::id).containsExactly("ok-0", "ok-1", "ok-2", "ok-3");
            assertThat(out).allMatch(o -> o instanceof Output.Generated);
            assertThat(served(a, rs)).isEqualTo(4);
            // b stays out: the next batch goes to a alone, without another failed attempt first
            List<Request> more = requests("ok-more", 2);
            assertThat(pool.generate(more)).allMatch(o -> o instanceof Output.Generated);
            assertThat(served(a, more)).isEqualTo(2);
        }
    }

    @Test
    void aServerThatStillAnswersKeepsItsSamplesFailures() throws Exception {
        try (HttpPool pool = open(",batch=1,retries=0")) {
            List<Request> rs = requests("500", 2);
            List<Output> out = pool.generate(rs);
            assertThat(out).allMatch(o -> o instanceof Output.Failed f && f.reason().contains("HTTP 500"));
            // one attempt per sample: a healthy server's answer is not sent elsewhere
            assertThat(served(a, rs) + served(b, rs)).isEqualTo(2);
        }
    }

    @Test
    void withNoServerLeftEveryRequestFailsWithTheReasons() throws Exception {
        try (HttpPool pool = open(",batch=1,retries=0")) {
            a.kill();
            b.kill();
            List<Output> out = pool.generate(requests("ok", 3));
            assertThat(out).hasSize(3).allMatch(o -> o instanceof Output.Failed f
                    && f.reason().contains("no live endpoint") && f.reason().contains(a.url()));
        }
    }

    @Test
    void serversOfDifferentCheckpointsAreRefused() {
        b.version = "2";
        assertThatThrownBy(() -> open("")).isInstanceOf(ModelSpecException.class)
                .hasMessageContaining("same checkpoint").hasMessageContaining("fault-server@2");
    }

    @Test
    void theSpecJoinsUrlsWithABarAndSharesItsOptions() throws Exception {
        String spec = a.url() + HttpPool.SEPARATOR + b.url() + ",batch=2";
        try (ModelRuntime m = new HttpProvider().open(ModelSpec.parse(spec), new ModelContext(Path.of("."))).orElseThrow()) {
            assertThat(m).isInstanceOf(HttpPool.class);
            assertThat(m.maxBatchSize()).isEqualTo(4);
        }
    }
}
