package org.computegov.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.computegov.api.Json;
import org.computegov.server.log.LogOptions;

/** A real server on a free port with an embedded PostgreSQL in a temporary directory, and a client for it. */
final class RunningServer implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    final CgovServer server;

    RunningServer(Path dataDirectory) throws Exception {
        this(dataDirectory, LogOptions.defaults());
    }

    RunningServer(Path dataDirectory, LogOptions log) throws Exception {
        server = CgovServer.start(new ServerOptions(0, dataDirectory, null, null, null, false, null, null, log),
                Clock.systemDefaultZone());
    }

    Answer post(String path, byte[] body, String contentType) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    byte[] getBytes(String path) throws Exception {
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException(path + ": HTTP " + r.statusCode());
        }
        return r.body();
    }

    record Answer(int status, String contentType, String body) {
        JsonNode json() throws IOException {
            return Json.mapper().readTree(body);
        }
    }

    Answer get(String pathAndQuery) throws Exception {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build());
    }

    Answer send(HttpRequest request) throws Exception {
        HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body());
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + server.port() + pathAndQuery);
    }

    @Override
    public void close() {
        server.close();
    }
}
