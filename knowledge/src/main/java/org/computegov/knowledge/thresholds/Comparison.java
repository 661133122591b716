package org.computegov.knowledge.thresholds;

/** How a measured value is compared with a threshold. "Greater than" is strict: exactly 1e26 does not cross > 1e26. */
public enum Comparison {
    GREATER_THAN(">"), AT_LEAST(">=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean crosses(double value, double threshold) {
        return this == GREATER_THAN ? value > threshold : value >= threshold;
    }

    static Comparison parse(String text) {
        return switch (text.strip()) {
            case ">" -> GREATER_THAN;
            case ">=" -> AT_LEAST;
            default -> throw new IllegalArgumentException("comparison must be '>' or '>=', got '" + text + "'");
        };
    }
}
