package org.computegov.knowledge.export;

/** What a clause does when its conditions hold. */
public enum ClauseKind {
    /** Takes the chip out of the rule (e.g. Note 2 to 3A090); checked before any control clause. */
    EXCLUSION,
    /** Puts the chip under the rule's ECCN paragraph. */
    CONTROL,
    /** A licensing policy that adds a remark but does not change the classification. */
    POLICY
}
