package org.computegov.licensing.admission;

import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.registry.usage.UsageCompute;

/**
 * FLOP per chip-hour of a chip, the same figure the registry charges usage with ({@link UsageCompute}: dense peak
 * at FP16/BF16 × 30% utilization by default). Pre-charges and settlements both use it, so a job that runs to its
 * time limit settles exactly at its pre-charge.
 */
@FunctionalInterface
@org.computegov.registry.kernel.Published
public interface ComputeRate {
    double flopPerChipHour(String chip) throws InvalidInputException;

    static ComputeRate of(UsageCompute usage) {
        return chip -> usage.perChipHour(chip).flop();
    }

    static ComputeRate builtIn() {
        return of(new UsageCompute(HardwareCatalog.builtIn()));
    }
}
