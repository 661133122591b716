package org.computegov.registry.kyc;

/** Whether the customer is a natural person or a legal entity; they owe different evidence of ownership. */
public enum CustomerType {
    /** A natural person; its own beneficial owner unless it acts for others. */
    INDIVIDUAL,
    /** A company, partnership, trust or other entity; must name its beneficial owners. */
    ORGANIZATION
}
