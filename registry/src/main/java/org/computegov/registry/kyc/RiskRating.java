package org.computegov.registry.kyc;

/** The provider's risk rating of a customer, which sets how closely it monitors the account. */
public enum RiskRating {
    LOW,
    MEDIUM,
    HIGH
}
