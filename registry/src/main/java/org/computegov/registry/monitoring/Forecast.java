package org.computegov.registry.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.computegov.knowledge.thresholds.Comparison;
import org.computegov.knowledge.thresholds.Counting;
import org.computegov.knowledge.thresholds.Metric;

/**
 * When a subject will cross its next threshold if it keeps using compute at its recent rate, with the numbers used.
 *
 * @param kind what the subject is
 * @param subject its id
 * @param now the instant forecast from: increments after it are not counted
 * @param window the recent period the rate is taken over, (now − window, now]
 * @param windowFlop the compute used in the window
 * @param flopPerSecond windowFlop over the window's length in seconds
 * @param ownFlop the subject's own compute by now
 * @param baseFlop the base model's cumulative compute, or null
 * @param next the regime crossed next, or null when every applicable regime in force today is crossed already
 */
public record Forecast(MonitoredSubject.Kind kind, String subject, Instant now, Duration window, double windowFlop,
        double flopPerSecond, double ownFlop, Double baseFlop, Next next) {

    public Forecast {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(window, "window");
    }

    /**
     * The next regime to be crossed: the applicable regime in force on now's day (UTC), not yet crossed, that needs
     * the least more own compute — for regimes counted alike, the lowest threshold above the current measure.
     *
     * @param measured the regime's measure now
     * @param remainingFlop own compute still to use until the measure reaches the threshold (for a modification-share
     *     regime: threshold × base − own)
     * @param timeToReach remainingFlop at flopPerSecond, or null when the rate is zero or the time is beyond what an
     *     Instant can hold. It is when the measure reaches the threshold; a strict ('>') regime is crossed by the
     *     next operation after
     * @param estimatedAt now + timeToReach, or null likewise
     */
    public record Next(String regimeId, String name, Metric metric, Counting counts, double threshold,
            Comparison comparison, double measured, double remainingFlop, Duration timeToReach, Instant estimatedAt) {
        public Next {
            Objects.requireNonNull(regimeId, "regimeId");
        }
    }
}
