package org.computegov.deployment.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.computegov.deployment.orders.CorrectiveOrder.Measure;
import org.computegov.deployment.orders.OrderStanding.State;
import org.junit.jupiter.api.Test;

/** Order deadlines: inclusive, acknowledged by compliance too, escalating per period once missed. */
class OrderStandingTest {
    private static final Instant ISSUED = Instant.parse("2026-12-05T10:00:00Z");
    private static final CorrectiveOrder ORDER = new CorrectiveOrder("ORD-1", "cloud-a/frontier-7b-eu", "cloud-a",
            Measure.SUSPEND, ISSUED, ISSUED.plus(Duration.ofHours(4)), ISSUED.plus(Duration.ofHours(24)), Duration.ofHours(12));
    private static final Optional<Instant> NONE = Optional.empty();

    private static OrderStanding at(Optional<Instant> ack, Optional<Instant> done, Duration after) {
        return OrderStanding.at(ORDER, ack, done, ISSUED.plus(after));
    }

    @Test
    void openThenAcknowledgedThenComplied() {
        assertThat(at(NONE, NONE, Duration.ofHours(1)).state()).isEqualTo(State.OPEN);
        Optional<Instant> ack = Optional.of(ISSUED.plus(Duration.ofHours(2)));
        OrderStanding acked = at(ack, NONE, Duration.ofHours(3));
        assertThat(acked.state()).isEqualTo(State.ACKNOWLEDGED);
        assertThat(acked.nextEscalation()).contains(ORDER.complyBy());
        assertThat(at(ack, Optional.of(ISSUED.plus(Duration.ofHours(20))), Duration.ofDays(9)).state()).isEqualTo(State.COMPLIED);
    }

    @Test
    void deadlinesAreInclusive() {
        assertThat(at(NONE, NONE, Duration.ofHours(4)).state()).isEqualTo(State.OPEN);
        OrderStanding late = at(NONE, NONE, Duration.ofHours(4).plusNanos(1));
        assertThat(late.state()).isEqualTo(State.OVERDUE);
        assertThat(late.escalation()).isEqualTo(1);
        assertThat(late.explanation()).contains("acknowledgement was due");
        Optional<Instant> ack = Optional.of(ORDER.ackBy());
        assertThat(at(ack, Optional.of(ORDER.complyBy()), Duration.ofHours(30)).state()).isEqualTo(State.COMPLIED);
    }

    @Test
    void overdueOrdersEscalateEveryPeriodAndLateComplianceFreezesTheLevel() {
        Optional<Instant> ack = Optional.of(ISSUED.plus(Duration.ofHours(1)));
        assertThat(at(ack, NONE, Duration.ofHours(25)).escalation()).isEqualTo(1);
        OrderStanding twoDaysLate = at(ack, NONE, Duration.ofHours(24 + 36).plusSeconds(1));
        assertThat(twoDaysLate.state()).isEqualTo(State.OVERDUE);
        assertThat(twoDaysLate.escalation()).isEqualTo(4);
        assertThat(twoDaysLate.nextEscalation()).contains(ORDER.complyBy().plus(Duration.ofHours(48)));
        OrderStanding lateDone = at(ack, Optional.of(ISSUED.plus(Duration.ofHours(40))), Duration.ofDays(30));
        assertThat(lateDone.state()).isEqualTo(State.COMPLIED_LATE);
        assertThat(lateDone.escalation()).isEqualTo(2);
    }

    @Test
    void complianceAcknowledgesAndEventsBeforeTheOrderAreRefused() {
        assertThat(at(NONE, Optional.of(ISSUED.plus(Duration.ofHours(3))), Duration.ofHours(5)).state()).isEqualTo(State.COMPLIED);
        assertThatThrownBy(() -> at(Optional.of(ISSUED.minusSeconds(1)), NONE, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        // An acknowledgement logged later than "now" is not known yet.
        assertThat(at(Optional.of(ISSUED.plus(Duration.ofHours(5))), NONE, Duration.ofHours(3)).state()).isEqualTo(State.OPEN);
    }

    @Property(tries = 200)
    void escalationNeverFallsAsTimePasses(@ForAll @LongRange(min = 0, max = 500) long h1, @ForAll @LongRange(min = 0, max = 500) long h2,
            @ForAll @LongRange(min = 0, max = 600) long ackH) {
        Optional<Instant> ack = Optional.of(ISSUED.plus(Duration.ofHours(ackH)));
        long a = Math.min(h1, h2);
        long b = Math.max(h1, h2);
        assertThat(at(ack, NONE, Duration.ofHours(b)).escalation()).isGreaterThanOrEqualTo(at(ack, NONE, Duration.ofHours(a)).escalation());
    }
}
