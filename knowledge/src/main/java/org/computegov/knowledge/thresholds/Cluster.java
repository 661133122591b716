package org.computegov.knowledge.thresholds;

import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.Inputs;

/**
 * A computing cluster as cluster regimes see it.
 *
 * @param peakOpsPerSecond theoretical maximum: the sum of the chips' dense peak operations per second
 * @param networkGbps the data-centre networking that connects its machines, or null when unknown
 */
public record Cluster(String description, double peakOpsPerSecond, Double networkGbps) {
    public static Cluster of(String description, double peakOpsPerSecond, Double networkGbps)
            throws InvalidInputException {
        Inputs.requirePositive("--ops-per-second", peakOpsPerSecond);
        if (networkGbps != null) {
            Inputs.requirePositive("--network-gbps", networkGbps);
        }
        return new Cluster(description, peakOpsPerSecond, networkGbps);
    }
}
