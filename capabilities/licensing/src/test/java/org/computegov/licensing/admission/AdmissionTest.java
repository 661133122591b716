package org.computegov.licensing.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.computegov.licensing.admission.AdmissionPolicy.WhenUnreachable;
import org.computegov.licensing.admission.LicenceState.Standing;
import org.computegov.licensing.budget.Tranche;
import org.computegov.registry.usage.UsageCompute;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.junit.jupiter.api.Test;

class AdmissionTest {
    private static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ComputeRate RATE = ComputeRate.of(new UsageCompute(HardwareCatalog.builtIn()));
    private final LicenceBook book = new LicenceBook();
    private final Admission admission = new Admission(book, RATE, AdmissionPolicy.defaults(), CLOCK);
    private final double h100 = rate("H100");

    private static double rate(String chip) {
        try {
            return RATE.flopPerChipHour(chip);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A licence of 1,000 H100 chip-hours in two tranches of 500. */
    private Licence licence(String id) {
        BigInteger half = Admission.flop(500 * h100);
        return new Licence(id, "frontier-lab", "run-1", List.of(new Tranche(1, half, ""), new Tranche(2, half, "interim eval")),
                Set.of("cloud-a/sol"), Set.of(), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)), List.of());
    }

    private static JobRequest job(String licence, int chips, double hours, String ref) {
        return new JobRequest("cloud-a", "sol", "acct-1", licence, "H100", chips, Duration.ofMinutes(Math.round(hours * 60)), ref);
    }

    @Test
    void theSameFlopPerChipHourAsUsageAccounting() throws Exception {
        // H100 SXM dense BF16 989.4 TFLOP/s × 30% × 3600 s: the registry's usage figure, not a separate one.
        assertThat(h100).isEqualTo(new UsageCompute(HardwareCatalog.builtIn()).attribute(
                new org.computegov.registry.usage.UsageRecord("p", "c", "a", "H100", 1,
                        NOW.minusSeconds(3600), NOW, Optional.empty(), "j")).flop(), org.assertj.core.data.Offset.offset(1e6));
    }

    @Test
    void aLicensedJobHoldsItsMaximumAndSettlementReturnsTheRest() throws Exception {
        LicenceState s = book.add(licence("L-1"), 1);
        Decision d = admission.decide(job("L-1", 8, 50, "job-1")); // 400 chip-hours of 500 released
        assertThat(d.allowed()).isTrue();
        assertThat(d.requestedFlop()).isEqualTo(Admission.flop(400 * h100));
        assertThat(d.availableChipHours()).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-6));

        Decision tooBig = admission.decide(job("L-1", 8, 20, "job-2")); // 160 > 100 left
        assertThat(tooBig.allowed()).isFalse();
        assertThat(tooBig.code()).isEqualTo("budget-exceeded");
        assertThat(tooBig.availableChipHours()).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(tooBig.reason()).contains("160 chip-hours").contains("100 H100 chip-hours").contains("at most 12.5 h");

        // job-1 ran 10 of its 50 h: 320 chip-hours come back.
        admission.settle(s, d.holdId(), "H100", 80);
        assertThat(admission.decide(job("L-1", 8, 20, "job-2")).allowed()).isTrue();
    }

    @Test
    void theNextTrancheLetsABiggerJobIn() {
        LicenceState s = book.add(licence("L-2"), 1);
        assertThat(admission.decide(job("L-2", 10, 60, "a")).code()).isEqualTo("budget-exceeded");
        s.budget().release(2);
        assertThat(admission.decide(job("L-2", 10, 60, "a")).allowed()).isTrue();
    }

    @Test
    void standingWindowClusterAndAccountAreChecked() {
        book.add(licence("L-3"), 1);
        book.setStanding("L-3", Standing.SUSPENDED, "interim evaluation overdue");
        Decision d = admission.decide(job("L-3", 1, 1, "x"));
        assertThat(d.code()).isEqualTo("licence-suspended");
        assertThat(d.reason()).contains("interim evaluation overdue");
        book.setStanding("L-3", Standing.REVOKED, "");
        assertThat(admission.decide(job("L-3", 1, 1, "x")).code()).isEqualTo("licence-revoked");

        Licence expired = new Licence("L-4", "d", "r", licence("x").tranches(), Set.of("cloud-a/*"), Set.of("cloud-a/acct-1"),
                NOW.minus(Duration.ofDays(10)), NOW, List.of());
        book.add(expired, 1);
        assertThat(admission.decide(job("L-4", 1, 1, "x")).code()).isEqualTo("licence-expired");

        book.add(new Licence("L-5", "d", "r", licence("x").tranches(), Set.of("cloud-b/*"), Set.of(), NOW.minusSeconds(1),
                NOW.plusSeconds(3600), List.of()), 1);
        assertThat(admission.decide(job("L-5", 1, 1, "x")).reason()).contains("does not authorize cluster cloud-a/sol");

        book.add(new Licence("L-6", "d", "r", licence("x").tranches(), Set.of("cloud-a/*"), Set.of("cloud-a/acct-9"),
                NOW.minusSeconds(1), NOW.plusSeconds(3600), List.of()), 1);
        assertThat(admission.decide(job("L-6", 1, 1, "x")).code()).isEqualTo("account-not-authorized");
        assertThat(admission.decide(job("L-404", 1, 1, "x")).code()).isEqualTo("unknown-licence");
    }

    @Test
    void unlicensedGpuJobsOnlyUnderTheDeMinimisAndCpuJobsAlways() {
        // 1e21 FLOP ≈ 936 H100 chip-hours.
        assertThat(admission.decide(job(null, 8, 24, "")).code()).isEqualTo("de-minimis");
        Decision big = admission.decide(job(null, 64, 24, ""));
        assertThat(big.code()).isEqualTo("licence-required");
        assertThat(big.reason()).contains("1,536 chip-hours").contains("1.00e21 FLOP (936 H100 chip-hours)");
        assertThat(admission.decide(new JobRequest("cloud-a", "sol", "a", null, null, 0, Duration.ofDays(30), "")).allowed()).isTrue();
    }

    @Test
    void anUnknownChipIsDeniedWithTheCatalogHint() {
        Decision d = admission.decide(new JobRequest("cloud-a", "sol", "a", null, "ZZ-9000", 1, Duration.ofHours(1), ""));
        assertThat(d.code()).isEqualTo("unknown-chip");
    }

    @Test
    void theRegistryUnreachableFailsClosedUnlessThePolicySaysOtherwise() {
        LicenceSource down = id -> {
            throw new LicenceSource.Unreachable("connection refused", null);
        };
        assertThat(new Admission(down, RATE, AdmissionPolicy.defaults(), CLOCK).decide(job("L-1", 1, 1, "x")).code())
                .isEqualTo("registry-unreachable");
        assertThat(new Admission(down, RATE, new AdmissionPolicy(BigInteger.ZERO, WhenUnreachable.FAIL_OPEN), CLOCK)
                .decide(job("L-1", 1, 1, "x")).allowed()).isTrue();
        // Unlicensed small jobs do not need the registry at all.
        assertThat(new Admission(down, RATE, AdmissionPolicy.defaults(), CLOCK).decide(job(null, 1, 1, "")).allowed()).isTrue();
        assertThat(Optional.empty()).isEmpty();
    }
}
