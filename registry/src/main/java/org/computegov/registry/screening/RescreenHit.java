package org.computegov.registry.screening;

import java.util.Objects;

/**
 * A customer's hit that differs between two versions of a list.
 *
 * @param customerId the customer
 * @param change     NEW (no hit on this entry before), CHANGED (a hit before too, but the entry's content changed:
 *                   names, aliases, programs, addresses, ids, …) or REMOVED (a hit before, none now: the entry left
 *                   the list or no longer scores above the threshold)
 * @param current    the hit in the new version; null for REMOVED
 * @param previous   the hit in the previous version; null for NEW
 */
public record RescreenHit(String customerId, Change change, ScreeningResult current, ScreeningResult previous) {
    public enum Change { NEW, CHANGED, REMOVED }

    public RescreenHit {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(change, "change");
        if (change != Change.REMOVED) Objects.requireNonNull(current, "current");
        if (change != Change.NEW) Objects.requireNonNull(previous, "previous");
    }

    /** The entry key the hit concerns (stable across list versions, see {@link ListEntry#key()}). */
    public String entryKey() {
        return (current != null ? current : previous).entry().key();
    }
}
