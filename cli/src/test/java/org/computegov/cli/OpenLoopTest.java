package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator's clients count every request once, read whole responses on kept-alive connections (raw: the
 * body of one response is not taken for the next one's status line) and count non-200 answers as errors. No timing
 * is asserted.
 */
class OpenLoopTest {
    private HttpServer server;
    private ExecutorService pool;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        pool = Executors.newFixedThreadPool(2);
        server.setExecutor(pool);
        server.createContext("/ok", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            byte[] out = ("{\"echo\":" + body.length + ",\"pad\":\"" + "x".repeat(3000) + "\"}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, out.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(out);
            }
        });
        server.createContext("/missing", ex -> {
            ex.sendResponseHeaders(404, 2);
            try (OutputStream o = ex.getResponseBody()) {
                o.write("no".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
        pool.shutdownNow();
    }

    @Test
    void rawClientCountsEveryResponseOnKeptAliveConnections() throws Exception {
        try (OpenLoop.Raw raw = new OpenLoop.Raw(base, 4)) {
            OpenLoop load = new OpenLoop(4);
            OpenLoop.Phase[] p = load.interleaved(raw.get("/ok"), raw.postJson("/ok", i -> "{\"i\":" + i + "}"), 400, 1.0, 0.5);
            assertThat(p[0].count()).isEqualTo(400);
            assertThat(p[1].count()).isEqualTo(400);
            assertThat(p[0].errors()).isZero();
            assertThat(p[1].errors()).isZero();
            assertThat(load.run(raw.get("/missing"), 200, 0.5).errors()).isEqualTo(100);
        }
    }

    @Test
    void jdkClientCountsErrors() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        OpenLoop load = new OpenLoop(4);
        OpenLoop.Phase ok = load.run(OpenLoop.jdk(client, i -> HttpRequest.newBuilder(base.resolve("/ok")).build()), 200, 0.5);
        OpenLoop.Phase missing = load.run(OpenLoop.jdk(client, i -> HttpRequest.newBuilder(base.resolve("/missing")).build()), 200, 0.5);
        assertThat(ok.count()).isEqualTo(100);
        assertThat(ok.errors()).isZero();
        assertThat(missing.errors()).isEqualTo(100);
    }
}
