package org.computegov.registry.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.computegov.knowledge.thresholds.Comparison;
import org.junit.jupiter.api.Test;

class ComputeHistoryTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private static ComputeIncrement at(int hour, double flop) {
        return new ComputeIncrement(T0.plus(Duration.ofHours(hour)), flop);
    }

    @Test
    void incrementsAreOrderedAndThoseAtOneInstantAddedIntoOne() {
        ComputeHistory h = ComputeHistory.of(at(2, 1e24), at(0, 3e24), at(2, 2e24));
        assertThat(h.increments()).containsExactly(at(0, 3e24), at(2, 1e24 + 2e24));
        assertThat(h.first()).contains(T0);
        assertThat(h.last()).contains(T0.plus(Duration.ofHours(2)));
        assertThat(h.total()).isEqualTo(3e24 + (1e24 + 2e24));
    }

    @Test
    void cumulativeAtCountsIncrementsAtOrBeforeTheInstant() {
        ComputeHistory h = ComputeHistory.of(at(1, 1e24), at(3, 2e24));
        assertThat(h.cumulativeAt(T0)).isZero();
        assertThat(h.cumulativeAt(T0.plus(Duration.ofHours(1)).minusNanos(1))).isZero();
        assertThat(h.cumulativeAt(T0.plus(Duration.ofHours(1)))).isEqualTo(1e24);
        assertThat(h.cumulativeAt(T0.plus(Duration.ofHours(2)))).isEqualTo(1e24);
        assertThat(h.cumulativeAt(T0.plus(Duration.ofDays(9)))).isEqualTo(3e24);
        assertThat(h.upTo(T0.plus(Duration.ofHours(2)))).isEqualTo(ComputeHistory.of(at(1, 1e24)));
        assertThat(h.upTo(T0)).isEqualTo(ComputeHistory.empty());
    }

    @Test
    void firstReachingIsInclusiveAndStrictCrossingIsNot() {
        ComputeHistory h = ComputeHistory.of(at(0, 5e25), at(1, 5e25), at(2, 1e20));
        // 5e25 + 5e25 is exactly 1e26 in binary floating point (doubling is exact).
        assertThat(h.cumulativeAt(T0.plus(Duration.ofHours(1)))).isEqualTo(1e26);
        assertThat(h.firstReaching(1e26)).contains(T0.plus(Duration.ofHours(1)));
        assertThat(h.firstCrossing(1e26, Comparison.AT_LEAST)).contains(T0.plus(Duration.ofHours(1)));
        assertThat(h.firstCrossing(1e26, Comparison.GREATER_THAN)).contains(T0.plus(Duration.ofHours(2)));
        assertThat(h.firstReaching(2e26)).isEmpty();
        assertThat(h.firstReaching(0)).contains(T0);
        assertThat(ComputeHistory.empty().firstReaching(0)).isEmpty();
    }

    @Test
    void theRateIsOverAWindowOpenAtItsStartAndClosedAtNow() {
        ComputeHistory h = ComputeHistory.of(at(0, 7.2e23), at(1, 3.6e23), at(2, 3.6e23), at(3, 9e30));
        Instant now = T0.plus(Duration.ofHours(2));
        // (00:00, 02:00] holds the increments at 01:00 and 02:00, not the one at 00:00 nor the one after now.
        assertThat(h.flopIn(now, Duration.ofHours(2))).isEqualTo(3.6e23 + 3.6e23);
        assertThat(h.rate(now, Duration.ofHours(2))).isEqualTo((3.6e23 + 3.6e23) / 7200);
        assertThat(h.rate(now.plus(Duration.ofMinutes(30)), Duration.ofMinutes(10))).isZero();
        assertThatThrownBy(() -> h.rate(now, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void historiesMergeIntoOne() {
        ComputeHistory a = ComputeHistory.of(at(0, 1e24), at(2, 1e24));
        ComputeHistory b = ComputeHistory.of(at(1, 3e24), at(2, 5e24));
        ComputeHistory merged = a.merge(b);
        assertThat(merged.increments()).containsExactly(at(0, 1e24), at(1, 3e24), at(2, 1e24 + 5e24));
        assertThat(merged).isEqualTo(b.merge(a)).isEqualTo(ComputeHistory.merge(List.of(b, a)));
    }

    @Test
    void incrementsAreValidated() {
        assertThatThrownBy(() -> new ComputeIncrement(T0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ComputeIncrement(T0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ComputeIncrement(T0, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ComputeIncrement(T0, -0.0)).isEqualTo(new ComputeIncrement(T0, 0.0));
        assertThatThrownBy(() -> ComputeHistory.of(at(0, 1e308), at(1, 1e308)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
