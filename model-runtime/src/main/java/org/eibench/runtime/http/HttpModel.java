package org.eibench.runtime.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eibench.imaging.ImageFiles;
import org.eibench.metrics.FloatImage;
import org.eibench.runtime.Capabilities;
import org.eibench.runtime.ModelInfo;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.ModelSpecException;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;

/**
 * A model served over HTTP with the protocol of DESIGN §4.3 (docs/serving.md). Requests are sent in POSTs of
 * {@code batch} requests, {@code concurrency} POSTs at a time; whatever goes wrong with one POST (status, timeout,
 * garbage, a missing id, an undecodable PNG) becomes an {@link Output.Failed} for the requests it carried, with the
 * reason. The bearer token from {@code EIBENCH_HTTP_TOKEN} is sent and never shown.
 */
public final class HttpModel implements ModelRuntime {

    public static final String TOKEN_ENV = "EIBENCH_HTTP_TOKEN";
    static final String HEALTH = "/v1/health";
    static final String GENERATE = "/v1/generate";
    /** Server error texts quoted in a failure reason are cut here. */
    static final int QUOTE = 300;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpSettings settings;
    private final Transport transport;
    private final ExecutorService pool;
    private final ModelInfo info;

    private HttpModel(HttpSettings settings, Transport transport, ModelInfo info) {
        this.settings = settings;
        this.transport = transport;
        this.info = info;
        this.pool = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, "eibench-http");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens a server: asks /v1/health for the model's name and version (they become the model's identity). */
    public static HttpModel open(HttpSettings settings) throws ModelSpecException {
        return open(settings, System.getenv(TOKEN_ENV), Transport.realSleep());
    }

    static HttpModel open(HttpSettings settings, String token, LongConsumer sleeper) throws ModelSpecException {
        Transport t = new Transport(settings, token, sleeper);
        Health h = health(t);
        if (h.problem() != null) {
            throw new ModelSpecException("HTTP model at " + settings.base() + ": " + h.problem()
                    + " (eibench runtime check " + settings.base() + " explains more)");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("runtime", "http");
        details.put("url", settings.base().toString());
        details.put("server_model", h.model());
        details.put("server_version", h.version());
        details.put("batch", settings.batch());
        details.put("concurrency", settings.concurrency());
        details.put("timeout_s", settings.timeout().toMillis() / 1000.0);
        details.put("retries", settings.retries());
        details.put("auth", t.hasToken() ? "bearer token from " + TOKEN_ENV : "none");
        ModelInfo info = new ModelInfo(h.model(), "server:" + h.model() + "@" + h.version(), "remote", details,
                Capabilities.withHints(settings.hints()));
        return new HttpModel(settings, t, info);
    }

    /** The server's self-description, or the problem with it. */
    record Health(String model, String version, String problem) {
    }

    static Health health(Transport t) {
        Transport.Reply r = t.get(HEALTH);
        if (r instanceof Transport.Failure f) {
            return new Health(null, null, "GET " + HEALTH + ": " + f.reason());
        }
        Transport.Response resp = (Transport.Response) r;
        if (resp.status() != 200) {
            return new Health(null, null, "GET " + HEALTH + " answered HTTP " + resp.status() + quote(t, resp.text()));
        }
        try {
            JsonNode n = JSON.readTree(resp.body());
            if (n == null || !n.isObject() || !n.path("model").isTextual() || n.path("model").asText().isBlank()) {
                return new Health(null, null, "GET " + HEALTH + " must return {\"model\": \"...\", \"version\": \"...\"}, got"
                        + quote(t, resp.text()));
            }
            return new Health(n.get("model").asText(), n.path("version").asText("unversioned"), null);
        } catch (IOException e) {
            return new Health(null, null, "GET " + HEALTH + " returned invalid JSON" + quote(t, resp.text()));
        }
    }

    static String quote(Transport t, String body) {
        String s = t.redact(body == null ? "" : body.strip());
        if (s.isEmpty()) {
            return " (empty body)";
        }
        return ": " + (s.length() > QUOTE ? s.substring(0, QUOTE) + "..." : s);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    /** The server's root URL. */
    String settingsBase() {
        return settings.base().toString();
    }

    /** Enough requests to keep every connection busy with full batches. */
    @Override
    public int maxBatchSize() {
        return settings.batch() * settings.concurrency();
    }

    @Override
    public List<Output> generate(List<Request> batch) {
        List<List<Request>> chunks = new ArrayList<>();
        for (int i = 0; i < batch.size(); i += settings.batch()) {
            chunks.add(batch.subList(i, Math.min(batch.size(), i + settings.batch())));
        }
        List<Future<List<Output>>> futures = new ArrayList<>();
        for (List<Request> c : chunks) {
            futures.add(pool.submit(() -> post(c)));
        }
        List<Output> out = new ArrayList<>(batch.size());
        for (int i = 0; i < futures.size(); i++) {
            try {
                out.addAll(futures.get(i).get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                chunks.get(i).forEach(r -> out.add(new Output.Failed(r.id(), "http: interrupted")));
            } catch (ExecutionException e) {
                String why = transport.redact(String.valueOf(e.getCause()));
                chunks.get(i).forEach(r -> out.add(new Output.Failed(r.id(), "http: client error: " + why)));
            }
        }
        return out;
    }

    /** One POST for a chunk; always one output per request, in order. */
    List<Output> post(List<Request> chunk) {
        long start = System.nanoTime();
        byte[] body;
        try {
            body = requestBody(chunk);
        } catch (JsonProcessingException | RuntimeException e) {
            return failAll(chunk, "cannot encode the request: " + e.getMessage());
        }
        Transport.Reply reply = transport.post(GENERATE, body, "application/json");
        if (reply instanceof Transport.Failure f) {
            return failAll(chunk, "POST " + GENERATE + ": " + f.reason());
        }
        Transport.Response resp = (Transport.Response) reply;
        String attempts = resp.attempts() > 1 ? " after " + resp.attempts() + " attempts" : "";
        if (resp.status() != 200) {
            return failAll(chunk, "POST " + GENERATE + " answered HTTP " + resp.status() + attempts + quote(transport, resp.text()));
        }
        JsonNode root;
        try {
            root = JSON.readTree(resp.body());
        } catch (IOException e) {
            return failAll(chunk, "server returned invalid or truncated JSON (" + resp.body().length + " bytes)"
                    + quote(transport, resp.text()));
        }
        if (root == null || !root.path("outputs").isArray()) {
            return failAll(chunk, "server response has no \"outputs\" array" + quote(transport, resp.text()));
        }
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode o : root.get("outputs")) {
            if (o.path("id").isTextual()) {
                byId.putIfAbsent(o.get("id").asText(), o);
            }
        }
        long per = (System.nanoTime() - start) / chunk.size();
        List<Output> out = new ArrayList<>(chunk.size());
        for (Request r : chunk) {
            out.add(decode(r.id(), byId.get(r.id()), byId.keySet(), per));
        }
        return out;
    }

    private Output decode(String id, JsonNode o, java.util.Set<String> returned, long nanos) {
        if (o == null) {
            return new Output.Failed(id, "server returned no output with id '" + id + "' (ids returned: "
                    + (returned.isEmpty() ? "none" : transport.redact(String.join(", ", returned.stream().limit(5).toList()))) + ")");
        }
        if (o.hasNonNull("error")) {
            return new Output.Failed(id, "server error for this request: " + transport.redact(clip(o.get("error").asText())));
        }
        JsonNode png = o.get("image_png_base64");
        if (png == null || !png.isTextual()) {
            return new Output.Failed(id, "output '" + id + "' has no image_png_base64 string");
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(png.asText());
        } catch (IllegalArgumentException e) {
            return new Output.Failed(id, "output '" + id + "': image_png_base64 is not valid base64 (" + e.getMessage() + ")");
        }
        if (bytes.length < 8 || (bytes[0] & 0xff) != 0x89 || bytes[1] != 'P' || bytes[2] != 'N' || bytes[3] != 'G') {
            return new Output.Failed(id, "output '" + id + "': image_png_base64 is not a PNG (" + bytes.length + " bytes)");
        }
        FloatImage image;
        try {
            image = ImageFiles.decode(bytes, "output '" + id + "'").image();
        } catch (IOException | RuntimeException e) {
            return new Output.Failed(id, "undecodable PNG: " + e.getMessage());
        }
        Map<String, Object> meta = Map.of();
        if (o.path("meta").isObject()) {
            meta = JSON.convertValue(o.get("meta"), JSON.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
            meta.values().removeIf(java.util.Objects::isNull);
        }
        return new Output.Generated(id, image, meta, nanos);
    }

    private static String clip(String s) {
        return s.length() > QUOTE ? s.substring(0, QUOTE) + "..." : s;
    }

    byte[] requestBody(List<Request> chunk) throws JsonProcessingException {
        return requestBody(chunk, settings.hints());
    }

    /** The POST body; of a request's hints only those the server opted in to are sent. */
    static byte[] requestBody(List<Request> chunk, java.util.Set<String> optedIn) throws JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode reqs = root.putArray("requests");
        for (Request r : chunk) {
            ObjectNode n = reqs.addObject();
            n.put("id", r.id());
            n.put("instruction", r.instruction());
            // 8-bit PNG: the protocol carries images as files would; synthetic inputs outside 0..255 are clipped.
            n.put("image_png_base64", Base64.getEncoder().encodeToString(ImageFiles.encodePng8(r.image())));
            n.put("seed", r.seed());
            ObjectNode params = n.putObject("params");
            params.setAll((ObjectNode) JSON.valueToTree(r.params()));
            if (r.targetWidth() > 0 && r.targetHeight() > 0) {
                params.put("target_width", r.targetWidth());
                params.put("target_height", r.targetHeight());
            }
            Map<String, Object> hints = new java.util.TreeMap<>(r.hints());
            hints.keySet().retainAll(optedIn);
            if (!hints.isEmpty()) {
                n.set("hints", JSON.valueToTree(hints));
            }
        }
        return JSON.writeValueAsBytes(root);
    }

    private static List<Output> failAll(List<Request> chunk, String reason) {
        return chunk.stream().<Output>map(r -> new Output.Failed(r.id(), "http: " + reason)).toList();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** A client over an existing transport without the health handshake (for the conformance check). */
    record Probe(HttpSettings settings, Transport transport) {
        HttpModel model() {
            return new HttpModel(settings, transport, new ModelInfo("probe", "probe", "remote", Map.of()));
        }
    }
}
