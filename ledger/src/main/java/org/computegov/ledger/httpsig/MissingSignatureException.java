package org.computegov.ledger.httpsig;

import org.computegov.ledger.VerificationException;

/**
 * The request carries no signature the verifier would accept (none at all, or none under the
 * expected label): kept distinct so a server can answer 401 and ask for one.
 */
public class MissingSignatureException extends VerificationException {
    private static final long serialVersionUID = 1L;

    public MissingSignatureException(String message) {
        super(message);
    }
}
