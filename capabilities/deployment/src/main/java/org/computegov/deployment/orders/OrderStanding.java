package org.computegov.deployment.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where an order stands at a moment, from its deadlines and the provider's acknowledgement and compliance report
 * (as logged, with their times). A compliance report also acknowledges. Overdue orders carry an escalation level:
 * 1 from the first missed deadline, one more per escalation period after it; a late compliance freezes the level
 * it reached, so the record shows how far it went.
 */
@org.computegov.registry.kernel.Published
public record OrderStanding(State state, int escalation, Optional<Instant> nextEscalation, String explanation) {
    /** The standing. */
    public enum State { OPEN, ACKNOWLEDGED, COMPLIED, COMPLIED_LATE, OVERDUE }

    public static OrderStanding at(CorrectiveOrder o, Optional<Instant> acknowledged, Optional<Instant> complied, Instant now) {
        acknowledged.ifPresent(t -> requireAfterIssue(o, t, "acknowledgement"));
        complied.ifPresent(t -> requireAfterIssue(o, t, "compliance"));
        Optional<Instant> ack = acknowledged.or(() -> complied).filter(t -> !t.isAfter(now));
        Optional<Instant> done = complied.filter(t -> !t.isAfter(now));
        if (done.isPresent()) {
            Instant t = done.get();
            int level = Math.max(level(o, o.ackBy(), ack.get(), t), level(o, o.complyBy(), t, t));
            if (!t.isAfter(o.complyBy()) && level == 0) {
                return new OrderStanding(State.COMPLIED, 0, Optional.empty(), o.measure().wire() + " complied with at " + t);
            }
            return new OrderStanding(State.COMPLIED_LATE, Math.max(1, level), Optional.empty(),
                    o.measure().wire() + " complied with at " + t + ", after the deadline " + o.complyBy());
        }
        int ackLevel = level(o, o.ackBy(), ack.orElse(null), now);
        int complyLevel = level(o, o.complyBy(), null, now);
        if (ackLevel > 0 || complyLevel > 0) {
            boolean compliance = complyLevel >= ackLevel && complyLevel > 0;
            Instant missed = compliance ? o.complyBy() : o.ackBy();
            int level = Math.max(ackLevel, complyLevel);
            return new OrderStanding(State.OVERDUE, level, Optional.of(missed.plus(o.escalationPeriod().multipliedBy(level))),
                    (compliance ? "compliance" : "acknowledgement") + " was due " + missed + "; escalation level " + level);
        }
        if (ack.isPresent()) {
            return new OrderStanding(State.ACKNOWLEDGED, 0, Optional.of(o.complyBy()),
                    "acknowledged at " + ack.get() + "; comply by " + o.complyBy());
        }
        return new OrderStanding(State.OPEN, 0, Optional.of(o.ackBy()), "acknowledge by " + o.ackBy());
    }

    /** The escalation level a deadline reached by {@code until}, unless met at {@code metAt}. */
    private static int level(CorrectiveOrder o, Instant deadline, Instant metAt, Instant until) {
        if (metAt != null && !metAt.isAfter(deadline)) {
            return 0;
        }
        Instant end = metAt != null && metAt.isBefore(until) ? metAt : until;
        if (!end.isAfter(deadline)) {
            return 0;
        }
        Duration late = Duration.between(deadline, end);
        return (int) Math.min(Integer.MAX_VALUE, 1 + late.toNanos() / o.escalationPeriod().toNanos());
    }

    private static void requireAfterIssue(CorrectiveOrder o, Instant t, String what) {
        if (t.isBefore(o.issuedAt())) {
            throw new IllegalArgumentException(what + " at " + t + " precedes the order (" + o.issuedAt() + ")");
        }
    }
}
