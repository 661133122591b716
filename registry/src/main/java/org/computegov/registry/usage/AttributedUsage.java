package org.computegov.registry.usage;

import java.util.Objects;
import org.computegov.knowledge.estimate.ComputeEstimate;

/** A usage record with the compute it stands for. */
public record AttributedUsage(UsageRecord record, ComputeEstimate compute) {
    public AttributedUsage {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(compute, "compute");
    }
}
