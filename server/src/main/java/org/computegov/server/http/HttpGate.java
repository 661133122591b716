package org.computegov.server.http;

import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The server's HTTP front door as Jetty builds it: a bounded request thread pool, one connector with an idle timeout
 * and a per-client connection limit, the {@link RequestGate} that reads bodies before any thread works on them, and
 * problem bodies for Jetty's own error answers.
 */
public final class HttpGate {
    private final HttpLimits limits;
    private final RequestGate gate;
    private final ClientConnectionLimit connections;

    public HttpGate(HttpLimits limits) {
        this(limits, ClientAddresses.direct());
    }

    /** A gate that takes the client's address from trusted proxies' {@code X-Forwarded-For}. */
    public HttpGate(HttpLimits limits, ClientAddresses clients) {
        this.limits = limits;
        this.gate = new RequestGate(limits, clients);
        this.connections = new ClientConnectionLimit(limits.connectionsPerClient(), clients);
    }

    /** What was refused so far: bodies (too large, too slow, over a budget), requests (429), connections. */
    public record Refusals(long bodies, long requests, long connections) {}

    public Refusals refusals() {
        return new Refusals(gate.refusedBodies(), gate.refusedRequests(), connections.refused());
    }

    /** What a connection speaks, outermost first: HTTP/1.1, or TLS and HTTP/1.1 inside it. */
    @FunctionalInterface
    public interface Protocols {
        ConnectionFactory[] over(HttpConfiguration http);
    }

    /** Plain HTTP/1.1. */
    public static final Protocols PLAIN = http -> new ConnectionFactory[] {new HttpConnectionFactory(http)};

    public void install(JavalinConfig config, String host, int port, Protocols protocols) {
        // Threads bounded; the queue is not (Jetty queues its own jobs there and warns against a bounded one). No
        // request body waits in it: bodies are read before a request is queued for a thread.
        QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), Math.min(8, limits.maxThreads()), 60_000);
        threads.setName("cgov-http");
        config.jetty.threadPool = threads;
        config.jetty.modifyServer(server -> {
            server.setHandler(gate); // Javalin puts its servlet context inside: every request passes the gate first
            server.setErrorHandler(new ProblemErrorHandler());
        });
        config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
        config.jetty.addConnector((server, http) -> {
            ServerConnector c = new ServerConnector(server, protocols.over(http));
            c.setHost(host);
            c.setPort(port);
            c.setIdleTimeout(limits.idleTimeout().toMillis());
            c.addBean(connections);
            return c;
        });
    }
}
