package org.computegov.registry.monitoring;

import java.util.Collection;
import java.util.Objects;
import org.computegov.registry.runs.DataDomain;
import org.computegov.registry.runs.RunDeclaration;

/**
 * What the monitor watches: a training run, a customer account, or a beneficial owner (every account it controls,
 * their histories merged), with the compute it has used over time.
 *
 * <p>An account's or an owner's history is all the compute it used, an upper bound on what any one model of theirs
 * was trained with: crossing a threshold there is a reason to look (and splitting a run over accounts does not
 * avoid it), not proof that one model crossed.
 *
 * @param kind what the subject is
 * @param id the registry's id for it (a run {@code <developer>/<runId>}, a customer {@code <provider>/<account>},
 *     a beneficial owner's id)
 * @param history its own compute over time
 * @param baseFlop for a run that modifies a base model, the base's cumulative compute (counted as used before the
 *     history starts); null otherwise
 * @param biologicalSequenceData whether the model is trained primarily on biological sequence data
 * @param costUsd training cost at market prices, or null when unknown
 */
public record MonitoredSubject(Kind kind, String id, ComputeHistory history, Double baseFlop,
        boolean biologicalSequenceData, Double costUsd) {

    public enum Kind { RUN, BENEFICIAL_OWNER, CUSTOMER }

    public MonitoredSubject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(history, "history");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id is blank");
        }
        if (baseFlop != null) {
            if (!(Double.isFinite(baseFlop) && baseFlop > 0)) {
                throw new IllegalArgumentException("baseFlop must be a finite number greater than zero, got " + baseFlop);
            }
            // An account's or an owner's compute is spread over many models; only a run modifies one base model.
            if (kind != Kind.RUN) {
                throw new IllegalArgumentException("only a run has a base model, not a " + kind);
            }
        }
        if (costUsd != null && !(Double.isFinite(costUsd) && costUsd >= 0)) {
            throw new IllegalArgumentException("costUsd must be a finite number, zero or more, got " + costUsd);
        }
    }

    public static MonitoredSubject run(String id, ComputeHistory history) {
        return new MonitoredSubject(Kind.RUN, id, history, null, false, null);
    }

    public static MonitoredSubject modification(String id, ComputeHistory history, double baseFlop) {
        return new MonitoredSubject(Kind.RUN, id, history, baseFlop, false, null);
    }

    public static MonitoredSubject customer(String id, ComputeHistory history) {
        return new MonitoredSubject(Kind.CUSTOMER, id, history, null, false, null);
    }

    /** A beneficial owner as one subject: all its accounts' compute in one history. */
    public static MonitoredSubject beneficialOwner(String id, Collection<ComputeHistory> accounts) {
        return new MonitoredSubject(Kind.BENEFICIAL_OWNER, id, ComputeHistory.merge(accounts), null, false, null);
    }

    /**
     * A declared run: data domain and cost from its declaration. {@code baseFlop} is the base's cumulative compute —
     * the declaration's {@code baseModelFlop}, or for a declared base run {@code RunLineage.cumulativeFlop(baseRun)}
     * ({@code RunLineage.baseFlop(id)} gives either) — and must be given exactly when the run is a modification.
     */
    public static MonitoredSubject run(String id, RunDeclaration declaration, ComputeHistory history, Double baseFlop) {
        if (declaration.isModification() != (baseFlop != null)) {
            throw new IllegalArgumentException(declaration.isModification()
                    ? "run " + id + " modifies a base model: give the base's cumulative compute"
                    : "run " + id + " trains from scratch: it has no base compute");
        }
        return new MonitoredSubject(Kind.RUN, id, history, baseFlop,
                declaration.dataDomain() == DataDomain.BIOLOGICAL_SEQUENCE, declaration.costUsd());
    }

    public boolean isModification() {
        return baseFlop != null;
    }

    public MonitoredSubject withBiologicalSequenceData(boolean bio) {
        return new MonitoredSubject(kind, id, history, baseFlop, bio, costUsd);
    }

    public MonitoredSubject withCostUsd(Double cost) {
        return new MonitoredSubject(kind, id, history, baseFlop, biologicalSequenceData, cost);
    }
}
