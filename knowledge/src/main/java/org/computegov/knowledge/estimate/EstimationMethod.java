package org.computegov.knowledge.estimate;

/** How a training-compute estimate was obtained (Epoch AI's two methods, and the GPU-hours variant of the second). */
public enum EstimationMethod {
    /** From the model: FLOP per parameter per token × parameters × tokens. */
    ARCHITECTURE,
    /** From the hardware: chips × peak FLOP/s × time × utilization. */
    HARDWARE,
    /** From reported accelerator-hours: hours × peak FLOP/s × utilization. */
    ACCELERATOR_HOURS
}
