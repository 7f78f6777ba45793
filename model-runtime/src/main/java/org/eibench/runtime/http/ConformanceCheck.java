package org.eibench.runtime.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import org.eibench.metrics.FloatImage;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;

/**
 * {@code eibench runtime check URL}: exercises a server the way a run will and explains every deviation from the
 * protocol (docs/serving.md): health, a generate round-trip with a small image, id echo in a batch of two, PNG
 * validity, and error handling for a malformed request. Never retries blindly and never waits past the timeout.
 */
public final class ConformanceCheck {

    public enum Level { PASS, WARN, FAIL }

    public record Finding(Level level, String check, String detail) {
    }

    private final HttpSettings settings;
    private final Transport transport;

    public ConformanceCheck(HttpSettings settings) {
        this(settings, System.getenv(HttpModel.TOKEN_ENV), Transport.realSleep());
    }

    ConformanceCheck(HttpSettings settings, String token, LongConsumer sleeper) {
        this.settings = settings;
        this.transport = new Transport(settings, token, sleeper);
    }

    public List<Finding> run() {
        List<Finding> out = new ArrayList<>();
        HttpModel.Health h = HttpModel.health(transport);
        if (h.problem() != null) {
            out.add(new Finding(Level.FAIL, "health", h.problem()
                    + ". The server must answer GET /v1/health with 200 and {\"model\": \"NAME\", \"version\": \"V\"}"));
            return out; // nothing else can work
        }
        out.add(new Finding(Level.PASS, "health", "model '" + h.model() + "', version '" + h.version() + "'"));
        if ("unversioned".equals(h.version())) {
            out.add(new Finding(Level.WARN, "health", "no \"version\": runs of different checkpoints will look comparable"));
        }

        FloatImage small = pattern(24, 16);
        Request one = new Request("check-0", small, "Return the image unchanged.", 0, Map.of(), 24, 16, null);
        Request two = new Request("check-1", pattern(20, 12), "Return the image unchanged.", 1, Map.of(), 20, 12, null);
        HttpModel client = new HttpModel.Probe(settings, transport).model();
        try {
            Output o = client.post(List.of(one)).get(0);
            if (o instanceof Output.Failed f) {
                out.add(new Finding(Level.FAIL, "generate", f.reason()));
            } else {
                Output.Generated g = (Output.Generated) o;
                out.add(new Finding(Level.PASS, "generate", "round-trip with a 24x16 RGB image returned a valid "
                        + g.image().width() + "x" + g.image().height() + "x" + g.image().channels() + " PNG"));
                if (g.image().width() != 24 || g.image().height() != 16) {
                    out.add(new Finding(Level.WARN, "generate", "the output size differs from the input; the task's decoder "
                            + "will resize it to the ground truth (bicubic), which costs accuracy"));
                }
            }
            List<Output> both = client.post(List.of(two, one));
            boolean ok = both.size() == 2 && both.get(0) instanceof Output.Generated && both.get(1) instanceof Output.Generated;
            if (ok) {
                out.add(new Finding(Level.PASS, "id echo", "a batch of two came back with both ids"));
            } else {
                both.stream().filter(x -> x instanceof Output.Failed).forEach(x -> out.add(new Finding(Level.FAIL, "id echo",
                        "batch of two: " + ((Output.Failed) x).reason() + ". Every request's id must come back in \"outputs\"")));
            }
        } finally {
            client.close();
        }

        Transport.Reply bad = transport.post(HttpModel.GENERATE, "{\"requests\": [".getBytes(StandardCharsets.UTF_8), "application/json");
        if (bad instanceof Transport.Failure f) {
            out.add(new Finding(Level.FAIL, "error handling", "a malformed request body got no answer: " + f.reason()
                    + ". Answer 400 with a JSON error instead of hanging or closing the connection"));
        } else {
            int s = ((Transport.Response) bad).status();
            if (s >= 400 && s < 500) {
                out.add(new Finding(Level.PASS, "error handling", "a malformed request body is refused with HTTP " + s));
            } else if (s >= 500) {
                out.add(new Finding(Level.WARN, "error handling", "a malformed request body got HTTP " + s
                        + "; 400 tells the client not to retry (502/503/504 are retried)"));
            } else {
                out.add(new Finding(Level.FAIL, "error handling", "a malformed request body got HTTP " + s
                        + "; the server must refuse it with 400"));
            }
        }
        Transport.Reply missing = transport.get("/v1/no-such-endpoint");
        if (missing instanceof Transport.Response r && r.status() == 404) {
            out.add(new Finding(Level.PASS, "error handling", "unknown paths answer 404"));
        } else {
            out.add(new Finding(Level.WARN, "error handling", "an unknown path did not answer 404 ("
                    + (missing instanceof Transport.Response r ? "HTTP " + r.status() : ((Transport.Failure) missing).reason()) + ")"));
        }
        return out;
    }

    /** A deterministic colourful pattern, so a server that mixes up channels or ids is visible. */
    static FloatImage pattern(int w, int h) {
        float[] d = new float[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                d[i] = (x * 255f) / (w - 1);
                d[i + 1] = (y * 255f) / (h - 1);
                d[i + 2] = ((x + y) % 2) * 200f;
            }
        }
        return new FloatImage(w, h, 3, d);
    }
}
