package org.computegov.registry.usage;

import java.util.List;
import java.util.Objects;
import org.computegov.knowledge.estimate.ComputeEstimate;
import org.computegov.knowledge.estimate.Flop;

/**
 * A usage record with the compute it stands for: the record's chip-hours × its chip's FLOP per chip-hour, as
 * {@link org.computegov.knowledge.estimate.HardwareEstimator#fromAcceleratorHours} gives it for one chip-hour
 * ({@code perChipHour}). The estimator is linear in chip-hours, so this is the estimator's figure for the record
 * (to floating-point rounding); {@link #estimate()} states it with the record's own numbers in the formula.
 *
 * @param record the usage
 * @param flop the central estimate, FLOP
 * @param flopLow the low end of the range, or null when utilization was measured
 * @param flopHigh the high end, likewise
 * @param perChipHour the estimator's estimate for one chip-hour of this chip, with its assumptions
 */
public record AttributedUsage(UsageRecord record, double flop, Double flopLow, Double flopHigh,
        ComputeEstimate perChipHour) {

    public AttributedUsage {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(perChipHour, "perChipHour");
        if ((flopLow == null) != (flopHigh == null)) {
            throw new IllegalArgumentException("a range needs both ends");
        }
    }

    /** Every assumption the figure rests on (the estimator's, and what scheduler chip-hours are). */
    public List<String> assumptions() {
        return perChipHour.assumptions();
    }

    /** The arithmetic with this record's chip-hours, e.g. {@code 384 chip-hours × 9.89e14 FLOP/s × 3600 s/h × 0.3}. */
    public String formula() {
        String unit = perChipHour.formula();
        int cut = unit.indexOf(" chip-hours");
        return cut < 0 ? unit : Flop.format(record.chipHours()) + unit.substring(cut);
    }

    /** The figure as a knowledge-core estimate: method, FLOP and range, formula, assumptions. */
    public ComputeEstimate estimate() {
        return new ComputeEstimate(perChipHour.method(), flop, flopLow, flopHigh, formula(), assumptions());
    }
}
