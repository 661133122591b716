package org.computegov.registry.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.computegov.knowledge.thresholds.DueObligation;

/**
 * Every training-compute regime's view of a subject as of an instant, and the early-warning alerts reached.
 *
 * @param kind what the subject is
 * @param subject its id
 * @param asOf the instant assessed: increments after it are not counted
 * @param ownFlop the subject's own compute by then
 * @param baseFlop the base model's cumulative compute, or null
 * @param regimes one per training-compute and modification-share regime, in catalog order
 * @param alerts per regime in force on the assessment's day and per fraction reached, in catalog then fraction order
 */
public record Assessment(MonitoredSubject.Kind kind, String subject, Instant asOf, double ownFlop, Double baseFlop,
        List<RegimeAssessment> regimes, List<Alert> alerts) {

    public Assessment {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(asOf, "asOf");
        regimes = List.copyOf(regimes);
        alerts = List.copyOf(alerts);
    }

    /** Base plus own: what cumulative regimes count. */
    public double cumulativeFlop() {
        return ownFlop + (baseFlop == null ? 0 : baseFlop);
    }

    public Optional<RegimeAssessment> regime(String id) {
        return regimes.stream().filter(r -> r.regimeId().equals(id)).findFirst();
    }

    /** The regimes whose measure crossed. */
    public List<RegimeAssessment> crossed() {
        return regimes.stream().filter(RegimeAssessment::crossed).toList();
    }

    /** The regimes that bind: crossed while in force, every condition met. */
    public List<RegimeAssessment> binding() {
        return regimes.stream().filter(RegimeAssessment::binding).toList();
    }

    /** The obligations of the binding regimes, each dated from its regime's crossing where it has a deadline. */
    public List<DueObligation> dueObligations() {
        return binding().stream().flatMap(r -> r.finding().obligations().stream()).toList();
    }

    public List<Alert> alerts(String regimeId) {
        return alerts.stream().filter(a -> a.regimeId().equals(regimeId)).toList();
    }
}
