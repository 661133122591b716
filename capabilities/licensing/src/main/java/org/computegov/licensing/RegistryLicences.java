package org.computegov.licensing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.computegov.licensing.admission.LicenceJson;
import org.computegov.licensing.admission.LicenceSource;
import org.computegov.licensing.admission.LicenceState;
import org.computegov.licensing.budget.LicenceBudget;
import org.computegov.registry.kernel.ReadStore;

/**
 * Licences as the registry's projection has them, each with its live budget. Terms, released tranches and standing
 * are read from the {@code licence} table on every decision (one indexed row); holds and settlements live in memory
 * in this server ({@link LicenceBudget}), so a restart forgets open holds — the next step records them as
 * admission statements.
 */
final class RegistryLicences implements LicenceSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, LicenceBudget> budgets = new ConcurrentHashMap<>();
    private volatile ReadStore store;

    /** Licences with a budget in this server's memory (those read since start). */
    java.util.Set<String> known() {
        return java.util.Set.copyOf(budgets.keySet());
    }

    /** The budget in this server's memory, if the licence was read since start (what an amendment must still cover). */
    Optional<org.computegov.licensing.budget.BudgetSnapshot> inMemory(String id) {
        return Optional.ofNullable(budgets.get(id)).map(LicenceBudget::snapshot);
    }

    void attach(ReadStore store) {
        this.store = store;
    }

    private record Row(String terms, int released, String standing, String reason) {}

    @Override
    public Optional<LicenceState> find(String id) throws Unreachable {
        ReadStore s = store;
        if (s == null) {
            throw new Unreachable("the registry is not started", null);
        }
        Optional<Row> row;
        try {
            row = s.get(h -> h.createQuery("SELECT terms, tranches_released, standing, standing_reason FROM licence WHERE id = :id")
                    .bind("id", id).map((rs, c) -> new Row(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)))
                    .findOne());
        } catch (RuntimeException e) {
            throw new Unreachable("the registry's database did not answer: " + e.getMessage(), e);
        }
        if (row.isEmpty()) {
            return Optional.empty();
        }
        LicenceJson.Terms terms;
        try {
            terms = LicenceJson.parse(JSON.readTree(row.get().terms()));
        } catch (Exception e) {
            throw new IllegalStateException("stored licence " + id + " does not parse", e);
        }
        LicenceBudget budget = budgets.computeIfAbsent(id, k -> new LicenceBudget(terms.licence().tranches(), terms.tranchesReleased()));
        if (!budget.tranches().equals(terms.licence().tranches())) {
            // An amendment changed the budget: the new tranches, the same holds and charges.
            budget.amend(terms.licence().tranches(), row.get().released());
        }
        for (int t = budget.snapshot().tranchesReleased() + 1; t <= row.get().released(); t++) {
            budget.release(t);
        }
        LicenceState.Standing standing = LicenceState.Standing.valueOf(row.get().standing().toUpperCase(java.util.Locale.ROOT));
        return Optional.of(new LicenceState(terms.licence(), standing, row.get().reason(), budget));
    }
}
