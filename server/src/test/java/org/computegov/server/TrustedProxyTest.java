package org.computegov.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.computegov.server.http.ClientAddresses;
import org.computegov.server.http.HttpLimits;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behind a reverse proxy every request arrives from the proxy's address. With the proxy trusted, the per-client
 * limits key on the address it saw (its X-Forwarded-For hop), so one noisy client does not spend everyone's share;
 * from any other connection the header is ignored, so a client cannot pick a fresh identity per request.
 */
class TrustedProxyTest {
    @TempDir static Path data;
    static CgovServer server;
    static final String PROXY = "127.0.0.70";
    static final String OTHER = "127.0.0.71";

    @BeforeAll
    static void start() throws Exception {
        // Two requests per client, refilled once in ~17 minutes: the third request of one client is refused.
        HttpLimits limits = HttpLimits.defaults().withRequestRatePerClient(0.001, 2);
        server = CgovServer.start(new ServerOptions(0, data, null, null, null, false, null, null, LogOptions.defaults()),
                new WebOptions(null, null, null, ClientAddresses.trusting(List.of(PROXY))), Clock.systemUTC(), List.of(), limits);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int health(String from, String forwardedFor) throws Exception {
        return RawHttp.exchange(server.port(), from, "GET /health HTTP/1.1\r\nHost: x\r\n"
                + (forwardedFor == null ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n") + "Connection: close\r\n\r\n").status();
    }

    @Test
    void throughTheTrustedProxyEachClientHasItsOwnShare() throws Exception {
        assertThat(health(PROXY, "203.0.113.1")).isEqualTo(200);
        assertThat(health(PROXY, "203.0.113.1")).isEqualTo(200);
        assertThat(health(PROXY, "203.0.113.1")).isEqualTo(429);
        // What the client wrote to the left of the proxy's hop changes nothing.
        assertThat(health(PROXY, "198.51.100.77, 203.0.113.1")).isEqualTo(429);
        // Another client behind the same proxy is served.
        assertThat(health(PROXY, "203.0.113.2")).isEqualTo(200);
    }

    @Test
    void fromAnyOtherConnectionTheHeaderIsIgnored() throws Exception {
        assertThat(health(OTHER, "203.0.113.10")).isEqualTo(200);
        assertThat(health(OTHER, "203.0.113.11")).isEqualTo(200);
        assertThat(health(OTHER, "203.0.113.12")).isEqualTo(429);
    }
}
