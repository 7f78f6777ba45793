package org.eibench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.eibench.harness.run.Json;
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

    /** Identity server: echoes every request's id and PNG; a body that is not JSON gets 400. */
    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        byte[] in = ex.getRequestBody().readAllBytes();
        if (path.equals("/v1/health")) {
            ObjectNode health = Json.LINES.createObjectNode().put("model", "echo").put("version", "2");
            send(ex, 200, health.toString());
        } else if (path.equals("/v1/generate")) {
            JsonNode body;
            try {
                body = Json.LINES.readTree(in);
            } catch (JsonProcessingException e) {
                send(ex, 400, Json.LINES.createObjectNode().put("error", "bad json").toString());
                return;
            }
            ObjectNode out = Json.LINES.createObjectNode();
            ArrayNode outputs = out.putArray("outputs");
            for (JsonNode r : body.path("requests")) {
                if (dropIds && !outputs.isEmpty()) {
                    break;
                }
                outputs.addObject().put("id", r.path("id").asText()).put("image_png_base64", r.path("image_png_base64").asText());
            }
            send(ex, 200, out.toString());
        } else {
            send(ex, 404, Json.LINES.createObjectNode().put("error", "no").toString());
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
