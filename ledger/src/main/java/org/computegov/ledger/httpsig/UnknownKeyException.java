package org.computegov.ledger.httpsig;

import org.computegov.ledger.VerificationException;

/**
 * A signature names a key the verifier does not know: kept distinct so a server can answer 401 and
 * say which key it did not recognise.
 */
public class UnknownKeyException extends VerificationException {
    private static final long serialVersionUID = 1L;

    private final String keyId;

    public UnknownKeyException(String keyId) {
        super("unknown signing key \"" + keyId + "\"");
        this.keyId = keyId;
    }

    /** The {@code keyid} the signature named. */
    public String keyId() {
        return keyId;
    }
}
