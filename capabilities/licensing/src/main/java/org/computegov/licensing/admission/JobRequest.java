package org.computegov.licensing.admission;

import java.time.Duration;

/**
 * A job asking to start: where (provider, cluster), for whom (the provider's customer account), under which licence
 * (or none), on what (chip type and count) and for at most how long (the scheduler's time limit). {@code jobRef} is
 * the provider's handle for the job (its admission id), which its usage report names when it settles.
 */
@org.computegov.registry.kernel.Published
public record JobRequest(String provider, String cluster, String account, String licence, String chip, int chips,
        Duration timeLimit, String jobRef) {
    public JobRequest {
        if (provider == null || provider.isBlank() || cluster == null || cluster.isBlank()) {
            throw new IllegalArgumentException("provider and cluster are required");
        }
        if (chips < 0) {
            throw new IllegalArgumentException("chips must be zero or more, not " + chips);
        }
        if (chips > 0 && (chip == null || chip.isBlank())) {
            throw new IllegalArgumentException("a GPU job must name its chip type");
        }
        if (timeLimit == null || timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("the time limit must be positive (a job without one cannot be pre-charged)");
        }
        account = account == null ? "" : account;
        licence = licence == null || licence.isBlank() ? null : licence;
        jobRef = jobRef == null ? "" : jobRef;
    }

    /** The most chip-hours the job can hold: chips × time limit. */
    public double maxChipHours() {
        return chips * (timeLimit.toMillis() / 3_600_000.0);
    }
}
