package org.eibench.runtime.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eibench.imaging.ImageFiles;
import org.eibench.metrics.FloatImage;

/**
 * A deliberately misbehaving model server on 127.0.0.1, written on a raw ServerSocket so that it can truncate bodies
 * and drop connections. What it does with a generate request depends on the request id's prefix (the part before
 * the first '-'): ok, 500, hang, garbage, truncated, drop, wrongid, badpng, badb64, tiny, s503, once503, r429,
 * n429, echo, missing, err. Every loop is bounded; {@link #close} releases hung handlers.
 */
final class FaultServer implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern IMG = Pattern.compile("\"image_png_base64\"\\s*:\\s*\"([^\"]*)\"");

    private final ServerSocket server;
    private final Thread acceptor;
    final CountDownLatch release = new CountDownLatch(1);
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final AtomicInteger healthCalls = new AtomicInteger();
    volatile String lastAuthorization;
    /** The body of the last POST /v1/generate, as sent. */
    volatile String lastGenerateBody;
    volatile boolean healthBroken;
    /** The version /v1/health reports. */
    volatile String version = "1";
    /** Set by {@link #kill}: every connection is reset, health checks included. */
    private volatile boolean dead;

    FaultServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "fault-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    int attempts(String id) {
        AtomicInteger a = attempts.get(id);
        return a == null ? 0 : a.get();
    }

    private void acceptLoop() {
        // Bounded: ends when the socket is closed.
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> handle(s), "fault-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket s) {
        try (s) {
            if (dead) {
                s.setSoLinger(true, 0); // RST on close: the client's connection is reset before any answer
                return;
            }
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            int length = 0;
            String auth = null;
            for (String l : lines) {
                String lower = l.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(l.substring(15).strip());
                } else if (lower.startsWith("authorization:")) {
                    auth = l.substring(14).strip();
                }
            }
            lastAuthorization = auth;
            byte[] body = in.readNBytes(length);
            OutputStream out = s.getOutputStream();
            String path = requestLine[1];
            if (path.equals("/v1/health")) {
                healthCalls.incrementAndGet();
                if (healthBroken) {
                    respond(out, 500, "{\"detail\": \"broken\"}", Map.of());
                } else {
                    respond(out, 200, "{\"model\": \"fault-server\", \"version\": \"" + version + "\"}", Map.of());
                }
                return;
            }
            if (!path.equals("/v1/generate")) {
                respond(out, 404, "{\"error\": \"not found\"}", Map.of());
                return;
            }
            String text = new String(body, StandardCharsets.UTF_8);
            lastGenerateBody = text;
            Matcher m = ID.matcher(text);
            if (!m.find()) {
                respond(out, 400, "{\"error\": \"bad request\"}", Map.of());
                return;
            }
            String id = m.group(1);
            int n = attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            Matcher im = IMG.matcher(text);
            String png = im.find() ? im.group(1) : "";
            String mode = id.contains("-") ? id.substring(0, id.indexOf('-')) : id;
            String ok = "{\"outputs\": [{\"id\": \"" + id + "\", \"image_png_base64\": \"" + png + "\", \"meta\": {\"attempt\": " + n + "}}]}";
            switch (mode) {
                case "ok" -> respond(out, 200, ok, Map.of());
                case "500" -> respond(out, 500, "Internal Server Error: CUDA out of memory", Map.of());
                case "hang" -> release.await(20, TimeUnit.SECONDS);
                case "garbage" -> respond(out, 200, "<html>proxy error page</html>", Map.of());
                case "truncated" -> {
                    byte[] b = ok.getBytes(StandardCharsets.UTF_8);
                    String h = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + b.length
                            + "\r\nConnection: close\r\n\r\n";
                    out.write(h.getBytes(StandardCharsets.US_ASCII));
                    out.write(b, 0, b.length / 2);
                    out.flush();
                }
                case "drop" -> s.setSoLinger(true, 0); // RST on close: the client sees a reset, no response
                case "wrongid" -> respond(out, 200, ok.replace("\"id\": \"" + id + "\"", "\"id\": \"someone-else\""), Map.of());
                case "badpng" -> respond(out, 200, ok.replace(png, Base64.getEncoder().encodeToString(
                        "\u0089PNG\r\n\u001a\nnot really".getBytes(StandardCharsets.ISO_8859_1))), Map.of());
                case "badb64" -> respond(out, 200, ok.replace(png, "%%%not-base64%%%"), Map.of());
                case "tiny" -> respond(out, 200, ok.replace(png, Base64.getEncoder().encodeToString(
                        ImageFiles.encodePng8(FloatImage.zeros(2, 2, 3)))), Map.of());
                case "s503" -> respond(out, 503, "{\"error\": \"overloaded\"}", Map.of());
                case "once503" -> {
                    if (n == 1) {
                        respond(out, 503, "{\"error\": \"warming up\"}", Map.of());
                    } else {
                        respond(out, 200, ok, Map.of());
                    }
                }
                case "r429" -> {
                    if (n == 1) {
                        respond(out, 429, "{\"error\": \"slow down\"}", Map.of("Retry-After", "1"));
                    } else {
                        respond(out, 200, ok, Map.of());
                    }
                }
                case "n429" -> respond(out, 429, "{\"error\": \"slow down\"}", Map.of());
                case "echo" -> respond(out, 500, "unauthorised request with header Authorization: " + auth, Map.of());
                case "missing" -> respond(out, 200, "{\"outputs\": []}", Map.of());
                case "err" -> respond(out, 200, "{\"outputs\": [{\"id\": \"" + id + "\", \"error\": \"NSFW filter\"}]}", Map.of());
                default -> respond(out, 400, "{\"error\": \"unknown mode\"}", Map.of());
            }
        } catch (SocketException e) {
            // the client went away: fine
        } catch (IOException | RuntimeException e) {
            // a test server: nothing to report
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        for (int i = 0; i < 65536; i++) { // bounded header size
            int c = in.read();
            if (c < 0) {
                return null;
            }
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) ? state + 1 : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                return b.toString(StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    private static void respond(OutputStream out, int status, String body, Map<String, String> headers) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: "
                + b.length + "\r\nConnection: close\r\n");
        headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        h.append("\r\n");
        out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.flush();
    }

    static List<String> modes() {
        return List.of("ok", "500", "hang", "garbage", "truncated", "drop", "wrongid", "badpng", "badb64", "tiny",
                "s503", "once503", "r429", "n429", "missing", "err");
    }

    /**
     * A server that is down, for the tests of a pool: every connection is reset at once. The socket stays bound, so
     * that its port cannot go to another server in the meantime: after {@link #close} the machine may hand the port
     * to any new listener (another test run on a shared machine, with its own fault server answering "ok").
     */
    void kill() {
        dead = true;
    }

    @Override
    public void close() throws IOException {
        release.countDown();
        server.close();
    }
}
