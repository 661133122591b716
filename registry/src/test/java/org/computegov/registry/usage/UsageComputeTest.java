package org.computegov.registry.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.computegov.registry.usage.Samples.A100;
import static org.computegov.registry.usage.Samples.H100;

import java.time.Instant;
import java.util.List;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.estimate.ComputeEstimate;
import org.computegov.knowledge.estimate.EstimationMethod;
import org.computegov.knowledge.estimate.HardwareEstimator;
import org.computegov.knowledge.estimate.HardwareEstimator.Utilization;
import org.computegov.knowledge.estimate.ModelKind;
import org.computegov.knowledge.hardware.Precision;
import org.junit.jupiter.api.Test;

class UsageComputeTest {
    private static final Instant START = Instant.parse("2025-03-03T09:00:00Z");
    private final UsageCompute compute = new UsageCompute(Samples.CATALOG);

    private static UsageRecord h100(int count, double hours) {
        return new UsageRecord("acme-cloud", "sol", "lab-a", H100, count, START,
                START.plusSeconds(Math.round(hours * 3600)), "9001");
    }

    @Test
    void chipHoursTimesDensePeakTimesUtilizationWithTheRange() throws Exception {
        AttributedUsage a = compute.attribute(h100(32, 12));
        double atPeak = 384 * 3600 * 989.4e12;
        assertThat(a.flop()).isCloseTo(atPeak * 0.3, within(atPeak * 1e-12));
        assertThat(a.flopLow()).isCloseTo(atPeak * 0.2, within(atPeak * 1e-12));
        assertThat(a.flopHigh()).isCloseTo(atPeak * 0.5, within(atPeak * 1e-12));
        assertThat(a.formula()).isEqualTo("384 chip-hours × 9.89e14 FLOP/s × 3600 s/h × 0.3 [0.2–0.5]");
        assertThat(a.assumptions()).anySatisfy(s -> assertThat(s).contains("dense FP16/BF16 peak"))
                .anySatisfy(s -> assertThat(s).contains("30%", "range 20%–50%"))
                .contains(UsageCompute.ALLOCATION_ASSUMPTION);
        assertThat(a.record()).isEqualTo(h100(32, 12));
        ComputeEstimate e = a.estimate();
        assertThat(e.method()).isEqualTo(EstimationMethod.ACCELERATOR_HOURS);
        assertThat(e.flop()).isEqualTo(a.flop());
        assertThat(e.flopHigh()).isEqualTo(a.flopHigh());
        assertThat(e.formula()).isEqualTo(a.formula());
    }

    @Test
    void itIsTheKnowledgeCoresEstimateNotARederivation() throws Exception {
        for (UsageRecord r : Samples.solParser().parse(Samples.resource("sol-2025-03-03.txt")).records()) {
            ComputeEstimate direct = HardwareEstimator.fromAcceleratorHours(Samples.CATALOG.find(r.chip()),
                    r.chipHours(), Precision.FP16, Utilization.defaultFor(ModelKind.LANGUAGE));
            ComputeEstimate ours = compute.attribute(r).estimate();
            assertThat(ours.flop()).isCloseTo(direct.flop(), within(direct.flop() * 1e-14));
            assertThat(ours.flopLow()).isCloseTo(direct.flopLow(), within(direct.flopLow() * 1e-14));
            assertThat(ours.flopHigh()).isCloseTo(direct.flopHigh(), within(direct.flopHigh() * 1e-14));
            assertThat(ours.formula()).isEqualTo(direct.formula());
            assertThat(ours.assumptions()).startsWith(direct.assumptions().toArray(String[]::new));
        }
    }

    @Test
    void thePerChipHourFigureIsAskedOnceAndRemembered() throws Exception {
        assertThat(compute.perChipHour(H100)).isSameAs(compute.perChipHour(H100));
        assertThat(compute.perChipHour(H100).formula()).startsWith("1 chip-hours × 9.89e14 FLOP/s");
        assertThat(compute.attribute(h100(1, 2)).perChipHour()).isSameAs(compute.attribute(h100(3, 1)).perChipHour());
    }

    @Test
    void measuredUtilizationAndAnotherPrecision() throws Exception {
        UsageCompute fp8 = new UsageCompute(Samples.CATALOG, Precision.FP8, Utilization.measured(0.4));
        ComputeEstimate e = fp8.attribute(h100(1, 1)).estimate();
        assertThat(e.flop()).isCloseTo(3600 * 1978.9e12 * 0.4, within(1e6));
        assertThat(e.flopLow()).isNull();
        assertThat(fp8.precision()).isEqualTo(Precision.FP8);
    }

    @Test
    void aChipWithoutAFigureAtThePrecisionIsAnInputProblem() {
        UsageCompute fp4 = new UsageCompute(Samples.CATALOG, Precision.FP4, Utilization.defaultFor(ModelKind.OTHER));
        assertThatThrownBy(() -> fp4.attribute(h100(1, 1))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no dense FP4");
        UsageRecord unknown = new UsageRecord("p", "c", "a", "Z9000", 1, START, START.plusSeconds(60), "1");
        assertThatThrownBy(() -> compute.attribute(unknown)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theTotalAddsChipHoursPerChipAndEstimatesEachChipOnce() throws Exception {
        List<UsageRecord> records = Samples.solParser().parse(Samples.resource("sol-2025-03-03.txt")).records();
        UsageTotal total = compute.total(records);
        double sumOfRecords = 0;
        double low = 0;
        double high = 0;
        for (AttributedUsage a : compute.attributeAll(records)) {
            sumOfRecords += a.flop();
            low += a.flopLow();
            high += a.flopHigh();
        }
        assertThat(total.records()).isEqualTo(16);
        assertThat(total.flop()).isCloseTo(sumOfRecords, within(sumOfRecords * 1e-12));
        assertThat(total.flopLow()).isCloseTo(low, within(low * 1e-12));
        assertThat(total.flopHigh()).isCloseTo(high, within(high * 1e-12));
        assertThat(total.byChip().keySet()).containsExactly(H100, A100);
        assertThat(total.chipHours()).isCloseTo(449.5833333333 + 48, within(1e-6));
        assertThat(total.byChip().get(A100).formula()).startsWith("48 chip-hours × 3.12e14 FLOP/s");
        double expected = (449.5833333333333 * 989.4e12 + 48 * 312e12) * 3600 * 0.3;
        assertThat(total.flop()).isCloseTo(expected, within(expected * 1e-9));
        assertThat(total.petaflopSDays()).isCloseTo(expected / 8.64e19, within(1e-3));
        assertThat(total.assumptions()).doesNotHaveDuplicates().contains(UsageCompute.ALLOCATION_ASSUMPTION);
    }

    @Test
    void theTotalOfNothingIsZero() throws Exception {
        UsageTotal none = compute.total(List.of());
        assertThat(none.flop()).isZero();
        assertThat(none.flopLow()).isZero();
        assertThat(none.byChip()).isEmpty();
        assertThat(new UsageCompute(Samples.CATALOG, Precision.FP16, Utilization.measured(0.5)).total(List.of())
                .flopLow()).isNull();
    }
}
