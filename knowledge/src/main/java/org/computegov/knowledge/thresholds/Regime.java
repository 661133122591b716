package org.computegov.knowledge.thresholds;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A regulatory threshold regime as data: what it measures and how it compares, its legal force and dates, and the
 * obligations that follow from crossing it.
 *
 * @param effectiveFrom first day in force, or null when not established
 * @param effectiveUntil last day in force (inclusive), or null while it lasts
 * @param domain a data-domain condition such as "biological-sequence", or null for any model
 * @param costOverUsd an additional condition that the training cost exceed this many USD, or null
 * @param networkOverGbps for cluster regimes: networking faster than this many Gbit/s, or null
 */
public record Regime(
        String id,
        String name,
        String jurisdiction,
        String instrument,
        LegalForce legalForce,
        LocalDate effectiveFrom,
        LocalDate effectiveUntil,
        String statusNote,
        Metric metric,
        double threshold,
        Comparison comparison,
        String unit,
        Counting counts,
        String domain,
        Double costOverUsd,
        Double networkOverGbps,
        String countingNote,
        List<Obligation> obligations,
        String quote,
        String confidence,
        String source) {

    public Regime {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(legalForce, "legalForce");
        Objects.requireNonNull(counts, "counts");
        if (!Double.isFinite(threshold) || threshold <= 0) {
            throw new IllegalArgumentException(id + ": threshold must be a positive number");
        }
        if (effectiveFrom != null && effectiveUntil != null && effectiveUntil.isBefore(effectiveFrom)) {
            throw new IllegalArgumentException(id + ": effectiveUntil is before effectiveFrom");
        }
        obligations = List.copyOf(obligations);
    }

    /** Whether the regime binds on a day: a law (or guidance) within its dates. */
    public boolean inForceOn(LocalDate day) {
        return (legalForce == LegalForce.LAW || legalForce == LegalForce.GUIDANCE) && effectiveFrom != null
                && !day.isBefore(effectiveFrom) && (effectiveUntil == null || !day.isAfter(effectiveUntil));
    }

    /** The regime's standing on a day, in words. */
    public String stateOn(LocalDate day) {
        String kind = legalForce == LegalForce.GUIDANCE ? "guidance (non-binding)" : "law";
        return switch (legalForce) {
            case VETOED -> "vetoed: never in force";
            case PROPOSED -> "proposed: not in force";
            case BILL -> "bill: not in force";
            case LAW, GUIDANCE -> {
                if (effectiveFrom == null) {
                    yield "enacted; effective date not established";
                } else if (day.isBefore(effectiveFrom)) {
                    yield "not yet in force (" + kind + " from " + effectiveFrom + ")";
                } else if (effectiveUntil != null && day.isAfter(effectiveUntil)) {
                    yield "no longer in force (ended " + effectiveUntil.plusDays(1) + ")";
                } else {
                    yield "in force (" + kind + " since " + effectiveFrom + ")";
                }
            }
        };
    }
}
