package org.computegov.knowledge.export;

import java.time.LocalDate;
import java.util.List;

/** A version of an export-control rule: its clauses in the order they are checked. */
public record ExportRuleSet(String id, String title, List<ExportClause> clauses) {
    public ExportRuleSet {
        clauses = List.copyOf(clauses);
    }

    /** A rule set is in force on a day when one of its control clauses is. */
    public boolean inForceOn(LocalDate day) {
        return clauses.stream().anyMatch(c -> c.kind() == ClauseKind.CONTROL && c.inForceOn(day));
    }

    public LocalDate effectiveFrom() {
        return clauses.stream().filter(c -> c.kind() == ClauseKind.CONTROL).map(ExportClause::effectiveFrom)
                .min(LocalDate::compareTo).orElseThrow();
    }

    public LocalDate effectiveUntil() {
        List<ExportClause> controls = clauses.stream().filter(c -> c.kind() == ClauseKind.CONTROL).toList();
        return controls.stream().anyMatch(c -> c.effectiveUntil() == null) ? null
                : controls.stream().map(ExportClause::effectiveUntil).max(LocalDate::compareTo).orElse(null);
    }
}
