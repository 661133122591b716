package org.computegov.shaping.allocation;

import java.util.Map;

/**
 * A researcher's request under a call.
 *
 * @param piOrcid the principal investigator's ORCID iD (checked by {@link Orcid})
 * @param requested credits asked for, per resource id
 */
public record Proposal(String id, String call, String project, String piName, String piOrcid, String field,
        Tier tier, Map<String, Double> requested, String justification) {
    public Proposal {
        requested = Map.copyOf(requested);
    }

    public double requestedTotal() {
        return requested.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
