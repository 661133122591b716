package org.computegov.knowledge.thresholds;

/** Whether a run or cluster falls under a regime. */
public enum Verdict {
    CROSSED,
    NOT_CROSSED,
    /** The measure crosses but a further condition (cost, networking, revenue) is unknown. */
    INDETERMINATE,
    /** The regime speaks of something else (another data domain, modifications only, clusters). */
    NOT_APPLICABLE
}
