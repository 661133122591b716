package org.computegov.shaping.allocation;

/** Where an award stands (after ACCESS/ColdFront allocation states). */
public enum AwardStatus {
    ACTIVE,
    EXPIRED,
    REVOKED,
    RENEWAL_REQUESTED
}
