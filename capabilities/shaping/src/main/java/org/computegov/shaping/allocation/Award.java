package org.computegov.shaping.allocation;

import java.time.LocalDate;
import java.util.Map;

/**
 * An award on a proposal: per resource the credits requested, recommended by review and awarded; the period in
 * which usage may draw on it; its status; and whether the progress report that releases the second half is in.
 */
public record Award(String id, String proposal, String account, Tier tier, Map<String, Amounts> amounts,
        LocalDate start, LocalDate end, AwardStatus status, boolean progressReported) {

    /** Credits for one resource at each stage of the decision. */
    public record Amounts(double requested, double recommended, double awarded) {
        public Amounts {
            if (requested < 0 || recommended < 0 || awarded < 0) {
                throw new IllegalArgumentException("amounts are never negative");
            }
        }
    }

    public Award {
        amounts = Map.copyOf(amounts);
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("award " + id + " ends before it starts");
        }
        double total = amounts.values().stream().mapToDouble(Amounts::awarded).sum();
        if (total > tier.maxCredits()) {
            throw new IllegalArgumentException("award " + id + " of " + total + " credits exceeds the "
                    + tier + " tier's " + tier.maxCredits());
        }
    }

    /** Half of each amount is released on award and the rest once the progress report is in. */
    public double released(String resource) {
        Amounts a = amounts.get(resource);
        if (a == null) {
            return 0;
        }
        return progressReported ? a.awarded() : a.awarded() / 2;
    }

    /** The status on a day: an active award past its end has expired. */
    public AwardStatus statusOn(LocalDate day) {
        return status == AwardStatus.ACTIVE && day.isAfter(end) ? AwardStatus.EXPIRED : status;
    }

    public Award withStatus(AwardStatus next) {
        return new Award(id, proposal, account, tier, amounts, start, end, next, progressReported);
    }

    public Award withProgressReport() {
        return new Award(id, proposal, account, tier, amounts, start, end, status, true);
    }
}
