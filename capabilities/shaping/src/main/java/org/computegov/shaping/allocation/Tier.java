package org.computegov.shaping.allocation;

import java.util.Locale;
import java.util.Optional;

/**
 * Award sizes of a call, after NSF ACCESS's allocation tiers (credits are ACCESS's exchangeable unit; a resource
 * converts them to its own units at its exchange rate).
 */
public enum Tier {
    EXPLORE(400_000),
    DISCOVER(1_500_000),
    ACCELERATE(3_000_000);

    private final long maxCredits;

    Tier(long maxCredits) {
        this.maxCredits = maxCredits;
    }

    /** The most credits an award of this tier may carry. */
    public long maxCredits() {
        return maxCredits;
    }

    public static Optional<Tier> parse(String text) {
        try {
            return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
