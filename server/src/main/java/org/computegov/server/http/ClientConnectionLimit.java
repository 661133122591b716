package org.computegov.server.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most N open connections per remote address: one client cannot take every connection (and file descriptor) the
 * server has. A connection over the limit is closed as soon as it is accepted, before a byte of it is read.
 */
public final class ClientConnectionLimit implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnectionLimit.class);
    private final int perClient;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private volatile long lastWarning;

    private final ClientAddresses clients;

    public ClientConnectionLimit(int perClient) {
        this(perClient, ClientAddresses.direct());
    }

    /** Trusted proxies' connections are not counted: each carries many clients, limited per request instead. */
    public ClientConnectionLimit(int perClient, ClientAddresses clients) {
        this.perClient = perClient;
        this.clients = clients;
    }

    /** Connections closed on accept so far. */
    public long refused() {
        return refused.get();
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress client = client(connection);
        if (client == null || clients.isProxy(client)) {
            return;
        }
        int n = open.merge(client, 1, Integer::sum);
        if (n > perClient) {
            refused.incrementAndGet();
            long now = System.nanoTime();
            if (now - lastWarning > 10_000_000_000L) { // one line per 10 s, however many are refused
                lastWarning = now;
                LOG.warn("{} holds {} connections, more than {}: closing new ones ({} so far)", client.getHostAddress(),
                        n - 1, perClient, refused.get());
            }
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress client = client(connection);
        if (client != null && !clients.isProxy(client)) {
            open.computeIfPresent(client, (k, v) -> v <= 1 ? null : v - 1);
        }
    }

    private static InetAddress client(Connection connection) {
        return connection.getEndPoint().getRemoteSocketAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }
}
