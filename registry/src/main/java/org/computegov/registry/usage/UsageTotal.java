package org.computegov.registry.usage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.computegov.knowledge.estimate.ComputeEstimate;
import org.computegov.knowledge.estimate.Flop;

/**
 * The compute of many usage records: chip-hours are added up per chip and each chip's sum estimated once.
 *
 * @param records how many records were counted
 * @param chipHours all chip-hours, every chip together
 * @param flop the central estimate, the sum over chips
 * @param flopLow the low end of the range (the sum of the chips' low ends), or null when utilization was measured
 * @param flopHigh the high end, likewise
 * @param byChip canonical chip name → that chip's estimate (its formula shows its chip-hours), largest first
 * @param assumptions every assumption any chip's estimate rests on, once each
 */
public record UsageTotal(int records, double chipHours, double flop, Double flopLow, Double flopHigh,
        Map<String, ComputeEstimate> byChip, List<String> assumptions) {

    public UsageTotal {
        byChip = Collections.unmodifiableMap(new LinkedHashMap<>(byChip));
        assumptions = List.copyOf(assumptions);
        if ((flopLow == null) != (flopHigh == null)) {
            throw new IllegalArgumentException("a range needs both ends");
        }
    }

    /** The central estimate in petaflop/s-days. */
    public double petaflopSDays() {
        return Flop.toPetaflopSDays(flop);
    }
}
