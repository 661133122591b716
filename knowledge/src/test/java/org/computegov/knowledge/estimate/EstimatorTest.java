package org.computegov.knowledge.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.hardware.Accelerator;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.knowledge.hardware.Precision;
import org.computegov.knowledge.estimate.HardwareEstimator.Utilization;
import org.junit.jupiter.api.Test;

class EstimatorTest {
    private final HardwareCatalog catalog = HardwareCatalog.builtIn();

    @Test
    void gpt3FromItsArchitecture() throws Exception {
        ComputeEstimate e = ArchitectureEstimator.estimate(175e9, null, 300e9, false);
        assertThat(e.flop()).isCloseTo(3.15e23, within(1e20));
        assertThat(e.method()).isEqualTo(EstimationMethod.ARCHITECTURE);
        assertThat(e.formula()).isEqualTo("6 × 1.75e11 parameters × 3.00e11 tokens");
        assertThat(e.assumptions()).anySatisfy(a -> assertThat(a).contains("2 forward + 4 backward"));
        assertThat(e.petaflopSDays()).isCloseTo(3.15e23 / 8.64e19, within(1e-6));
    }

    @Test
    void llama31From405BParametersAnd15point6TrillionTokens() throws Exception {
        assertThat(ArchitectureEstimator.estimate(405e9, null, 15.6e12, false).flop()).isCloseTo(3.79e25, within(0.01e25));
    }

    @Test
    void mixtureOfExpertsCountsActiveParameters() throws Exception {
        ComputeEstimate deepSeekV3 = ArchitectureEstimator.estimate(671e9, 37e9, 14.8e12, false);
        assertThat(deepSeekV3.flop()).isCloseTo(6 * 37e9 * 14.8e12, within(1e18));
        assertThat(deepSeekV3.assumptions()).anySatisfy(a -> assertThat(a).contains("mixture of experts"));
    }

    @Test
    void activationRecomputationAddsAForwardPass() throws Exception {
        assertThat(ArchitectureEstimator.estimate(1e9, null, 1e12, true).flop()).isEqualTo(8e21);
    }

    @Test
    void rejectsImpossibleArchitectures() {
        assertThatThrownBy(() -> ArchitectureEstimator.estimate(-1, null, 1e12, false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--params must be greater than zero");
        assertThatThrownBy(() -> ArchitectureEstimator.estimate(1e9, 2e9, 1e12, false))
                .hasMessageContaining("cannot exceed total parameters");
        assertThatThrownBy(() -> ArchitectureEstimator.estimate(1e9, null, 0, false)).hasMessageContaining("--tokens");
    }

    @Test
    void hardwareMethodMultipliesChipsPeakTimeAndUtilization() throws Exception {
        Accelerator h100 = catalog.find("H100");
        ComputeEstimate e = HardwareEstimator.fromWallClock(h100, 1000, 24.0 * 30, Precision.FP16, Utilization.measured(0.4));
        assertThat(e.flop()).isCloseTo(1000.0 * 24 * 30 * 3600 * 989.4e12 * 0.4, within(1e9));
        assertThat(e.flopLow()).isNull();
        assertThat(e.assumptions()).anySatisfy(a -> assertThat(a).contains("dense FP16/BF16 peak 9.89e14 FLOP/s"));
    }

    @Test
    void unmeasuredUtilizationGivesEpochDefaultAndARange() throws Exception {
        Accelerator a100 = catalog.find("A100");
        ComputeEstimate lm = HardwareEstimator.fromWallClock(a100, 100, 10, Precision.FP16, Utilization.defaultFor(ModelKind.LANGUAGE));
        double atPeak = 100 * 10 * 3600 * 312e12;
        assertThat(lm.flop()).isCloseTo(atPeak * 0.3, within(1e12));
        assertThat(lm.flopLow()).isCloseTo(atPeak * 0.2, within(1e12));
        assertThat(lm.flopHigh()).isCloseTo(atPeak * 0.5, within(1e12));
        ComputeEstimate other = HardwareEstimator.fromWallClock(a100, 100, 10, Precision.FP16, Utilization.defaultFor(ModelKind.OTHER));
        assertThat(other.flop()).isCloseTo(atPeak * 0.4, within(1e12));
        assertThat(lm.assumptions()).anySatisfy(a -> assertThat(a).contains("30%").contains("range 20%–50%"));
    }

    @Test
    void acceleratorHoursGiveTheSameAsChipsTimesHours() throws Exception {
        Accelerator v5p = catalog.find("TPU v5p");
        ComputeEstimate hours = HardwareEstimator.fromAcceleratorHours(v5p, 8192.0 * 100, Precision.FP16, Utilization.measured(0.5));
        ComputeEstimate wall = HardwareEstimator.fromWallClock(v5p, 8192, 100, Precision.FP16, Utilization.measured(0.5));
        assertThat(hours.flop()).isEqualTo(wall.flop());
        assertThat(hours.method()).isEqualTo(EstimationMethod.ACCELERATOR_HOURS);
    }

    @Test
    void llama31FromItsHardware() throws Exception {
        // Meta: 16,384 H100s; Epoch records 2,142 hours at 40.4% utilization and 3.8e25 FLOP (architecture method).
        ComputeEstimate e = HardwareEstimator.fromWallClock(catalog.find("H100"), 16384, 2142, Precision.FP16,
                Utilization.measured(0.4042));
        assertThat(e.flop() / 3.8e25).isBetween(1.0, 1.5);
    }

    @Test
    void rejectsMissingPrecisionAndBadUtilization() throws Exception {
        Accelerator v100 = catalog.find("V100");
        assertThatThrownBy(() -> HardwareEstimator.fromWallClock(v100, 1, 1, Precision.FP8, Utilization.measured(0.3)))
                .hasMessageContaining("has no dense FP8 figure").hasMessageContaining("");
        assertThatThrownBy(() -> Utilization.measured(1.5)).hasMessageContaining("fraction in (0, 1]");
        assertThatThrownBy(() -> Utilization.measured(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Utilization.range(0.6, 0.2, ModelKind.LANGUAGE)).hasMessageContaining("above the high end");
        assertThatThrownBy(() -> HardwareEstimator.fromWallClock(v100, 0, 1, Precision.FP16, Utilization.measured(0.3)))
                .hasMessageContaining("--count");
    }

    @Test
    void petaflopDayConvention() {
        assertThat(Flop.PER_PETAFLOP_S_DAY).isEqualTo(1e15 * 86400);
        assertThat(Flop.format(3.15e23)).isEqualTo("3.15e23");
    }
}
