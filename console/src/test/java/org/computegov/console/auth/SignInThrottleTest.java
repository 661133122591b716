package org.computegov.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
    private final SessionsTest.ManualClock clock = new SessionsTest.ManualClock();
    private final SignInThrottle throttle = new SignInThrottle(clock, 5, Duration.ofMinutes(15));

    @Test
    void fiveFailuresForAUsernameLockItFromEveryAddressUntilTheWindowPasses() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.wait("ada", "10.0.0." + i)).isEmpty();
            throttle.failed("ada", "10.0.0." + i);
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(throttle.wait("ada", "192.0.2.1")).hasValue(Duration.ofMinutes(10));
        assertThat(throttle.wait("bob", "192.0.2.1")).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(throttle.wait("ada", "192.0.2.1")).isEmpty();
    }

    @Test
    void oneAddressTryingManyUsernamesIsLockedToo() {
        // An address is allowed four times a username's failures: several people may share it (NAT).
        for (int i = 0; i < 19; i++) {
            throttle.failed("user" + i, "198.51.100.7");
        }
        assertThat(throttle.wait("someone-else", "198.51.100.7")).isEmpty();
        for (int i = 19; i < 20; i++) {
            throttle.failed("user" + i, "198.51.100.7");
        }
        assertThat(throttle.wait("someone-else", "198.51.100.7")).isPresent();
        assertThat(throttle.wait("someone-else", "198.51.100.8")).isEmpty();
    }

    @Test
    void successClearsTheUsernamesCount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("ada", "10.0.0." + i);
        }
        throttle.succeeded("ada");
        throttle.failed("ada", "10.0.0.9");
        assertThat(throttle.wait("ada", "10.0.0.10")).isEmpty();
    }
}
