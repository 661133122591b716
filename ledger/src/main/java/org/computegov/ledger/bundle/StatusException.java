package org.computegov.ledger.bundle;

import org.computegov.ledger.VerificationException;

/**
 * A bundle whose proof and signatures hold but whose standing does not: no status, a stale or future-dated one, or
 * one that says the entry is suspended or revoked. Callers turn {@link #problem()} into a reason a person can act on.
 */
public final class StatusException extends VerificationException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the status. */
    public enum Problem { MISSING, STALE, FUTURE, SUSPENDED, REVOKED, BEHIND_BUNDLE, OTHER_ENTRY }

    private final Problem problem;

    public StatusException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
