package org.computegov.ledger;

/**
 * A checked failure raised when outside input (a proof, a signature, a note, an envelope)
 * does not verify or cannot be parsed.
 *
 * <p>Callers must handle it: it is the normal outcome for hostile or corrupted input, not a bug.
 * Caller mistakes raise {@link IllegalArgumentException}; broken invariants raise
 * {@link IllegalStateException}.
 */
public class VerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    public VerificationException(String message) {
        super(message);
    }

    public VerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
