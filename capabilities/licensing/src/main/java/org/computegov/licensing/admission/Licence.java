package org.computegov.licensing.admission;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.computegov.licensing.budget.Tranche;

/**
 * What admission needs of a licence: who holds it (the developer, its beneficial owner) for which run, the budget's
 * tranches, where it may be used ({@code provider/cluster}, or {@code provider/*} for every cluster of a provider),
 * which customer accounts may charge it ({@code provider/account}; empty means any account at an authorized
 * provider), and the validity window [validFrom, validUntil).
 */
@org.computegov.registry.kernel.Published
public record Licence(String id, String developer, String run, List<Tranche> tranches, Set<String> clusters,
        Set<String> accounts, Instant validFrom, Instant validUntil, List<String> conditions) {
    public Licence {
        if (id == null || id.isBlank() || developer == null || run == null || tranches == null || tranches.isEmpty()
                || clusters == null || accounts == null || validFrom == null || validUntil == null) {
            throw new IllegalArgumentException("a licence needs an id, developer, run, tranches, clusters, accounts and validity");
        }
        if (!validUntil.isAfter(validFrom)) {
            throw new IllegalArgumentException("licence validity must end after it starts");
        }
        tranches = List.copyOf(tranches);
        clusters = Set.copyOf(clusters);
        accounts = Set.copyOf(accounts);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    public boolean authorizes(String provider, String cluster) {
        return clusters.contains(provider + "/" + cluster) || clusters.contains(provider + "/*");
    }

    public boolean chargeableBy(String provider, String account) {
        return accounts.isEmpty() || accounts.contains(provider + "/" + account);
    }
}
