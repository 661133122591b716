package org.computegov.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.computegov.registry.statement.Role;
import org.junit.jupiter.api.Test;

class SessionsTest {
    /** A clock the test moves. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-12-01T09:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private final ManualClock clock = new ManualClock();
    private final Sessions sessions = new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(12));

    private Sessions.Started start() {
        return sessions.start("ada", "cloud-a", "Cloud A", Set.of(Role.COMPUTE_PROVIDER), null);
    }

    @Test
    void activityKeepsASessionAliveUntilItsAbsoluteLimit() {
        Sessions.Started s = start();
        assertThat(s.token()).hasSize(43);
        assertThat(s.session().csrf()).hasSize(43).isNotEqualTo(s.token());
        for (int i = 0; i < 24; i++) {
            clock.advance(Duration.ofMinutes(29));
            assertThat(sessions.find(s.token())).isInstanceOf(Sessions.Lookup.Active.class);
        }
        clock.advance(Duration.ofMinutes(29)); // 24 × 29 min = 11 h 36 min; 29 min more passes 12 h
        assertThat(sessions.find(s.token())).isInstanceOf(Sessions.Lookup.Expired.class);
        assertThat(sessions.find(s.token())).isInstanceOf(Sessions.Lookup.Unknown.class);
    }

    @Test
    void idleSessionsEnd() {
        Sessions.Started s = start();
        clock.advance(Duration.ofMinutes(30));
        assertThat(sessions.find(s.token())).isInstanceOf(Sessions.Lookup.Expired.class);
    }

    @Test
    void signOutAndUnknownTokens() {
        Sessions.Started s = start();
        Sessions.Started other = start();
        assertThat(s.token()).isNotEqualTo(other.token());
        sessions.end(s.token());
        assertThat(sessions.find(s.token())).isInstanceOf(Sessions.Lookup.Unknown.class);
        assertThat(sessions.find(other.token())).isInstanceOf(Sessions.Lookup.Active.class);
        assertThat(sessions.find("x".repeat(43))).isInstanceOf(Sessions.Lookup.Unknown.class);
        assertThat(sessions.find(null)).isInstanceOf(Sessions.Lookup.Unknown.class);
        sessions.endAll("ada");
        assertThat(sessions.find(other.token())).isInstanceOf(Sessions.Lookup.Unknown.class);
    }
}
