package org.computegov.server;

import java.nio.file.Path;
import org.computegov.console.ConsoleOptions;

/**
 * How the server meets browsers: an optional TLS certificate and key (PEM; then the one listener speaks HTTPS and
 * the console's cookies are Secure), and the console's session and sign-in limits.
 */
public record WebOptions(Path tlsCert, Path tlsKey, ConsoleOptions console,
        org.computegov.server.http.ClientAddresses clients) {
    public WebOptions {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate and a key");
        }
        console = console == null ? ConsoleOptions.defaults(tlsCert != null) : console;
        clients = clients == null ? org.computegov.server.http.ClientAddresses.direct() : clients;
    }

    /** Clients connect directly (no trusted reverse proxy). */
    public WebOptions(Path tlsCert, Path tlsKey, ConsoleOptions console) {
        this(tlsCert, tlsKey, console, null);
    }

    public static WebOptions defaults() {
        return new WebOptions(null, null, null);
    }

    public boolean tls() {
        return tlsCert != null;
    }
}
