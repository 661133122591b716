package org.computegov.shaping.concern;

import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.hardware.Accelerator;
import org.computegov.knowledge.hardware.Precision;

/**
 * The arithmetic of compute capacity. Training runs at 16-bit precision (FP16/BF16, as Epoch AI counts training
 * compute), so what a holding could apply to a run is its dense FP16 peak × utilization × time; cluster regimes
 * count the "theoretical maximum", the highest dense peak over precisions (the knowledge core's
 * {@code maxPeakOpsPerSecond}).
 */
@org.computegov.registry.kernel.Published
public final class Capacity {
    public static final Precision TRAINING_PRECISION = Precision.FP16;
    public static final double SECONDS_PER_DAY = 86_400;

    private Capacity() {}

    /** Dense FP16 peak of {@code count} chips, FLOP/s. */
    public static double peakTrainingFlops(Accelerator chip, double count) throws InvalidInputException {
        double each = chip.peakOpsPerSecond(TRAINING_PRECISION).orElseThrow(() -> new InvalidInputException("chip",
                chip.name() + " has no FP16/BF16 throughput in the catalog, so its training capacity is unknown.",
                "Give its figures with --catalog."));
        return each * count;
    }

    /** Highest dense peak over precisions of {@code count} chips, op/s: what cluster thresholds measure. */
    public static double peakMaxOps(Accelerator chip, double count) {
        return chip.maxPeakOpsPerSecond().orElse(0) * count;
    }

    /** FLOP a capacity delivers in {@code days} at {@code utilization} of peak. */
    public static double flopWithin(double peakFlops, double days, double utilization) {
        return peakFlops * utilization * days * SECONDS_PER_DAY;
    }

    /** Days a capacity needs to deliver {@code flop} at {@code utilization}. */
    public static double daysToReach(double flop, double peakFlops, double utilization) {
        return flop / (peakFlops * utilization * SECONDS_PER_DAY);
    }

    /** How many of {@code chip} deliver {@code flop} in {@code days} at {@code utilization}. */
    public static double chipsNeeded(double flop, Accelerator chip, double days, double utilization)
            throws InvalidInputException {
        return flop / flopWithin(peakTrainingFlops(chip, 1), days, utilization);
    }
}
