package org.computegov.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.computegov.server.http.ClientShares.Refusal;
import org.junit.jupiter.api.Test;

class ClientSharesTest {
    private static final long S = 1_000_000_000L;

    @Test
    void requestsInProgressAreBoundedPerAddressAndGivenBackAtTheirEnd() {
        ClientShares shares = new ClientShares(1000, 3, 1000, 1000);
        for (int i = 0; i < 3; i++) {
            assertThat(shares.startRequest("a", 0)).isEqualTo(Refusal.NONE);
        }
        assertThat(shares.startRequest("a", 0)).isEqualTo(Refusal.REQUESTS);
        assertThat(shares.startRequest("b", 0)).as("another address has its own share").isEqualTo(Refusal.NONE);
        shares.endRequest("a", 0);
        assertThat(shares.startRequest("a", 0)).isEqualTo(Refusal.NONE);
    }

    @Test
    void theRateIsATokenBucket() {
        ClientShares shares = new ClientShares(1000, 1000, 10, 5); // 10 a second, 5 at once
        long t = 0;
        for (int i = 0; i < 5; i++) {
            assertThat(shares.startRequest("a", t)).isEqualTo(Refusal.NONE);
            shares.endRequest("a", t);
        }
        assertThat(shares.startRequest("a", t)).as("the burst is spent").isEqualTo(Refusal.RATE);
        t += S / 10; // one token back
        assertThat(shares.startRequest("a", t)).isEqualTo(Refusal.NONE);
        shares.endRequest("a", t);
        assertThat(shares.startRequest("a", t)).isEqualTo(Refusal.RATE);
        t += 10 * S; // the bucket holds at most the burst
        for (int i = 0; i < 5; i++) {
            assertThat(shares.startRequest("a", t)).isEqualTo(Refusal.NONE);
            shares.endRequest("a", t);
        }
        assertThat(shares.startRequest("a", t)).isEqualTo(Refusal.RATE);
    }

    @Test
    void bodyBytesAreBoundedPerAddress() {
        ClientShares shares = new ClientShares(100, 10, 1000, 1000);
        assertThat(shares.startRequest("a", 0)).isEqualTo(Refusal.NONE);
        assertThat(shares.holdBody("a", 60)).isTrue();
        assertThat(shares.holdBody("a", 41)).as("101 > 100: nothing added").isFalse();
        assertThat(shares.holdBody("a", 40)).isTrue();
        shares.releaseBody("a", 100, 0);
        assertThat(shares.holdBody("a", 100)).isTrue();
    }

    /** Whatever the order of starts and ends, an address is forgotten once it holds nothing and its bucket is full. */
    @Property(tries = 200)
    void quietAddressesAreForgotten(@ForAll @IntRange(min = 1, max = 40) int clients, @ForAll @IntRange(min = 1, max = 5) int each) {
        ClientShares shares = new ClientShares(1000, 100, 100, 10);
        for (int c = 0; c < clients; c++) {
            for (int i = 0; i < each; i++) {
                assertThat(shares.startRequest("c" + c, 0)).isEqualTo(Refusal.NONE);
            }
        }
        assertThat(shares.remembered()).isEqualTo(clients);
        for (int c = 0; c < clients; c++) {
            for (int i = 0; i < each; i++) {
                shares.endRequest("c" + c, S); // a second later every bucket is full again
            }
        }
        assertThat(shares.remembered()).isZero();
    }
}
