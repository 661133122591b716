package org.computegov.knowledge.export;

/** The kind of answer a classification gives. */
public enum Outcome {
    /** A control clause holds: the chip is under the ECCN paragraph named. */
    CONTROLLED,
    /** No control clause holds, or an exclusion (Note 2) takes the chip out. */
    NOT_COVERED,
    /** A figure the decision needs is unknown; the scenarios say which value decides what. */
    INDETERMINATE,
    /** No rule set was in force on the date asked about. */
    NO_RULE
}
