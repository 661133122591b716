package org.computegov.ledger;

/**
 * A {@link VerificationException} for input that is not even well formed: bad syntax, bad
 * encoding, missing fields, or sizes over a limit.
 *
 * <p>Kept distinct so that protocol layers can map it to "bad request" rather than "forbidden".
 */
public class FormatException extends VerificationException {
    private static final long serialVersionUID = 1L;

    public FormatException(String message) {
        super(message);
    }

    public FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
