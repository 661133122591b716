package org.computegov.knowledge.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.Inputs;
import org.computegov.knowledge.hardware.Accelerator;
import org.computegov.knowledge.hardware.Precision;

/**
 * Training compute from the hardware: chips × dense peak FLOP/s at a precision × seconds × utilization. When the
 * utilization is not measured, the central figure uses Epoch AI's default for the model kind and the range spans
 * {@value #LOW_UTILIZATION}–{@value #HIGH_UTILIZATION}: the 10th–90th percentile (0.23–0.50) of utilization reported
 * for 34 language models in Epoch AI's notable-models data (2025-02-24), rounded outward.
 */
public final class HardwareEstimator {
    public static final double LOW_UTILIZATION = 0.2;
    public static final double HIGH_UTILIZATION = 0.5;

    private HardwareEstimator() {}

    /** What the utilization is known to be: a measured value, or a range with a central default. */
    public record Utilization(double central, Double low, Double high, String basis) {
        public static Utilization measured(double value) throws InvalidInputException {
            Inputs.requireFraction("--utilization", value);
            return new Utilization(value, null, null, "utilization " + percent(value) + " as given");
        }

        public static Utilization range(double low, double high, ModelKind kind) throws InvalidInputException {
            Inputs.requireFraction("--utilization-low", low);
            Inputs.requireFraction("--utilization-high", high);
            double central = kind.defaultUtilization();
            if (low > high) {
                throw new InvalidInputException("--utilization-range", "The low end (" + low
                        + ") is above the high end (" + high + ").", "Give LOW-HIGH, e.g. 0.2-0.5.");
            }
            central = Math.min(Math.max(central, low), high);
            return new Utilization(central, low, high, "utilization not measured: " + percent(central)
                    + " (Epoch AI's default for " + kind.name().toLowerCase(Locale.ROOT) + " models), range "
                    + percent(low) + "–" + percent(high));
        }

        public static Utilization defaultFor(ModelKind kind) {
            try {
                return range(LOW_UTILIZATION, HIGH_UTILIZATION, kind);
            } catch (InvalidInputException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Estimate for {@code count} chips running for {@code hours} of wall-clock time. */
    public static ComputeEstimate fromWallClock(Accelerator chip, double count, double hours, Precision precision,
            Utilization utilization) throws InvalidInputException {
        Inputs.requirePositive("--count", count);
        Inputs.requirePositive("--hours", hours);
        String formula = Flop.format(count) + " chips × %s FLOP/s × " + Flop.format(hours) + " h × 3600 s/h × "
                + "utilization";
        return estimate(EstimationMethod.HARDWARE, chip, count * hours, precision, utilization, formula);
    }

    /** Estimate from accelerator-hours (GPU-hours, TPU-hours, …) as schedulers and papers report them. */
    public static ComputeEstimate fromAcceleratorHours(Accelerator chip, double acceleratorHours, Precision precision,
            Utilization utilization) throws InvalidInputException {
        Inputs.requirePositive("--gpu-hours", acceleratorHours);
        String formula = Flop.format(acceleratorHours) + " chip-hours × %s FLOP/s × 3600 s/h × utilization";
        return estimate(EstimationMethod.ACCELERATOR_HOURS, chip, acceleratorHours, precision, utilization, formula);
    }

    private static ComputeEstimate estimate(EstimationMethod method, Accelerator chip, double chipHours,
            Precision precision, Utilization u, String formula) throws InvalidInputException {
        double peak = chip.peakOpsPerSecond(precision).orElseThrow(() -> new InvalidInputException("--precision",
                chip.name() + " has no dense " + precision.label() + " figure in the catalog.",
                "It has: " + String.join(", ", chip.denseTeraOps().keySet().stream().map(Precision::label).toList())
                        + "."));
        double atPeak = chipHours * Flop.SECONDS_PER_HOUR * peak;
        Flop.requireFinite(method == EstimationMethod.HARDWARE ? "--hours" : "--gpu-hours",
                atPeak * (u.high() == null ? u.central() : u.high()), "chip-hours × peak FLOP/s");
        List<String> assumptions = new ArrayList<>();
        assumptions.add(chip.name() + " dense " + precision.label() + " peak " + Flop.format(peak)
                + " FLOP/s (no structured sparsity)");
        assumptions.add(u.basis());
        assumptions.add("a multiply-add counts as 2 FLOP");
        assumptions.add("every chip-hour counted was spent training at that precision");
        String filled = String.format(Locale.ROOT, formula, Flop.format(peak)).replace("utilization",
                u.low() == null ? String.valueOf(u.central()) : u.central() + " [" + u.low() + "–" + u.high() + "]");
        return new ComputeEstimate(method, atPeak * u.central(), u.low() == null ? null : atPeak * u.low(),
                u.high() == null ? null : atPeak * u.high(), filled, assumptions);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
