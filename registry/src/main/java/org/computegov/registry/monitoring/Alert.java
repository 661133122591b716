package org.computegov.registry.monitoring;

import java.time.Instant;
import java.util.Objects;

/**
 * A subject's measure reached a fraction of a regime's threshold.
 *
 * @param regimeId the regime
 * @param fraction the alert policy's fraction
 * @param threshold the regime's threshold, in the regime's unit (FLOP, or a share for modification-share regimes)
 * @param reachedAt the instant in the subject's history at which the measure first reached {@link #level()}
 */
public record Alert(String regimeId, double fraction, double threshold, Instant reachedAt) {
    public Alert {
        Objects.requireNonNull(regimeId, "regimeId");
        Objects.requireNonNull(reachedAt, "reachedAt");
    }

    /** The measure that raises the alert: fraction × threshold, reached inclusively. */
    public double level() {
        return fraction * threshold;
    }
}
