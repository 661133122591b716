package org.computegov.server.http;

import java.time.Duration;

/**
 * What one request may cost the server before a handler sees it: how large its body may be (per route family), how
 * long the client may take to send it, how many bodies may be held in memory at once, and how many connections one
 * client address may keep open. Everything an unauthenticated client can make the server hold is bounded by these.
 *
 * @param maxLogEntryBody a single log entry (one DSSE envelope; the log takes at most 65,535 bytes)
 * @param maxLogBatchBody an NDJSON batch of log entries
 * @param maxStatementBody a registry submission (envelope plus sealed payload and attachment, base64)
 * @param maxOtherBody any other request (the API's other routes take no body)
 * @param bodyTimeout the time a client has to send a whole body, from the end of its headers
 * @param bodiesInFlight bytes of request bodies held at once (declared lengths, or the route's maximum when chunked);
 *     beyond it, 503 with Retry-After
 * @param connectionsPerClient open connections one remote address may hold; more are closed on accept
 * @param idleTimeout a connection silent this long is closed
 * @param maxThreads request threads (bodies are read without holding one)
 */
public record HttpLimits(int maxLogEntryBody, int maxLogBatchBody, int maxStatementBody, int maxOtherBody,
        Duration bodyTimeout, long bodiesInFlight, int connectionsPerClient, Duration idleTimeout, int maxThreads) {

    public static HttpLimits defaults() {
        return new HttpLimits(65_535 + 2, 16 << 20, 64 << 20, 64 << 10, Duration.ofSeconds(20), 256L << 20, 128,
                Duration.ofSeconds(30), 64);
    }

    public HttpLimits withBodyTimeout(Duration timeout) {
        return new HttpLimits(maxLogEntryBody, maxLogBatchBody, maxStatementBody, maxOtherBody, timeout, bodiesInFlight,
                connectionsPerClient, idleTimeout, maxThreads);
    }

    public HttpLimits withConnectionsPerClient(int n) {
        return new HttpLimits(maxLogEntryBody, maxLogBatchBody, maxStatementBody, maxOtherBody, bodyTimeout,
                bodiesInFlight, n, idleTimeout, maxThreads);
    }

    /** The largest body accepted on a path. */
    public int maxBody(String path) {
        return switch (path) {
            case "/api/v1/log/entries" -> maxLogEntryBody;
            case "/api/v1/log/entries/batch" -> maxLogBatchBody;
            case "/api/v1/registry/statements" -> maxStatementBody;
            default -> maxOtherBody;
        };
    }

    /** The largest body of any route: what the framework itself is told to accept. */
    public long largestBody() {
        return Math.max(Math.max(maxLogEntryBody, maxLogBatchBody), Math.max(maxStatementBody, maxOtherBody));
    }
}
