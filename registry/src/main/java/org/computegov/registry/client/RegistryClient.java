package org.computegov.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.registry.statement.Submission;

/**
 * A client of the registry's HTTP API: submits statements and makes reads, signing each read (RFC 9421) with the
 * actor's key when it has one. The CLI, the benchmarks and the end-to-end tests all speak through it.
 */
public final class RegistryClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * One for the process: an HttpClient holds a selector thread and a connection pool, and a client per actor would
     * keep a connection per actor open to the server, which limits the connections one address may hold.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final HttpClient http;
    private final URI base;
    private final RequestSigner signer;
    /** How long an answer may take; null: each request's own default (minutes, for uploads and submissions). */
    private final Duration timeout;

    /** An answer from the server: its status and JSON body (a problem when the status is 4xx/5xx). */
    public record Answer(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** @param key the actor's key to sign reads with, or null to read as the public */
    public RegistryClient(URI base, SignerKey key, Clock clock) {
        this(base, key == null ? null : new RequestSigner(key, clock), HTTP, null);
    }

    /**
     * A client for a service that must answer quickly (a provider's admission service asking the registry for each
     * job): its own kept-alive connections, opened within {@code connect}, and every answer within {@code answer}
     * (else {@link java.net.http.HttpTimeoutException}, an {@link IOException}).
     */
    public RegistryClient(URI base, SignerKey key, Clock clock, Duration connect, Duration answer) {
        this(base, key == null ? null : new RequestSigner(key, clock),
                HttpClient.newBuilder().connectTimeout(connect).build(), answer);
    }

    private RegistryClient(URI base, RequestSigner signer, HttpClient http, Duration timeout) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.signer = signer;
        this.http = http;
        this.timeout = timeout;
    }

    /** The same client (key, connections) with another answer timeout, e.g. longer for an upload. */
    public RegistryClient withTimeout(Duration answer) {
        return new RegistryClient(base, signer, http, answer);
    }

    /** The server's base URL, as given (without a trailing slash). */
    public URI base() {
        return base;
    }

    public Answer submit(Submission submission) throws IOException, InterruptedException {
        byte[] body = submission.toJson();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1/registry/statements"))
                .timeout(Duration.ofMinutes(2)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(b, "POST", "/api/v1/registry/statements", body);
    }

    /** A GET of a path with its query, e.g. {@code /api/v1/registry/runs}. */
    public Answer get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofMinutes(2)).GET();
        return send(b, "GET", pathAndQuery, null);
    }

    public Answer post(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.noBody());
        return send(b, "POST", pathAndQuery, null);
    }

    /** A signed POST with a JSON body (e.g. an admission request); the signature covers method, path, query and body. */
    public Answer post(String pathAndQuery, byte[] json) throws IOException, InterruptedException {
        return post(pathAndQuery, json, "application/json");
    }

    /** A signed POST with a body of the given media type (e.g. {@code text/plain} for sacct output). */
    public Answer post(String pathAndQuery, byte[] body, String contentType) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(b, "POST", pathAndQuery, body);
    }

    private Answer send(HttpRequest.Builder b, String method, String pathAndQuery, byte[] sent) throws IOException, InterruptedException {
        if (timeout != null) {
            b.timeout(timeout);
        }
        if (signer != null) {
            signer.sign(b, method, base.resolve(pathAndQuery), sent);
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode body = r.body().length == 0 ? JSON.nullNode() : JSON.readTree(r.body());
        return new Answer(r.statusCode(), body);
    }
}
