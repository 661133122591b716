package org.computegov.knowledge.export;

import java.time.LocalDate;
import java.util.List;

/**
 * A chip's export-control classification on a date: the answer under the rule set in force, with every rule set's
 * answer alongside for comparison (e.g. the superseded 2022 rule).
 */
public record ExportClassification(
        String chip,
        LocalDate asOf,
        ChipFigures figures,
        Outcome outcome,
        String classification,
        String explanation,
        List<RuleSetResult> ruleSets) {

    public ExportClassification {
        ruleSets = List.copyOf(ruleSets);
    }

    /** The result under the rule set in force on {@link #asOf()}, if any. */
    public java.util.Optional<RuleSetResult> inForce() {
        return ruleSets.stream().filter(RuleSetResult::inForce).findFirst();
    }
}
