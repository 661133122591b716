package org.computegov.knowledge.export;

import java.util.Objects;

/**
 * A range condition on one figure: at least {@code min} (inclusive) and below {@code below} (exclusive), either
 * end open when null. Every 3A090 clause is a conjunction of such bounds.
 */
public record Bound(Figure figure, Double min, Double below) {
    public Bound {
        Objects.requireNonNull(figure, "figure");
        if (min == null && below == null) {
            throw new IllegalArgumentException("a bound on " + figure.label() + " needs a minimum or a ceiling");
        }
        if (min != null && below != null && min >= below) {
            throw new IllegalArgumentException("empty bound on " + figure.label() + ": " + min + " <= x < " + below);
        }
    }

    public boolean holdsFor(double value) {
        return (min == null || value >= min) && (below == null || value < below);
    }

    /** The condition as the rule reads, e.g. {@code 1.6 <= PD < 5.92}. */
    public String describe() {
        String label = figure.label();
        if (min != null && below != null) {
            return Numbers.plain(min) + " <= " + label + " < " + Numbers.plain(below);
        }
        return min != null ? label + " >= " + Numbers.plain(min) : label + " < " + Numbers.plain(below);
    }
}
