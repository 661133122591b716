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

/** A real server on a free port with an embedded PostgreSQL in a temporary directory, and a client for it. */
final class RunningServer implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    final CgovServer server;

    RunningServer(Path dataDirectory) throws Exception {
        server = CgovServer.start(new ServerOptions(0, dataDirectory, null, null, null, false, null, null),
                Clock.systemDefaultZone());
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
