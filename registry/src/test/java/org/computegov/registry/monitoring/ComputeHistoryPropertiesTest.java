package org.computegov.registry.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

class ComputeHistoryPropertiesTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Histories with increments from 0 to ~1e26 FLOP, on few enough instants that several share one. */
    @Provide
    static Arbitrary<ComputeHistory> histories() {
        Arbitrary<Double> flop = Arbitraries.oneOf(Arbitraries.just(0.0),
                Combinators.combine(Arbitraries.doubles().between(1, 10).ofScale(3), Arbitraries.integers().between(18, 25))
                        .as((m, e) -> m * Math.pow(10, e)));
        Arbitrary<Instant> at = Arbitraries.longs().between(0, 2_000).map(m -> T0.plusSeconds(m * 3600));
        return Combinators.combine(at, flop).as(ComputeIncrement::new).list().ofMaxSize(40).map(ComputeHistory::of);
    }

    /** Amounts as fractions of the total, and a little beyond it. */
    private static double amount(ComputeHistory h, double fraction) {
        return h.total() * fraction;
    }

    @Property(tries = 300)
    void firstReachingIsMonotoneInTheAmount(@ForAll("histories") ComputeHistory h,
            @ForAll @DoubleRange(min = 0, max = 1.2) double f1, @ForAll @DoubleRange(min = 0, max = 1.2) double f2) {
        double a = amount(h, Math.min(f1, f2));
        double b = amount(h, Math.max(f1, f2));
        Optional<Instant> ta = h.firstReaching(a);
        Optional<Instant> tb = h.firstReaching(b);
        if (tb.isPresent()) {
            assertThat(ta).isPresent();
            assertThat(ta.get()).isBeforeOrEqualTo(tb.get());
        }
    }

    @Property(tries = 300)
    void theTotalAtTheFirstInstantReachingAnAmountIsAtLeastTheAmountAndJustBeforeItLess(
            @ForAll("histories") ComputeHistory h, @ForAll @DoubleRange(min = 0, max = 1.2) double f) {
        double a = amount(h, f);
        Optional<Instant> t = h.firstReaching(a);
        if (t.isEmpty()) { // never reached; an empty history has no instant even for nothing
            assertThat(h.isEmpty() || h.total() < a).isTrue();
            return;
        }
        assertThat(h.cumulativeAt(t.get())).isGreaterThanOrEqualTo(a);
        if (!t.get().equals(h.first().orElseThrow())) {
            assertThat(h.cumulativeAt(t.get().minusNanos(1))).isLessThan(a);
        }
    }

    @Property(tries = 300)
    void mergingIsCommutative(@ForAll("histories") ComputeHistory a, @ForAll("histories") ComputeHistory b) {
        assertThat(a.merge(b)).isEqualTo(b.merge(a));
        assertThat(a.merge(b).total()).isEqualTo(b.merge(a).total());
    }

    @Property(tries = 200)
    void theOrderIncrementsAreGivenInDoesNotMatter(@ForAll("histories") ComputeHistory h, @ForAll long seed) {
        List<ComputeIncrement> split = new ArrayList<>();
        for (ComputeIncrement i : h.increments()) {
            // One increment given as two halves at the same instant: exactly the same sum, since halving is exact.
            split.add(new ComputeIncrement(i.at(), i.flop() / 2));
            split.add(new ComputeIncrement(i.at(), i.flop() / 2));
        }
        Collections.shuffle(split, new Random(seed));
        assertThat(ComputeHistory.of(split)).isEqualTo(h);
    }

    @Property(tries = 200)
    void theRunningTotalNeverDecreases(@ForAll("histories") ComputeHistory h) {
        double previous = 0;
        for (ComputeIncrement i : h.increments()) {
            double now = h.cumulativeAt(i.at());
            assertThat(now).isGreaterThanOrEqualTo(previous);
            previous = now;
        }
        assertThat(previous).isEqualTo(h.total());
    }
}
