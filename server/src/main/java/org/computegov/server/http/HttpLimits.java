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
 * @param bodiesInFlight bytes of request bodies held at once, counted as they arrive (a declared length reserves
 *     nothing: bytes the client has not sent cost nothing); beyond it, 503 with Retry-After
 * @param bodiesInFlightPerClient bytes of request bodies one client address may have held at once; beyond it, 429
 * @param connectionsPerClient open connections one remote address may hold; more are closed on accept
 * @param requestsPerClient requests one client address may have in progress at once (reading its body or running);
 *     beyond it, 429 with Retry-After
 * @param requestsPerSecondPerClient the rate at which one client address may start requests, sustained
 * @param requestBurstPerClient how many requests one client address may start at once after a quiet spell
 * @param idleTimeout a connection silent this long is closed
 * @param maxThreads request threads (bodies are read without holding one)
 */
public record HttpLimits(int maxLogEntryBody, int maxLogBatchBody, int maxStatementBody, int maxOtherBody,
        Duration bodyTimeout, long bodiesInFlight, long bodiesInFlightPerClient, int connectionsPerClient,
        int requestsPerClient, double requestsPerSecondPerClient, int requestBurstPerClient, Duration idleTimeout,
        int maxThreads) {

    public static HttpLimits defaults() {
        // A client may send one body of the largest kind at a time and use a quarter of the request threads; the rate
        // leaves room for a provider's admission controller (about 1,000 decisions a second from one address).
        return new HttpLimits(65_535 + 2, 16 << 20, 64 << 20, 64 << 10, Duration.ofSeconds(20), 256L << 20, 64L << 20,
                128, 16, 2_000, 4_000, Duration.ofSeconds(30), 64);
    }

    public HttpLimits withBodyTimeout(Duration timeout) {
        return new HttpLimits(maxLogEntryBody, maxLogBatchBody, maxStatementBody, maxOtherBody, timeout, bodiesInFlight,
                bodiesInFlightPerClient, connectionsPerClient, requestsPerClient, requestsPerSecondPerClient,
                requestBurstPerClient, idleTimeout, maxThreads);
    }

    public HttpLimits withConnectionsPerClient(int n) {
        return new HttpLimits(maxLogEntryBody, maxLogBatchBody, maxStatementBody, maxOtherBody, bodyTimeout,
                bodiesInFlight, bodiesInFlightPerClient, n, requestsPerClient, requestsPerSecondPerClient,
                requestBurstPerClient, idleTimeout, maxThreads);
    }

    /** The same limits with one client's request rate and burst changed (tests, and operators behind a proxy). */
    public HttpLimits withRequestRatePerClient(double perSecond, int burst) {
        return new HttpLimits(maxLogEntryBody, maxLogBatchBody, maxStatementBody, maxOtherBody, bodyTimeout,
                bodiesInFlight, bodiesInFlightPerClient, connectionsPerClient, requestsPerClient, perSecond, burst,
                idleTimeout, maxThreads);
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
