package org.computegov.knowledge.trends;

import java.util.Locale;
import java.util.Optional;

/** Which models a trend is fitted to. */
public enum Basis {
    /** Every model with a compute estimate in the period. */
    ALL,
    /** The frontier: only models that were the largest training run to date when published. */
    FRONTIER;

    public static Optional<Basis> parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "all" -> Optional.of(ALL);
            case "frontier" -> Optional.of(FRONTIER);
            default -> Optional.empty();
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
