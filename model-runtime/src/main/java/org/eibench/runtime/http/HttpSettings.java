package org.eibench.runtime.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eibench.runtime.ModelSpec;
import org.eibench.runtime.ModelSpecException;

/**
 * Transport settings of an HTTP model (docs/serving.md). None of them enters the run identity.
 *
 * @param base        server root, without user info, query or trailing slash
 * @param batch       requests per POST
 * @param concurrency POSTs in flight at once
 * @param timeout     limit for one attempt (connect + response + body)
 * @param retries     extra attempts after a transient failure (connect error, 502/503/504, 429 with Retry-After)
 * @param backoff     first backoff delay; doubles per attempt, capped at {@link #MAX_BACKOFF}
 * @param hints       task hints the server opted in to ({@code hints=blur_kernel}); none are sent otherwise. Unlike the
 *                    transport settings this changes what the model sees: run.json records it with the capabilities
 */
public record HttpSettings(URI base, int batch, int concurrency, Duration timeout, int retries, Duration backoff,
                           java.util.Set<String> hints) {

    public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    static final List<String> KEYS = List.of("batch", "concurrency", "timeout", "retries", "backoff_ms", "hints");

    public HttpSettings {
        if (batch < 1 || concurrency < 1 || retries < 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("batch and concurrency must be >= 1, retries >= 0, timeout > 0");
        }
        hints = hints == null ? java.util.Set.of() : java.util.Set.copyOf(hints);
    }

    /** Transport settings without hints. */
    public HttpSettings(URI base, int batch, int concurrency, Duration timeout, int retries, Duration backoff) {
        this(base, batch, concurrency, timeout, retries, backoff, java.util.Set.of());
    }

    /** Defaults: batch 1, concurrency 1, timeout 300 s (a 7B model on one GPU), 3 retries, backoff 500 ms, no hints. */
    public static HttpSettings of(URI base) {
        return new HttpSettings(base, 1, 1, Duration.ofSeconds(300), 3, Duration.ofMillis(500));
    }

    /**
     * Parses {@code http://HOST:PORT[,batch=N][,concurrency=N][,timeout=S][,retries=N][,backoff_ms=MS][,hints=H+H]}.
     */
    public static HttpSettings parse(ModelSpec spec) throws ModelSpecException {
        URI base = baseUri(spec.name());
        for (String k : spec.options().keySet()) {
            if (!KEYS.contains(k)) {
                throw new ModelSpecException("unknown option '" + k + "' for an HTTP model; it takes " + String.join(", ", KEYS));
            }
        }
        Map<String, String> o = spec.options();
        try {
            double timeoutS = Double.parseDouble(o.getOrDefault("timeout", "300"));
            if (!(timeoutS > 0) || timeoutS > 86_400) {
                throw new ModelSpecException("timeout must be between 0 and 86400 seconds, not " + o.get("timeout"));
            }
            return new HttpSettings(base, positive(o, "batch", 1), positive(o, "concurrency", 1),
                    Duration.ofMillis(Math.round(timeoutS * 1000)), nonNegative(o, "retries", 3),
                    Duration.ofMillis(nonNegative(o, "backoff_ms", 500)), hints(o.get("hints")));
        } catch (NumberFormatException e) {
            throw new ModelSpecException("HTTP model options must be numbers: " + e.getMessage());
        }
    }

    static URI baseUri(String raw) throws ModelSpecException {
        URI u;
        try {
            u = URI.create(raw);
        } catch (IllegalArgumentException e) {
            throw new ModelSpecException("not a valid URL: " + e.getMessage());
        }
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
            throw new ModelSpecException("an HTTP model is http://HOST:PORT or https://HOST:PORT");
        }
        if (u.getRawUserInfo() != null) {
            // Credentials in a URL end up in logs and run.json; the token belongs in EIBENCH_HTTP_TOKEN.
            throw new ModelSpecException("put credentials in EIBENCH_HTTP_TOKEN, not in the URL");
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath().replaceAll("/+$", "");
        return URI.create(u.getScheme() + "://" + u.getRawAuthority() + path);
    }

    /** {@code blur_kernel} or several joined by '+' (a comma would start the next option). */
    static java.util.Set<String> hints(String value) throws ModelSpecException {
        if (value == null) {
            return java.util.Set.of();
        }
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (String h : value.split("\\+")) {
            String t = h.strip();
            if (!org.eibench.runtime.Capabilities.KNOWN_HINTS.contains(t)) {
                throw new ModelSpecException("unknown hint '" + t + "' in hints=" + value + "; known: "
                        + String.join(", ", new java.util.TreeSet<>(org.eibench.runtime.Capabilities.KNOWN_HINTS)));
            }
            out.add(t);
        }
        return out;
    }

    private static int positive(Map<String, String> o, String k, int fallback) throws ModelSpecException {
        int v = Integer.parseInt(o.getOrDefault(k, String.valueOf(fallback)));
        if (v < 1 || v > 1024) {
            throw new ModelSpecException(k + " must be between 1 and 1024, not " + v);
        }
        return v;
    }

    private static int nonNegative(Map<String, String> o, String k, int fallback) throws ModelSpecException {
        int v = Integer.parseInt(o.getOrDefault(k, String.valueOf(fallback)));
        if (v < 0 || v > 100_000) {
            throw new ModelSpecException(k + " must be between 0 and 100000, not " + v);
        }
        return v;
    }

    URI endpoint(String path) {
        return URI.create(base + path);
    }
}
