package org.computegov.licensing.admission;

import java.math.BigInteger;

/**
 * An admission decision with what a person needs to act on it: a stable {@code code}, a sentence saying why and
 * what to change, and the job's maximum compute beside what the licence has left (FLOP and chip-hours of the
 * job's chip). {@code available*} are null when no budget applies; {@code holdId} names the pre-charge to settle.
 */
@org.computegov.registry.kernel.Published
public record Decision(Outcome decision, String code, String reason, BigInteger requestedFlop, BigInteger availableFlop,
        double requestedChipHours, Double availableChipHours, String licence, String holdId) {

    public enum Outcome {
        ALLOW, DENY;

        public String wire() {
            return this == ALLOW ? "allow" : "deny";
        }
    }

    public boolean allowed() {
        return decision == Outcome.ALLOW;
    }
}
