package org.computegov.knowledge.thresholds;

/** What a regime measures. */
public enum Metric {
    /** Operations used to train a model (FLOP or integer operations). */
    TRAINING_COMPUTE,
    /** A modification's compute as a fraction of the original model's. */
    MODIFICATION_SHARE,
    /** A cluster's theoretical peak, in operations per second. */
    CLUSTER_CAPACITY,
    /** The developer's annual revenue, in USD. */
    DEVELOPER_REVENUE
}
