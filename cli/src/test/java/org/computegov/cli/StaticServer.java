package org.computegov.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A static file server on loopback (JDK HttpServer) that serves a map of paths to bytes under a prefix, as a
 * tlog-tiles log serves its checkpoint, tiles and bundles; tests change the map to make the log misbehave.
 */
final class StaticServer implements AutoCloseable {
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final String prefix;
    /** Whether to gzip answers to clients that accept it, as tlog-tiles logs may (Javalin does by default). */
    volatile boolean gzip;

    StaticServer(String prefix) throws IOException {
        this.prefix = prefix;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The server's base URL, e.g. http://127.0.0.1:41234. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Replaces the served files. */
    StaticServer serve(Map<String, byte[]> content) {
        files.clear();
        files.putAll(content);
        return this;
    }

    int totalHits() {
        return hits.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String key = path.startsWith(prefix) ? path.substring(prefix.length()) : null;
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            byte[] body = key == null ? null : files.get(key);
            if (body == null || !ex.getRequestMethod().equals("GET")) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", key.equals("checkpoint") ? "text/plain; charset=utf-8"
                    : "application/octet-stream");
            String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
            if (gzip && accept != null && accept.contains("gzip")) {
                java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
                try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(buf)) {
                    z.write(body);
                }
                body = buf.toByteArray();
                ex.getResponseHeaders().set("Content-Encoding", "gzip");
            }
            ex.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            ex.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
