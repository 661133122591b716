package org.computegov.registry.screening;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One candidate match.
 *
 * @param entry         the list entry
 * @param score         in [0,1]: the name score, raised by country and address matches as configured
 * @param nameScore     in [0,1]: the name score alone
 * @param matchedName   the entry's name or alias that matched best, as published
 * @param queryName     the query's name or alias that matched it
 * @param matchedFields NAME or ALIAS, plus COUNTRY and ADDRESS when those matched
 * @param explanation   the token pairs behind the name score, e.g. "rosneft=rosneft 1.00, trade~trading 0.94"
 */
public record ScreeningResult(ListEntry entry, double score, double nameScore, String matchedName, String queryName,
                              Set<MatchField> matchedFields, String explanation) {
    public ScreeningResult {
        Objects.requireNonNull(entry, "entry");
        matchedFields = Collections.unmodifiableSet(matchedFields.isEmpty() ? EnumSet.noneOf(MatchField.class) : EnumSet.copyOf(matchedFields));
    }

    /** The list the entry is on, as published (CSL source or "SDN"). */
    public String source() {
        return entry.source();
    }

    /** The entry's entity number or CSL id. */
    public String entityId() {
        return entry.entityId();
    }

    /** True when an alias rather than the primary name matched. */
    public boolean viaAlias() {
        return matchedFields.contains(MatchField.ALIAS);
    }
}
