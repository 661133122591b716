package org.computegov.server.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the server runs the registry.
 *
 * @param regulatorKey a file with the bootstrap regulator's verifier key (vkey), or null to create a signer key in
 *     the data directory ({@code regulator.key}, named {@code regulator/root}) on first start
 * @param clockSkew how far a statement's issuedAt may be from the server's clock
 * @param alertFractions the fractions of each threshold at which alerts fire
 * @param licensingRegimes the regulator's licensing regimes file (which runs need a licence), or null for the
 *     built-in one (1e26 FLOP)
 * @param holdGrace how long after an admitted job's time limit its usage may still be reported before its hold expires
 *     and is charged in full ({@code cgov serve --hold-grace}), or null for the default (7 days)
 * @param decisionRetention how long admission decisions stay in the decision record, or null for
 *     {@link #DEFAULT_DECISION_RETENTION} (docs/LICENSING.md, "Decision record")
 */
public record RegistryOptions(Path regulatorKey, Duration clockSkew, List<Double> alertFractions, Path licensingRegimes,
        Duration holdGrace, Duration decisionRetention) {
    public static final List<Double> DEFAULT_ALERTS = List.of(0.5, 0.8);
    public static final Duration DEFAULT_DECISION_RETENTION = Duration.ofDays(90);

    public RegistryOptions {
        clockSkew = clockSkew == null ? Duration.ofMinutes(5) : clockSkew;
        alertFractions = alertFractions == null || alertFractions.isEmpty() ? DEFAULT_ALERTS : List.copyOf(alertFractions);
        holdGrace = holdGrace == null ? org.computegov.licensing.Licensing.DEFAULT_HOLD_GRACE : holdGrace;
        decisionRetention = decisionRetention == null ? DEFAULT_DECISION_RETENTION : decisionRetention;
        if (clockSkew.isNegative() || clockSkew.isZero()) {
            throw new IllegalArgumentException("the clock-skew window must be positive, got " + clockSkew);
        }
        if (holdGrace.compareTo(Duration.ofMinutes(1)) < 0) {
            // A job may wait in the queue after admission; with no grace it would be charged in full at its time limit.
            throw new IllegalArgumentException("the hold grace must be at least a minute, got " + holdGrace);
        }
        if (decisionRetention.isNegative() || decisionRetention.isZero()) {
            throw new IllegalArgumentException("the decision retention must be positive, got " + decisionRetention);
        }
    }

    public RegistryOptions(Path regulatorKey, Duration clockSkew, List<Double> alertFractions, Path licensingRegimes) {
        this(regulatorKey, clockSkew, alertFractions, licensingRegimes, null, null);
    }

    public RegistryOptions(Path regulatorKey, Duration clockSkew, List<Double> alertFractions) {
        this(regulatorKey, clockSkew, alertFractions, null, null, null);
    }

    public static RegistryOptions defaults() {
        return new RegistryOptions(null, null, null);
    }
}
