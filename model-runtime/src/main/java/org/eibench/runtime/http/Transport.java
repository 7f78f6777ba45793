package org.eibench.runtime.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

/**
 * One HTTP exchange with bounded retries. Transient failures only are retried: connect errors, 502/503/504, and 429
 * when the server says when to come back (Retry-After, in seconds, not longer than the timeout). A timeout, a dropped
 * connection after the request was sent, or any other status is final: retrying a request the server may be working
 * on would only multiply the wait. Every attempt, body included, is bounded by the timeout. The bearer token is added
 * here and scrubbed from every message this class produces.
 */
final class Transport {

    /** What an exchange ended with: a response (any status) or a failure reason. */
    sealed interface Reply permits Response, Failure {
    }

    record Response(int status, byte[] body, int attempts) implements Reply {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    record Failure(String reason, int attempts) implements Reply {
    }

    private final HttpClient client;
    private final HttpSettings settings;
    private final String token;
    private final LongConsumer sleeper;

    /**
     * @param token   bearer token or null; never put into any message
     * @param sleeper how to wait between attempts (tests record instead of sleeping)
     */
    Transport(HttpSettings settings, String token, LongConsumer sleeper) {
        this.settings = settings;
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.sleeper = sleeper;
        Duration connect = settings.timeout().compareTo(Duration.ofSeconds(10)) < 0 ? settings.timeout() : Duration.ofSeconds(10);
        this.client = HttpClient.newBuilder().connectTimeout(connect).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    static LongConsumer realSleep() {
        return ms -> {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    boolean hasToken() {
        return token != null;
    }

    Reply get(String path) {
        return exchange(path, null, "application/json");
    }

    Reply post(String path, byte[] body, String contentType) {
        return exchange(path, body, contentType);
    }

    private Reply exchange(String path, byte[] body, String contentType) {
        URI uri = settings.endpoint(path);
        int attempts = 0;
        while (true) {
            attempts++;
            Attempt a = attempt(uri, body, contentType);
            boolean last = attempts > settings.retries();
            if (a.transientWaitMs().isEmpty() || last) {
                if (a.response() != null) {
                    return new Response(a.response().statusCode(), a.response().body(), attempts);
                }
                String why = a.reason();
                if (a.transientWaitMs().isPresent() && attempts > 1) {
                    why += " (gave up after " + attempts + " attempts)";
                }
                return new Failure(redact(why), attempts);
            }
            long wait = a.transientWaitMs().get();
            if (wait < 0) { // exponential backoff: base, 2 base, 4 base, ... capped
                wait = Math.min(HttpSettings.MAX_BACKOFF.toMillis(), settings.backoff().toMillis() << Math.min(20, attempts - 1));
            }
            sleeper.accept(wait);
            if (Thread.currentThread().isInterrupted()) {
                return new Failure("interrupted while waiting to retry", attempts);
            }
        }
    }

    /** One try: a response, or a reason; transientWaitMs says whether (and after how long, -1 = backoff) to retry. */
    private record Attempt(HttpResponse<byte[]> response, String reason, Optional<Long> transientWaitMs) {
    }

    private Attempt attempt(URI uri, byte[] body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Accept", "application/json").header("User-Agent", "eibench");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            b.GET();
        } else {
            b.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        }
        CompletableFuture<HttpResponse<byte[]>> f = client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> r;
        try {
            // The request timeout stops at the response headers; this bound also covers a body that never ends.
            r = f.get(settings.timeout().toMillis() + 250, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Attempt(null, "no complete response within the timeout of " + seconds() + " s", Optional.empty());
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            return new Attempt(null, "interrupted", Optional.empty());
        } catch (ExecutionException e) {
            return failed(e.getCause());
        }
        int s = r.statusCode();
        if (s == 502 || s == 503 || s == 504) {
            return new Attempt(r, null, Optional.of(backoffMs()));
        }
        if (s == 429) {
            Optional<Long> after = retryAfterMs(r);
            return new Attempt(r, null, after);
        }
        return new Attempt(r, null, Optional.empty());
    }

    /** Marker for "transient: wait the exponential backoff". */
    private static long backoffMs() {
        return -1;
    }

    private Optional<Long> retryAfterMs(HttpResponse<?> r) {
        Optional<String> h = r.headers().firstValue("Retry-After");
        if (h.isEmpty()) {
            return Optional.empty();
        }
        try {
            long s = Long.parseLong(h.get().strip());
            if (s < 0 || s * 1000 > settings.timeout().toMillis()) {
                return Optional.empty();
            }
            return Optional.of(s * 1000);
        } catch (NumberFormatException e) {
            return Optional.empty(); // HTTP-date form: not worth a clock dependency; treated as final
        }
    }

    private Attempt failed(Throwable e) {
        if (e instanceof HttpConnectTimeoutException) {
            return new Attempt(null, "cannot connect to " + settings.base() + " (connect timed out)", Optional.of(backoffMs()));
        }
        if (e instanceof ConnectException) {
            return new Attempt(null, "cannot connect to " + settings.base() + " (" + describe(e) + ")", Optional.of(backoffMs()));
        }
        if (e instanceof HttpTimeoutException) {
            return new Attempt(null, "no response within the timeout of " + seconds() + " s", Optional.empty());
        }
        if (e instanceof IOException) {
            return new Attempt(null, "connection dropped or response truncated (" + describe(e) + ")", Optional.empty());
        }
        return new Attempt(null, "HTTP client error (" + describe(e) + ")", Optional.empty());
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    private String seconds() {
        return String.valueOf(settings.timeout().toMillis() / 1000.0);
    }

    /** Removes the token from any text that might be shown (a server could echo the Authorization header). */
    String redact(String s) {
        if (s == null || token == null) {
            return s;
        }
        return s.replace(token, "<redacted>");
    }
}
