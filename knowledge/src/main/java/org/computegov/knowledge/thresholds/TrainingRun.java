package org.computegov.knowledge.thresholds;

import java.time.LocalDate;
import java.util.Objects;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.Inputs;

/**
 * A training run to check against the regimes.
 *
 * @param flop this run's own compute (for a fine-tune or other modification: the modification's compute)
 * @param baseFlop cumulative compute of the base model it modifies, or null for training from scratch
 * @param biologicalSequenceData whether the model is trained primarily on biological sequence data
 * @param costUsd training cost at market prices, or null when unknown
 * @param developerRevenueUsd the developer's annual revenue, or null when unknown
 * @param date the day the compute is reached (or expected to be); deadlines count from it
 */
public record TrainingRun(double flop, Double baseFlop, boolean biologicalSequenceData, Double costUsd,
        Double developerRevenueUsd, LocalDate date) {

    public TrainingRun {
        Objects.requireNonNull(date, "date");
    }

    public static TrainingRun of(double flop, Double baseFlop, boolean bio, Double costUsd, Double revenueUsd,
            LocalDate date) throws InvalidInputException {
        Inputs.requireNonNegative("--flop", flop);
        if (baseFlop != null) {
            Inputs.requirePositive("--base-flop", baseFlop);
        }
        if (costUsd != null) {
            Inputs.requireNonNegative("--cost-usd", costUsd);
        }
        if (revenueUsd != null) {
            Inputs.requireNonNegative("--revenue-usd", revenueUsd);
        }
        return new TrainingRun(flop, baseFlop, bio, costUsd, revenueUsd, date);
    }

    /** Base plus this run: what cumulative regimes count. */
    public double cumulativeFlop() {
        return flop + (baseFlop == null ? 0 : baseFlop);
    }

    public boolean isModification() {
        return baseFlop != null;
    }
}
