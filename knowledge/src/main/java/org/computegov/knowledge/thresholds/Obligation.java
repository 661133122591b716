package org.computegov.knowledge.thresholds;

import java.util.Objects;

/**
 * A duty a regime attaches to crossing its threshold.
 *
 * @param dueDays days after the trigger by which it must be done, or null when the text sets no deadline
 */
public record Obligation(String what, Trigger trigger, Integer dueDays, String citation) {
    public Obligation {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(trigger, "trigger");
        if (dueDays != null && dueDays < 0) {
            throw new IllegalArgumentException("dueDays must not be negative");
        }
    }
}
