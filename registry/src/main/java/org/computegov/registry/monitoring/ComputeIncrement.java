package org.computegov.registry.monitoring;

import java.time.Instant;
import java.util.Objects;

/**
 * Compute used, dated: e.g. one usage record's FLOP at its end time, or an hour's total at the hour's end.
 *
 * @param at when the compute counts as used (the end of the period it was used in)
 * @param flop how much, zero or more
 */
public record ComputeIncrement(Instant at, double flop) {
    public ComputeIncrement {
        Objects.requireNonNull(at, "at");
        if (!Double.isFinite(flop) || flop < 0) {
            throw new IllegalArgumentException("flop must be a finite number, zero or more, got " + flop);
        }
        flop = flop + 0.0; // -0.0 as 0.0: records compare doubles bit by bit
    }
}
