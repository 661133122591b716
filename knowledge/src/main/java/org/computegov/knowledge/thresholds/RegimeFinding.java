package org.computegov.knowledge.thresholds;

import java.util.List;

/**
 * How one regime treats a run or cluster, and why.
 *
 * @param measured the value compared (e.g. cumulative FLOP), or null when not applicable
 * @param obligations what is due, present only when the verdict is CROSSED
 */
public record RegimeFinding(
        String regime,
        String name,
        String jurisdiction,
        String state,
        boolean inForce,
        Verdict verdict,
        Double measured,
        double threshold,
        String comparison,
        String unit,
        String reason,
        List<DueObligation> obligations,
        String source) {

    public RegimeFinding {
        obligations = List.copyOf(obligations);
    }
}
