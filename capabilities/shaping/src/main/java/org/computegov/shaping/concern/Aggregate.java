package org.computegov.shaping.concern;

import java.util.Map;

/**
 * Holdings summed under one key (an owner, a site or a country).
 *
 * @param chips count per chip (canonical catalog names)
 * @param peakTrainingFlops dense FP16 peak, FLOP/s
 * @param peakMaxOps highest dense peak over precisions, op/s (what cluster thresholds measure)
 */
@org.computegov.registry.kernel.Published
public record Aggregate(String key, Map<String, Long> chips, long chipCount, double peakTrainingFlops,
        double peakMaxOps) {
    public Aggregate {
        chips = Map.copyOf(chips);
    }
}
