package org.computegov.server.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system clock plus an offset the test moves forward, so a session can outlive its limit without waiting. */
final class MovableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void advance(Duration d) {
        offset = offset.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
