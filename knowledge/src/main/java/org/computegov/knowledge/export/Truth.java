package org.computegov.knowledge.export;

/** Three-valued truth: a clause can hold, fail, or be undecidable because a figure it needs is unknown. */
public enum Truth {
    TRUE, FALSE, UNKNOWN;

    Truth and(Truth other) {
        if (this == FALSE || other == FALSE) {
            return FALSE;
        }
        return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : TRUE;
    }
}
