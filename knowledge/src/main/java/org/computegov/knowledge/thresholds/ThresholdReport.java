package org.computegov.knowledge.thresholds;

import java.time.LocalDate;
import java.util.List;

/** Every regime's finding for one run or cluster on one date. */
public record ThresholdReport(LocalDate date, String subject, List<RegimeFinding> findings) {
    public ThresholdReport {
        findings = List.copyOf(findings);
    }

    /** The regimes in force on the date whose threshold is crossed: the ones that bind now. */
    public List<RegimeFinding> binding() {
        return findings.stream().filter(f -> f.inForce() && f.verdict() == Verdict.CROSSED).toList();
    }
}
