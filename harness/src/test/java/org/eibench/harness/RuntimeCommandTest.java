package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code eibench runtime check URL} against a loopback server that follows the protocol, and one that does not. */
class RuntimeCommandTest {

    private HttpServer server;
    private volatile boolean dropIds;

    private String start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Identity server: echoes every request's id and PNG (a regex is enough for this fixed request shape). */
    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        byte[] in = ex.getRequestBody().readAllBytes();
        if (path.equals("/v1/health")) {
            send(ex, 200, "{\"model\": \"echo\", \"version\": \"2\"}");
        } else if (path.equals("/v1/generate")) {
            String body = new String(in, StandardCharsets.UTF_8);
            if (!body.strip().endsWith("}")) {
                send(ex, 400, "{\"error\": \"bad json\"}");
                return;
            }
            Matcher m = Pattern.compile("\"id\":\"([^\"]*)\".*?\"image_png_base64\":\"([^\"]*)\"").matcher(body);
            StringBuilder out = new StringBuilder("{\"outputs\": [");
            boolean first = true;
            while (m.find()) {
                if (dropIds && !first) {
                    break;
                }
                out.append(first ? "" : ",").append("{\"id\":\"").append(m.group(1)).append("\",\"image_png_base64\":\"")
                        .append(m.group(2)).append("\"}");
                first = false;
            }
            send(ex, 200, out.append("]}").toString());
        } else {
            send(ex, 404, "{\"error\": \"no\"}");
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void aConformingServerPasses() throws Exception {
        String[] r = run("runtime", "check", start(), "--timeout", "10");
        assertThat(r[1]).contains("PASS health", "model 'echo', version '2'", "PASS generate", "PASS id echo",
                "OK: the server follows the protocol.");
        assertThat(r[0]).isEqualTo("0");
    }

    @Test
    void aServerThatDropsIdsFailsWithAnExplanation() throws Exception {
        dropIds = true;
        String[] r = run("runtime", "check", start(), "--timeout", "10");
        assertThat(r[1]).contains("FAIL id echo", "no output with id 'check-0'", "must come back");
        assertThat(r[0]).isEqualTo("1");
    }

    @Test
    void nothingListeningIsExplained() throws Exception {
        String url = start();
        server.stop(0);
        server = null;
        String[] r = run("runtime", "check", url, "--timeout", "5");
        assertThat(r[1]).contains("FAIL health", "cannot connect");
        assertThat(r[0]).isEqualTo("1");
    }

    @Test
    void aBadUrlIsAUsageError() {
        String[] r = run("runtime", "check", "ftp://x");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("http://HOST:PORT");
    }
}
