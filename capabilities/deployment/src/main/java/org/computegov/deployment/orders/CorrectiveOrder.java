package org.computegov.deployment.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The regulator's order to a provider about one deployment: throttle, suspend or shut it down, acknowledge by
 * {@code ackBy} and comply by {@code complyBy} (both inclusive). An order not met by a deadline escalates one level
 * at the deadline and one more every {@code escalationPeriod} after it.
 */
@org.computegov.registry.kernel.Published
public record CorrectiveOrder(String id, String deployment, String provider, Measure measure, Instant issuedAt,
        Instant ackBy, Instant complyBy, Duration escalationPeriod) {
    /** What the provider must do. */
    public enum Measure {
        THROTTLE, SUSPEND, SHUT_DOWN;

        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public CorrectiveOrder {
        if (id == null || deployment == null || provider == null || measure == null || issuedAt == null || ackBy == null
                || complyBy == null || escalationPeriod == null) {
            throw new IllegalArgumentException("an order needs an id, a deployment, a provider, a measure and its dates");
        }
        if (ackBy.isBefore(issuedAt) || complyBy.isBefore(ackBy)) {
            throw new IllegalArgumentException("deadlines must follow the order: issued <= ackBy <= complyBy");
        }
        if (escalationPeriod.isNegative() || escalationPeriod.isZero()) {
            throw new IllegalArgumentException("the escalation period must be positive");
        }
    }
}
