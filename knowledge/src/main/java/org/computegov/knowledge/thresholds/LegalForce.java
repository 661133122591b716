package org.computegov.knowledge.thresholds;

/** What kind of instrument sets a threshold, which decides whether it can bind anyone. */
public enum LegalForce {
    LAW, GUIDANCE, PROPOSED, BILL, VETOED
}
