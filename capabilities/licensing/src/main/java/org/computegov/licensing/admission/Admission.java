package org.computegov.licensing.admission;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.estimate.Flop;
import org.computegov.licensing.admission.Decision.Outcome;
import org.computegov.licensing.admission.LicenceState.Standing;
import org.computegov.licensing.budget.Reservation;
import org.computegov.licensing.budget.Settlement;

/**
 * Decides whether a job may start. A job without GPUs always may. A GPU job without a licence may if its maximum
 * compute is within the de-minimis size. A licensed job may if the licence stands, is in its validity window, covers
 * the cluster and the account, and its maximum compute (chips × time limit × the usage accounting's FLOP per
 * chip-hour, rounded up) fits in the released budget not yet used or held; then that much is held until its usage
 * settles. Every denial says what was asked, what is available and what to change.
 */
@org.computegov.registry.kernel.Published
public final class Admission {
    private final LicenceSource licences;
    private final ComputeRate rate;
    private final AdmissionPolicy policy;
    private final Clock clock;

    public Admission(LicenceSource licences, ComputeRate rate, AdmissionPolicy policy, Clock clock) {
        this.licences = licences;
        this.rate = rate;
        this.policy = policy;
        this.clock = clock;
    }

    public Decision decide(JobRequest job) {
        return decide(job, false);
    }

    /** With {@code dryRun}, decides the same way but holds nothing (Kubernetes dry runs, what-if checks). */
    public Decision decide(JobRequest job, boolean dryRun) {
        if (job.chips() == 0) {
            return new Decision(Outcome.ALLOW, "no-accelerators", "The job asks for no accelerators; no licence is needed.",
                    BigInteger.ZERO, null, 0, null, job.licence(), null);
        }
        double perChipHour;
        try {
            perChipHour = rate.flopPerChipHour(job.chip());
        } catch (InvalidInputException e) {
            return deny("unknown-chip", "The chip type '" + job.chip() + "' is not in the hardware catalog, so the job's"
                    + " compute cannot be counted: " + e.getMessage() + " Name the chip as the catalog does (cgov chips list).",
                    BigInteger.ZERO, null, job, 0, null);
        }
        double chipHours = job.maxChipHours();
        BigInteger requested = flop(chipHours * perChipHour);
        String asked = "up to " + Flop.format(requested.doubleValue()) + " FLOP (" + job.chips() + " × " + job.chip()
                + " × " + hours(job.timeLimit().toMillis() / 3_600_000.0) + " h = " + hours(chipHours) + " chip-hours)";
        if (job.licence() == null) {
            if (requested.compareTo(policy.deMinimisFlop()) <= 0) {
                return new Decision(Outcome.ALLOW, "de-minimis", "Allowed without a licence: the job asks " + asked
                        + ", within the de-minimis " + Flop.format(policy.deMinimisFlop().doubleValue()) + " FLOP.",
                        requested, policy.deMinimisFlop(), chipHours, chipHours(policy.deMinimisFlop(), perChipHour), null, null);
            }
            return deny("licence-required", "The job asks " + asked + ", above the "
                    + Flop.format(policy.deMinimisFlop().doubleValue()) + " FLOP (" + hours(chipHours(policy.deMinimisFlop(), perChipHour))
                    + " " + job.chip() + " chip-hours) allowed without a licence. Name the licence the job runs under, or"
                    + " lower the time limit or the chip count.", requested, policy.deMinimisFlop(), job, chipHours, perChipHour);
        }
        Optional<LicenceState> found;
        try {
            found = licences.find(job.licence());
        } catch (LicenceSource.Unreachable e) {
            if (policy.whenUnreachable() == AdmissionPolicy.WhenUnreachable.FAIL_OPEN) {
                return new Decision(Outcome.ALLOW, "registry-unreachable-fail-open", "Licence state could not be read ("
                        + e.getMessage() + "); the provider's policy lets jobs start anyway. Usage still counts against"
                        + " the licence when it is reported.", requested, null, chipHours, null, job.licence(), null);
            }
            return deny("registry-unreachable", "Licence " + job.licence() + " could not be checked: " + e.getMessage()
                    + ". The provider's policy is fail-closed; submit again when the registry is reachable.",
                    requested, null, job, chipHours, null);
        }
        if (found.isEmpty()) {
            return deny("unknown-licence", "No licence '" + job.licence() + "' is known. Check the licence id (cgov licence"
                    + " show) or whether it was issued.", requested, null, job, chipHours, null);
        }
        LicenceState state = found.get();
        Licence l = state.licence();
        Instant now = clock.instant();
        if (state.standing() != Standing.ACTIVE) {
            String what = state.standing().name().toLowerCase(Locale.ROOT);
            return deny("licence-" + what, "Licence " + l.id() + " is " + what
                    + (state.standingReason().isEmpty() ? "" : ": " + state.standingReason())
                    + ". No job may start under it until the regulator reinstates it.", requested, null, job, chipHours, null);
        }
        if (now.isBefore(l.validFrom())) {
            return deny("licence-not-yet-valid", "Licence " + l.id() + " is valid from " + l.validFrom() + ".",
                    requested, null, job, chipHours, null);
        }
        if (!now.isBefore(l.validUntil())) {
            return deny("licence-expired", "Licence " + l.id() + " expired at " + l.validUntil()
                    + ". Apply for an amendment extending it.", requested, null, job, chipHours, null);
        }
        if (!l.authorizes(job.provider(), job.cluster())) {
            return deny("cluster-not-authorized", "Licence " + l.id() + " does not authorize cluster " + job.provider() + "/"
                    + job.cluster() + "; it authorizes " + String.join(", ", l.clusters().stream().sorted().toList()) + ".",
                    requested, null, job, chipHours, null);
        }
        if (!l.chargeableBy(job.provider(), job.account())) {
            return deny("account-not-authorized", "Account " + job.account() + " at " + job.provider()
                    + " may not charge licence " + l.id() + ".", requested, null, job, chipHours, null);
        }
        String holdId = job.jobRef().isEmpty() ? job.provider() + "/" + job.cluster() + "/" + java.util.UUID.randomUUID()
                : job.provider() + "/" + job.cluster() + "/" + job.jobRef();
        Reservation r;
        try {
            if (dryRun) {
                java.math.BigInteger free = state.budget().available();
                r = requested.compareTo(free) <= 0 ? new Reservation.Held(null, requested, free.subtract(requested))
                        : new Reservation.Refused(requested, free.max(BigInteger.ZERO));
            } else {
                r = state.budget().reserve(holdId, requested);
            }
        } catch (IllegalArgumentException e) {
            return deny("job-ref-settled", "Job reference " + job.jobRef() + " was admitted and settled before; a new job"
                    + " needs a new reference.", requested, null, job, chipHours, null);
        }
        if (r instanceof Reservation.Held h && !dryRun) {
            // Recorded before the answer: a job told "allow" is counted after a restart. If recording fails the hold
            // stays in memory (counting a job that was refused errs on the safe side; a restart forgets it).
            try {
                if (!licences.held(state, job, holdId, h.requested())) {
                    state.budget().unhold(holdId);
                    return deny("job-ref-in-use", "Job reference " + job.jobRef() + " at " + job.provider() + "/"
                            + job.cluster() + " was admitted under another licence; a new job needs a new reference.",
                            requested, null, job, chipHours, null);
                }
            } catch (LicenceSource.Unreachable e) {
                return deny("registry-unreachable", "The hold for job " + job.jobRef() + " could not be recorded: "
                        + e.getMessage() + ". Submit again when the registry is reachable.", requested, null, job, chipHours, null);
            }
        }
        if (r instanceof Reservation.Held h) {
            return new Decision(Outcome.ALLOW, "licensed", "Allowed under licence " + l.id() + ": " + asked + " held; "
                    + Flop.format(h.availableAfter().doubleValue()) + " FLOP remain released.", requested, h.availableAfter(),
                    chipHours, chipHours(h.availableAfter(), perChipHour), l.id(), dryRun ? null : holdId);
        }
        BigInteger available = ((Reservation.Refused) r).available();
        double availableHours = chipHours(available, perChipHour);
        String fit = job.chips() > 0 && availableHours > 0
                ? " At " + job.chips() + " chips a time limit of at most " + hours(availableHours / job.chips())
                        + " h fits; or wait for running jobs to settle, or for the regulator to release the next tranche."
                : " Wait for running jobs to settle, or for the regulator to release the next tranche.";
        return deny("budget-exceeded", "Licence " + l.id() + " has " + Flop.format(available.doubleValue()) + " FLOP ("
                + hours(availableHours) + " " + job.chip() + " chip-hours) of its released budget free; the job asks "
                + asked + "." + fit, requested, available, job, chipHours, perChipHour);
    }

    /** Settles a job's hold from its reported chip-hours (allocation time × chips) on its chip. */
    public Settlement settle(LicenceState state, String holdId, String chip, double chipHours) throws InvalidInputException {
        return state.budget().settle(holdId, flop(chipHours * rate.flopPerChipHour(chip)));
    }

    /** FLOP rounded up to a whole number: a pre-charge never falls short of the job's maximum. */
    public static BigInteger flop(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("FLOP must be finite and non-negative: " + value);
        }
        return new BigDecimal(value).setScale(0, RoundingMode.CEILING).toBigIntegerExact();
    }

    private static Double chipHours(BigInteger flop, double perChipHour) {
        return perChipHour <= 0 ? null : Math.max(0, flop.doubleValue()) / perChipHour;
    }

    private static String hours(double h) {
        return h >= 100 ? org.computegov.knowledge.estimate.Figures.grouped(h, 0) : org.computegov.knowledge.estimate.Figures.significant(h, 3);
    }

    private static Decision deny(String code, String reason, BigInteger requested, BigInteger available, JobRequest job,
            double chipHours, Double perChipHour) {
        return new Decision(Outcome.DENY, code, reason, requested, available, chipHours,
                available == null || perChipHour == null ? null : chipHours(available, perChipHour), job.licence(), null);
    }
}
