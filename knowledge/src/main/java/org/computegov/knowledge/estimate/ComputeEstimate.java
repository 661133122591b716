package org.computegov.knowledge.estimate;

import java.util.List;

/**
 * A training-compute estimate that states how it was made.
 *
 * @param flop the central estimate in floating-point operations
 * @param flopLow lower end of the range when an assumption is uncertain (null when there is none)
 * @param flopHigh upper end of that range (null when there is none)
 * @param formula the arithmetic, with the numbers substituted
 * @param assumptions every assumption the figure rests on, in words
 */
public record ComputeEstimate(
        EstimationMethod method,
        double flop,
        Double flopLow,
        Double flopHigh,
        String formula,
        List<String> assumptions) {

    public ComputeEstimate {
        if (!Double.isFinite(flop) || flop < 0) {
            throw new IllegalArgumentException("estimate must be a finite non-negative FLOP count, got " + flop);
        }
        if ((flopLow == null) != (flopHigh == null)) {
            throw new IllegalArgumentException("a range needs both ends");
        }
        if (flopLow != null && !(flopLow <= flop && flop <= flopHigh)) {
            throw new IllegalArgumentException("range [" + flopLow + ", " + flopHigh + "] must contain " + flop);
        }
        assumptions = List.copyOf(assumptions);
    }

    /** The estimate in petaflop/s-days (1 PF/s-day = 8.64e19 FLOP). */
    public double petaflopSDays() {
        return Flop.toPetaflopSDays(flop);
    }
}
