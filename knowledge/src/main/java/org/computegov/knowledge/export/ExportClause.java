package org.computegov.knowledge.export;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One clause of an export-control rule set, as data: the chips it applies to, the bounds that must all hold, the
 * dates it is in force, and a remark for the chips it names.
 */
public record ExportClause(
        String id,
        ClauseKind kind,
        Applicability appliesTo,
        List<Bound> bounds,
        LocalDate effectiveFrom,
        LocalDate effectiveUntil,
        String summary,
        String remark,
        Applicability remarkAppliesTo,
        String source) {

    public ExportClause {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        bounds = List.copyOf(bounds);
        if (bounds.isEmpty()) {
            throw new IllegalArgumentException("clause " + id + " has no condition");
        }
    }

    /** In force on a day: from {@code effectiveFrom} through {@code effectiveUntil} inclusive (open-ended if null). */
    public boolean inForceOn(LocalDate day) {
        return !day.isBefore(effectiveFrom) && (effectiveUntil == null || !day.isAfter(effectiveUntil));
    }

    public String condition() {
        String bound = String.join(" AND ", bounds.stream().map(Bound::describe).toList());
        return switch (appliesTo) {
            case ANY -> bound;
            case DATA_CENTRE -> "designed/marketed for data centres AND " + bound;
            case NON_DATA_CENTRE -> "not designed/marketed for data centres AND " + bound;
        };
    }
}
