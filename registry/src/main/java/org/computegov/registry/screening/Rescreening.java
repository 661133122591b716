package org.computegov.registry.screening;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-screening existing customers when a list changes: which hits are new, which concern an entry whose content
 * changed, and which went away. Entries are matched across versions by {@link ListEntry#key()} and compared by
 * {@link ListEntry#contentHash()}. A change of score alone (token weights shift a little whenever the list
 * changes) is not reported.
 */
public final class Rescreening {
    private Rescreening() {
    }

    /**
     * Screens every customer against both versions and reports the differences, customers in the given order.
     * Nothing when both versions have the same content hash.
     */
    public static List<RescreenHit> rescreen(Collection<Customer> customers, ScreeningIndex previous, ScreeningIndex current,
                                             ScreeningOptions options) {
        if (previous.list().version().sameContentAs(current.list().version())) return List.of();
        Map<String, List<ScreeningResult>> before = new LinkedHashMap<>();
        for (Customer c : customers) before.put(c.id(), previous.screen(c, options));
        return rescreen(customers, before, current, options);
    }

    /**
     * Screens every customer against the new version and compares with the hits recorded for the previous one
     * (e.g. kept with the KYC record): the cheaper path, one screening per customer.
     *
     * @param previousHits hits per customer id under the previous version; a customer absent from the map had none
     */
    public static List<RescreenHit> rescreen(Collection<Customer> customers, Map<String, List<ScreeningResult>> previousHits,
                                             ScreeningIndex current, ScreeningOptions options) {
        List<RescreenHit> out = new ArrayList<>();
        for (Customer c : customers) {
            Map<String, ScreeningResult> before = new LinkedHashMap<>();
            for (ScreeningResult r : previousHits.getOrDefault(c.id(), List.of())) before.putIfAbsent(r.entry().key(), r);
            Map<String, ScreeningResult> now = new LinkedHashMap<>();
            for (ScreeningResult r : current.screen(c, options)) now.putIfAbsent(r.entry().key(), r);
            for (ScreeningResult r : now.values()) {
                ScreeningResult p = before.get(r.entry().key());
                if (p == null) {
                    out.add(new RescreenHit(c.id(), RescreenHit.Change.NEW, r, null));
                } else if (!p.entry().contentHash().equals(r.entry().contentHash())) {
                    out.add(new RescreenHit(c.id(), RescreenHit.Change.CHANGED, r, p));
                }
            }
            for (ScreeningResult p : before.values()) {
                if (!now.containsKey(p.entry().key())) out.add(new RescreenHit(c.id(), RescreenHit.Change.REMOVED, null, p));
            }
        }
        return out;
    }
}
