package org.computegov.registry.monitoring;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.computegov.knowledge.thresholds.Comparison;
import org.computegov.knowledge.thresholds.Counting;
import org.computegov.knowledge.thresholds.Metric;
import org.computegov.knowledge.thresholds.RegimeFinding;
import org.computegov.knowledge.thresholds.Verdict;

/**
 * How one regime sees a monitored subject: its measure, whether and when the measure crossed, and the knowledge
 * core's finding for it.
 *
 * @param regimeId the regime
 * @param metric training compute or modification share
 * @param counts which compute the regime counts (cumulative, this run, the modification)
 * @param threshold in the regime's unit
 * @param comparison strict or inclusive
 * @param applicable false when the regime speaks of something else (a data domain the subject is not in, or
 *     modifications when the subject trains from scratch); then there is no measure, crossing or alert
 * @param measured the regime's measure as of the assessment (base + own, own, or own / base), or null when not
 *     applicable
 * @param crossed whether that measure crosses the threshold (compute only: a further condition such as cost is the
 *     finding's to judge)
 * @param crossedAt the instant in the history at which the measure first crossed, with the base counted from the
 *     start (so a base that crosses alone gives the history's first instant); null when not crossed, or when the base
 *     alone crosses and the history has no increment yet
 * @param evaluatedOn the day the finding is for: the crossing day (UTC) when crossedAt is known, so that deadlines
 *     count from the crossing; otherwise the assessment's day
 * @param inForceAsOf whether the regime binds on the assessment's day (the finding says whether it did on
 *     {@code evaluatedOn}: a run that crossed before a law began is reported as the law then stood)
 * @param finding the knowledge core's finding for a training run with the compute at {@code evaluatedOn}
 */
public record RegimeAssessment(
        String regimeId,
        Metric metric,
        Counting counts,
        double threshold,
        Comparison comparison,
        boolean applicable,
        Double measured,
        boolean crossed,
        Instant crossedAt,
        LocalDate evaluatedOn,
        boolean inForceAsOf,
        RegimeFinding finding) {

    public RegimeAssessment {
        Objects.requireNonNull(regimeId, "regimeId");
        Objects.requireNonNull(evaluatedOn, "evaluatedOn");
        Objects.requireNonNull(finding, "finding");
    }

    /** Crossed, in force on the day evaluated, and every further condition met: obligations follow. */
    public boolean binding() {
        return finding.inForce() && finding.verdict() == Verdict.CROSSED;
    }
}
