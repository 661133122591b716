package org.computegov.shaping.supplychain;

/** What the export-control check does with a transfer. */
@org.computegov.registry.kernel.Published
public enum TransferAction {
    /** No restriction in the policy for this chip and destination. */
    ALLOW,
    /** Allowed to be recorded, but a licence or a review is needed: the reason says which. */
    FLAG,
    /** Refused: the destination's policy denies it. */
    BLOCK
}
