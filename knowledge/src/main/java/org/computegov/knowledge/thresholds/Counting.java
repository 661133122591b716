package org.computegov.knowledge.thresholds;

/** Which compute a training-compute regime counts. */
public enum Counting {
    /** The base model's compute plus every modification (EU AI Act "cumulative", SB 53 incl. fine-tuning and RL). */
    CUMULATIVE,
    /** This training run alone. */
    RUN,
    /** Only the modification's own compute, and only for runs that modify a base model. */
    MODIFICATION
}
