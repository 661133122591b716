package org.computegov.api;

import java.util.List;
import org.computegov.knowledge.estimate.ComputeEstimate;

/** A compute estimate on the wire, with petaflop/s-days alongside FLOP. */
public record EstimateView(String method, double flop, Double flopLow, Double flopHigh, double petaflopSDays,
        String formula, List<String> assumptions) {

    public static EstimateView of(ComputeEstimate e) {
        return new EstimateView(e.method().name(), e.flop(), e.flopLow(), e.flopHigh(), e.petaflopSDays(), e.formula(),
                e.assumptions());
    }
}
