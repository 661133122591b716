package org.computegov.registry.monitoring;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.computegov.knowledge.thresholds.Counting;
import org.computegov.knowledge.thresholds.Metric;
import org.computegov.knowledge.thresholds.Regime;
import org.computegov.knowledge.thresholds.RegimeCatalog;
import org.computegov.knowledge.thresholds.RegimeFinding;
import org.computegov.knowledge.thresholds.ThresholdEvaluator;
import org.computegov.knowledge.thresholds.TrainingRun;

/**
 * Watches subjects' compute over time against the regimes' training-compute thresholds: whether and when each was
 * crossed, what follows and by when, which early-warning fractions were reached, and when the next threshold will be
 * crossed at the recent rate.
 *
 * <p>The regimes monitored are those whose metric is training compute, and modification-share regimes: a
 * modification's share of its base model's compute is own ÷ base, which the history and the base's compute give at
 * every instant, computed as the knowledge core computes it. (Whether the modifier is the base model's own provider,
 * which the EU guidelines set apart, is not in the data; the knowledge core does not judge it either.) Cluster
 * capacity and developer revenue are not compute over time and are left to {@link ThresholdEvaluator}.
 *
 * <p>Findings are the knowledge core's: for a crossed regime, {@link ThresholdEvaluator} is asked about a
 * {@link TrainingRun} with the compute at the crossing instant, dated on the crossing day (UTC), so deadlines such as
 * the EU AI Act's 14-day notification count from the crossing, and a regime not in force that day is reported as
 * such. Deterministic: no clock is read; every instant reported comes from the history or the caller. Immutable
 * and safe to share between threads.
 */
public final class ThresholdMonitor {
    private static final String BIOLOGICAL_SEQUENCE = "biological-sequence";
    /** Beyond this many seconds (~285 million years) a forecast has no instant; Instant.MAX is ~3.2e16 s away. */
    private static final double MAX_FORECAST_SECONDS = 9e15;

    private final ThresholdEvaluator evaluator;
    private final AlertPolicy policy;
    private final List<Regime> monitored;

    public ThresholdMonitor(RegimeCatalog catalog, AlertPolicy policy) {
        this.evaluator = new ThresholdEvaluator(Objects.requireNonNull(catalog, "catalog"));
        this.policy = Objects.requireNonNull(policy, "policy");
        this.monitored = catalog.all().stream()
                .filter(r -> r.metric() == Metric.TRAINING_COMPUTE || r.metric() == Metric.MODIFICATION_SHARE)
                .toList();
    }

    /** The regimes this monitor watches, in catalog order. */
    public List<Regime> monitored() {
        return monitored;
    }

    /** As of the history's last increment: everything the history knows. */
    public Assessment assess(MonitoredSubject subject) {
        Instant last = subject.history().last().orElseThrow(() -> new IllegalArgumentException("the history of "
                + subject.id() + " is empty: there is no instant to assess it as of; give one"));
        return assess(subject, last);
    }

    /** As of an instant: increments after it are not counted, and regimes not crossed are judged on its day. */
    public Assessment assess(MonitoredSubject subject, Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        ComputeHistory history = subject.history().upTo(asOf);
        double own = history.total();
        LocalDate asOfDay = utcDay(asOf);
        List<RegimeAssessment> regimes = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        // Regimes not crossed, and those crossed at one instant, share a training run: ask the evaluator once each.
        Map<TrainingRun, List<RegimeFinding>> reports = new HashMap<>();
        for (Regime r : monitored) {
            if (!applicable(r, subject)) {
                regimes.add(new RegimeAssessment(r.id(), r.metric(), r.counts(), r.threshold(), r.comparison(), false,
                        null, false, null, asOfDay, r.inForceOn(asOfDay), finding(r, subject, own, asOfDay, reports)));
                continue;
            }
            double measured = measure(r, own, subject.baseFlop());
            boolean crossed = r.comparison().crosses(measured, r.threshold());
            Instant crossedAt = crossed ? firstCrossing(r, subject, history).orElse(null) : null;
            double ownThen = crossedAt == null ? own : history.cumulativeAt(crossedAt);
            LocalDate day = crossedAt == null ? asOfDay : utcDay(crossedAt);
            regimes.add(new RegimeAssessment(r.id(), r.metric(), r.counts(), r.threshold(), r.comparison(), true,
                    measured, crossed, crossedAt, day, r.inForceOn(asOfDay), finding(r, subject, ownThen, day, reports)));

            // Warnings matter for the regimes that bind now; a crossed regime's earlier warnings stay on record.
            if (r.inForceOn(asOfDay) && !costRulesOut(r, subject)) {
                for (double fraction : policy.fractions()) {
                    double level = fraction * r.threshold();
                    history.firstWhere(o -> measure(r, o, subject.baseFlop()) >= level).ifPresent(
                            at -> alerts.add(new Alert(r.id(), fraction, r.threshold(), at)));
                }
            }
        }
        return new Assessment(subject.kind(), subject.id(), asOf, own, subject.baseFlop(), regimes, alerts);
    }

    /**
     * The burn rate over (now − window, now], and the next regime to be crossed at that rate: applicable, in force
     * on now's day (UTC), not yet crossed, needing the least more own compute.
     */
    public Forecast forecast(MonitoredSubject subject, Instant now, Duration window) {
        Objects.requireNonNull(now, "now");
        ComputeHistory history = subject.history().upTo(now);
        double rate = history.rate(now, window);
        double windowFlop = history.flopIn(now, window);
        double own = history.total();
        Double base = subject.baseFlop();
        LocalDate today = utcDay(now);
        Regime next = null;
        double nextMeasured = 0;
        double nextRemaining = Double.POSITIVE_INFINITY;
        for (Regime r : monitored) {
            if (!applicable(r, subject) || !r.inForceOn(today) || costRulesOut(r, subject)) {
                continue;
            }
            double measured = measure(r, own, base);
            if (r.comparison().crosses(measured, r.threshold())) {
                continue;
            }
            // Own compute still to use: a share's threshold is a fraction of the base, the others are FLOP.
            double remaining = Math.max(0, r.metric() == Metric.MODIFICATION_SHARE
                    ? r.threshold() * base - own : r.threshold() - measured);
            if (remaining < nextRemaining) { // ties: the first in catalog order
                next = r;
                nextMeasured = measured;
                nextRemaining = remaining;
            }
        }
        Forecast.Next n = null;
        if (next != null) {
            Duration time = rate > 0 ? duration(nextRemaining / rate) : null;
            Instant at = null;
            if (time != null) {
                try {
                    at = now.plus(time);
                } catch (DateTimeException | ArithmeticException e) {
                    at = null; // beyond Instant.MAX: no date to give
                }
            }
            n = new Forecast.Next(next.id(), next.name(), next.metric(), next.counts(), next.threshold(),
                    next.comparison(), nextMeasured, nextRemaining, time, at);
        }
        return new Forecast(subject.kind(), subject.id(), now, window, windowFlop, rate, own, base, n);
    }

    /**
     * A regime's measure for a given own compute, computed exactly as {@link ThresholdEvaluator} computes it from a
     * {@link TrainingRun} (flop + base, flop, or flop ÷ base), so that the crossing found here is the one it judges.
     */
    static double measure(Regime r, double own, Double base) {
        if (r.metric() == Metric.MODIFICATION_SHARE) {
            return own / base;
        }
        return r.counts() == Counting.CUMULATIVE ? own + (base == null ? 0 : base) : own;
    }

    /** Whether a regime speaks of this subject at all (mirrors the knowledge core's NOT_APPLICABLE). */
    static boolean applicable(Regime r, MonitoredSubject s) {
        if (BIOLOGICAL_SEQUENCE.equals(r.domain()) && !s.biologicalSequenceData()) {
            return false;
        }
        boolean onlyModifications = r.metric() == Metric.MODIFICATION_SHARE || r.counts() == Counting.MODIFICATION;
        return !onlyModifications || s.isModification();
    }

    /** A regime that also needs a cost over some amount cannot bind a subject whose known cost is not over it. */
    private static boolean costRulesOut(Regime r, MonitoredSubject s) {
        return r.costOverUsd() != null && s.costUsd() != null && !(s.costUsd() > r.costOverUsd());
    }

    private static Optional<Instant> firstCrossing(Regime r, MonitoredSubject s, ComputeHistory history) {
        return history.firstWhere(o -> r.comparison().crosses(measure(r, o, s.baseFlop()), r.threshold()));
    }

    private RegimeFinding finding(Regime r, MonitoredSubject s, double own, LocalDate day,
            Map<TrainingRun, List<RegimeFinding>> reports) {
        TrainingRun run = new TrainingRun(own, s.baseFlop(), s.biologicalSequenceData(), s.costUsd(), null, day);
        return reports.computeIfAbsent(run, k -> evaluator.evaluate(k).findings()).stream()
                .filter(f -> f.regime().equals(r.id())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the evaluator gave no finding for " + r.id()));
    }

    static LocalDate utcDay(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    /** Seconds as a Duration to the nanosecond (rounding off the floating-point noise below it), or null when huge. */
    static Duration duration(double seconds) {
        if (!(seconds >= 0) || seconds > MAX_FORECAST_SECONDS) {
            return null;
        }
        long whole = (long) Math.floor(seconds);
        long nanos = Math.round((seconds - whole) * 1e9);
        return Duration.ofSeconds(whole, nanos); // ofSeconds carries nanos of 1e9 into the seconds
    }
}
