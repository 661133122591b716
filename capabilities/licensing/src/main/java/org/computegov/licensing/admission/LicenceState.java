package org.computegov.licensing.admission;

import org.computegov.licensing.budget.LicenceBudget;

/** A licence as admission finds it: its terms, whether it stands, and its live budget. */
@org.computegov.registry.kernel.Published
public record LicenceState(Licence licence, Standing standing, String standingReason, LicenceBudget budget) {
    public enum Standing { ACTIVE, SUSPENDED, REVOKED }

    public LicenceState {
        if (licence == null || standing == null || budget == null) {
            throw new IllegalArgumentException("licence, standing and budget are required");
        }
        standingReason = standingReason == null ? "" : standingReason;
    }
}
