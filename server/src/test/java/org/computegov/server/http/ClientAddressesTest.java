package org.computegov.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.computegov.knowledge.InvalidInputException;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {
    private static InetAddress ip(String s) {
        return ClientAddresses.literal(s);
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        ClientAddresses direct = ClientAddresses.direct();
        assertThat(direct.of(ip("127.0.0.1"), List.of("203.0.113.7"))).isEqualTo("127.0.0.1");
        assertThat(direct.isProxy(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void aTrustedProxysRightmostHopIsTheClientAndWhatTheClientWroteIsNot() throws Exception {
        ClientAddresses behind = ClientAddresses.trusting(List.of("10.0.0.0/8"));
        // The client wrote "198.51.100.1" itself; the proxy appended the address it saw.
        assertThat(behind.of(ip("10.0.0.5"), List.of("198.51.100.1, 203.0.113.7"))).isEqualTo("203.0.113.7");
        // Two proxies in a chain: the inner one's hop is skipped, across repeated header fields too.
        assertThat(behind.of(ip("10.0.0.5"), List.of("198.51.100.1, 203.0.113.7", "10.1.2.3"))).isEqualTo("203.0.113.7");
        // A connection that is not a trusted proxy is its own client, whatever it says.
        assertThat(behind.of(ip("192.0.2.9"), List.of("203.0.113.7"))).isEqualTo("192.0.2.9");
        // No header: the proxy itself.
        assertThat(behind.of(ip("10.0.0.5"), List.of())).isEqualTo("10.0.0.5");
    }

    @Test
    void aHopThatIsNotAnAddressEndsTheWalk() throws Exception {
        ClientAddresses behind = ClientAddresses.trusting(List.of("127.0.0.1", "::1"));
        assertThat(behind.of(ip("127.0.0.1"), List.of("203.0.113.7, unknown"))).isEqualTo("127.0.0.1");
        assertThat(behind.of(ip("127.0.0.1"), List.of("evil.example, 203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(behind.of(ip("::1"), List.of("[2001:db8::1]"))).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(behind.of(ip("127.0.0.1"), List.of("1.1.1.1,".repeat(40) + "203.0.113.7"))).isEqualTo("127.0.0.1");
    }

    @Test
    void proxiesAreAddressesBlocksOrRangesNeverNames() throws Exception {
        ClientAddresses ok = ClientAddresses.trusting(List.of("10.0.0.5", "192.168.0.0/16", "172.16.0.1-172.16.0.9", "fd00::/8"));
        assertThat(ok.isProxy(ip("192.168.4.4"))).isTrue();
        assertThat(ok.isProxy(ip("172.16.0.7"))).isTrue();
        assertThat(ok.isProxy(ip("172.16.0.10"))).isFalse();
        assertThat(ok.isProxy(ip("fd12::1"))).isTrue();
        for (String bad : List.of("proxy.internal", "10.0.0.0/99", "300.1.1.1", "")) {
            assertThatThrownBy(() -> ClientAddresses.trusting(List.of(bad)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("'" + bad + "' is not an IP address, CIDR block or range");
        }
    }
}
