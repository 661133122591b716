package org.computegov.licensing.admission;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.computegov.licensing.budget.LicenceBudget;

/**
 * Licences held in memory, each with its live budget: a provider's store of verified bundles, or a test's. Standing
 * changes (suspension, revocation, reinstatement) replace the entry but keep the budget.
 */
@org.computegov.registry.kernel.Published
public final class LicenceBook implements LicenceSource {
    private final Map<String, LicenceState> byId = new ConcurrentHashMap<>();

    /** Adds a licence with the first {@code releasedAtGrant} tranches released; an id already present is kept. */
    public LicenceState add(Licence licence, int releasedAtGrant) {
        return byId.computeIfAbsent(licence.id(), id -> new LicenceState(licence, LicenceState.Standing.ACTIVE, "",
                new LicenceBudget(licence.tranches(), releasedAtGrant)));
    }

    /**
     * Adds a licence, or replaces a known one's terms (a newer bundle: an amendment, a tranche released) with the
     * first {@code released} tranches released, keeping its holds, its usage and its standing.
     */
    public LicenceState update(Licence licence, int released) {
        return byId.compute(licence.id(), (id, s) -> {
            if (s == null) {
                return new LicenceState(licence, LicenceState.Standing.ACTIVE, "", new LicenceBudget(licence.tranches(), released));
            }
            s.budget().amend(licence.tranches(), released);
            return new LicenceState(licence, s.standing(), s.standingReason(), s.budget());
        });
    }

    public LicenceState setStanding(String id, LicenceState.Standing standing, String reason) {
        return byId.compute(id, (k, s) -> {
            if (s == null) {
                throw new IllegalArgumentException("no licence " + id);
            }
            return new LicenceState(s.licence(), standing, reason, s.budget());
        });
    }

    @Override
    public boolean inMemory() {
        return true;
    }

    @Override
    public Optional<LicenceState> find(String licenceId) {
        return Optional.ofNullable(byId.get(licenceId));
    }
}
