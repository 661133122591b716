package org.computegov.registry.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.computegov.knowledge.thresholds.RegimeCatalog;
import org.computegov.knowledge.thresholds.ThresholdEvaluator;
import org.computegov.knowledge.thresholds.TrainingRun;
import org.computegov.knowledge.thresholds.Verdict;

/** The monitor's crossing instants agree with the knowledge core's judgement at every instant of the history. */
class ThresholdMonitorPropertiesTest {
    private static final RegimeCatalog CATALOG = RegimeCatalog.builtIn();
    private final ThresholdMonitor monitor = new ThresholdMonitor(CATALOG, AlertPolicy.DEFAULT);
    private final ThresholdEvaluator evaluator = new ThresholdEvaluator(CATALOG);

    @Provide
    Arbitrary<MonitoredSubject> runs() {
        Arbitrary<Double> flop = Combinators.combine(Arbitraries.doubles().between(1, 10).ofScale(2),
                Arbitraries.integers().between(22, 25)).as((m, e) -> m * Math.pow(10, e));
        // Days from 2023 to 2027: before, during and after the regimes' dates.
        Arbitrary<Instant> at = Arbitraries.longs().between(0, 5 * 365 * 24)
                .map(h -> Instant.parse("2023-01-01T00:00:00Z").plusSeconds(h * 3600));
        Arbitrary<ComputeHistory> histories = Combinators.combine(at, flop).as(ComputeIncrement::new).list()
                .ofMinSize(1).ofMaxSize(30).map(ComputeHistory::of);
        Arbitrary<Double> bases = Arbitraries.oneOf(Arbitraries.just((Double) null), flop.map(f -> f * 3));
        return Combinators.combine(histories, bases, Arbitraries.of(true, false)).as((h, base, bio) ->
                new MonitoredSubject(MonitoredSubject.Kind.RUN, "lab/run", h, base, bio, null));
    }

    /** The knowledge core's verdict per regime for the run as it stood at an instant. */
    private Map<String, Verdict> verdicts(MonitoredSubject s, Instant at) {
        TrainingRun run = new TrainingRun(s.history().cumulativeAt(at), s.baseFlop(), s.biologicalSequenceData(),
                null, null, ThresholdMonitor.utcDay(at));
        return evaluator.evaluate(run).findings().stream().collect(Collectors.toMap(f -> f.regime(), f -> f.verdict()));
    }

    @Property(tries = 200)
    void theCrossingInstantIsTheFirstTheKnowledgeCoreCallsCrossed(@ForAll("runs") MonitoredSubject s) {
        Assessment a = monitor.assess(s);
        Map<Instant, Map<String, Verdict>> verdicts = new HashMap<>();
        s.history().increments().forEach(i -> verdicts.put(i.at(), verdicts(s, i.at())));
        for (RegimeAssessment r : a.regimes()) {
            if (!r.applicable()) {
                assertThat(r.finding().verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
                continue;
            }
            for (Instant t : verdicts.keySet()) {
                boolean crossedByThen = r.crossedAt() != null && !t.isBefore(r.crossedAt());
                // A cost condition this subject does not state leaves a crossing INDETERMINATE, never NOT_CROSSED.
                assertThat(verdicts.get(t).get(r.regimeId()) != Verdict.NOT_CROSSED).as("%s at %s", r.regimeId(), t)
                        .isEqualTo(crossedByThen);
            }
            assertThat(r.crossed()).isEqualTo(r.crossedAt() != null);
        }
    }

    @Property(tries = 200)
    void warningsComeNoLaterThanTheCrossingAndInFractionOrder(@ForAll("runs") MonitoredSubject s) {
        Assessment a = monitor.assess(s);
        for (RegimeAssessment r : a.regimes()) {
            List<Alert> alerts = a.alerts(r.regimeId());
            for (int i = 0; i < alerts.size(); i++) {
                if (r.crossedAt() != null) {
                    assertThat(alerts.get(i).reachedAt()).isBeforeOrEqualTo(r.crossedAt());
                }
                if (i > 0) {
                    assertThat(alerts.get(i).fraction()).isGreaterThan(alerts.get(i - 1).fraction());
                    assertThat(alerts.get(i).reachedAt()).isAfterOrEqualTo(alerts.get(i - 1).reachedAt());
                }
            }
            if (r.crossedAt() != null && r.inForceAsOf()) {
                assertThat(alerts).hasSize(AlertPolicy.DEFAULT.fractions().size());
            }
        }
    }
}
