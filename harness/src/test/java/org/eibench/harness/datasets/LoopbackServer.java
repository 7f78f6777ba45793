package org.eibench.harness.datasets;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A file server on 127.0.0.1 (an ephemeral port, never another interface) for the fetch tests: serves byte arrays by
 * path with Range support, and can drop a connection part-way, ignore Range, or redirect. It answers at most
 * {@link #MAX_REQUESTS} requests (then 503), so a client that loops cannot hang a test; each test also has a timeout.
 */
final class LoopbackServer implements AutoCloseable {

    static final int MAX_REQUESTS = 200;
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    /** One request as the server saw it. */
    record Request(String target, String range, long bytesSent, String host) {
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger dropsLeft = new AtomicInteger();
    private volatile long dropAfter;
    private volatile boolean ignoreRange;
    /** Answer requests whose target is an absolute URL (an HTTP proxy sees those). */
    private volatile boolean proxy;

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    LoopbackServer serve(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    LoopbackServer redirect(String path, String location) {
        redirects.put(path, location);
        return this;
    }

    /** The next {@code times} responses stop after {@code bytes} body bytes and close the connection. */
    LoopbackServer dropAfter(long bytes, int times) {
        dropAfter = bytes;
        dropsLeft.set(times);
        return this;
    }

    LoopbackServer ignoreRange(boolean on) {
        ignoreRange = on;
        return this;
    }

    LoopbackServer actAsProxy(boolean on) {
        proxy = on;
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    long bytesSent() {
        return requests.stream().mapToLong(Request::bytesSent).sum();
    }

    private void handle(HttpExchange ex) throws IOException {
        String target = ex.getRequestURI().toString();
        String host = ex.getRequestHeaders().getFirst("Host");
        String range = ex.getRequestHeaders().getFirst("Range");
        try (ex) {
            if (requests.size() >= MAX_REQUESTS) {
                requests.add(new Request(target, range, 0, host));
                ex.sendResponseHeaders(503, -1);
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (ex.getRequestURI().isAbsolute() && !proxy) {
                requests.add(new Request(target, range, 0, host));
                ex.sendResponseHeaders(400, -1);
                return;
            }
            if (redirects.containsKey(path)) {
                ex.getResponseHeaders().add("Location", redirects.get(path));
                requests.add(new Request(target, range, 0, host));
                ex.sendResponseHeaders(302, -1);
                return;
            }
            byte[] body = files.get(path);
            if (body == null) {
                requests.add(new Request(target, range, 0, host));
                ex.sendResponseHeaders(404, -1);
                return;
            }
            long start = 0;
            Matcher m = range == null ? null : RANGE.matcher(range);
            if (m != null && m.matches() && !ignoreRange) {
                start = Long.parseLong(m.group(1));
                if (start >= body.length) {
                    ex.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
                    requests.add(new Request(target, range, 0, host));
                    ex.sendResponseHeaders(416, -1);
                    return;
                }
                ex.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
                ex.sendResponseHeaders(206, body.length - start);
            } else {
                ex.sendResponseHeaders(200, body.length);
            }
            long n = body.length - start;
            boolean drop = dropsLeft.getAndUpdate(k -> Math.max(0, k - 1)) > 0;
            if (drop) {
                n = Math.min(n, dropAfter);
            }
            // Recorded before the body goes out: the client may read it all and look at the log before we return.
            requests.add(new Request(target, range, n, host));
            OutputStream out = ex.getResponseBody();
            out.write(body, (int) start, (int) n);
            out.flush();
            if (drop) {
                // Fewer bytes than announced: the server closes the connection, as a dropped download does.
                throw new IOException("dropped on purpose after " + n + " bytes");
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
