package org.computegov.knowledge.export;

import java.time.LocalDate;
import java.util.List;

/**
 * A chip's classification under one rule set.
 *
 * @param classification the matched clause (e.g. "3A090.a.1"), "not covered" or "indeterminate"
 * @param decidedBy the clause that decided, or null when no clause held or the answer is indeterminate
 * @param scenarios for an indeterminate answer, what each range of the missing figure would give
 */
public record RuleSetResult(
        String ruleSet,
        String title,
        LocalDate effectiveFrom,
        LocalDate effectiveUntil,
        boolean inForce,
        Outcome outcome,
        String classification,
        String decidedBy,
        String explanation,
        List<ClauseCheck> checks,
        List<Scenario> scenarios,
        List<String> remarks) {

    public RuleSetResult {
        checks = List.copyOf(checks);
        scenarios = List.copyOf(scenarios);
        remarks = List.copyOf(remarks);
    }
}
