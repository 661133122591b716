package org.computegov.registry.usage;

/** Why an input line or element was read correctly but gave no usage record. Skips are not problems. */
public enum SkipReason {
    /** An sacct job step ({@code 1234.batch}, {@code 1234.extern}, {@code 1234.0}): the allocation line counts. */
    JOB_STEP,
    /** The job has not ended: no End ({@code Unknown}, {@code None}, empty) or a state such as RUNNING, PENDING. */
    NOT_ENDED,
    /** The job ended without ever running: no Start, or NodeList {@code None assigned}. */
    NEVER_RAN,
    /** The allocation held no GPUs (AllocTRES has no {@code gres/gpu} count above zero). */
    NO_GPUS,
    /** Start and End are the same second: no chip-hours to count. */
    ZERO_DURATION,
    /** The same record (same record id and content) appeared earlier in the same input. */
    DUPLICATE
}
