package org.computegov.ledger.httpsig;

import java.nio.charset.StandardCharsets;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;

/**
 * The signature base of RFC 9421 §2.5: the bytes that are signed. One line
 * {@code "<component>": <value>} per covered component, in order, then the
 * {@code "@signature-params"} line, lines separated by a single LF and no LF at the end.
 */
public final class SignatureBase {
    private SignatureBase() {}

    /**
     * Builds the signature base of {@code request} for {@code parameters}.
     *
     * @throws VerificationException if a covered field is absent (a {@link FormatException} if a
     *     value cannot be carried in a signature base)
     */
    public static String of(HttpRequestView request, SignatureParameters parameters) throws VerificationException {
        StringBuilder base = new StringBuilder();
        for (ComponentId c : parameters.components()) { // SignatureParameters already refuses duplicates
            base.append('"').append(c.name()).append("\": ").append(c.valueIn(request)).append('\n');
        }
        base.append("\"@signature-params\": ").append(parameters.serialize());
        for (int i = 0; i < base.length(); i++) {
            if (base.charAt(i) > 0x7f) { // §2.5 step 4; components already refuse it, this is the last guard
                throw new FormatException("signature base holds a non-ASCII character");
            }
        }
        return base.toString();
    }

    /** The signature base as the bytes that are signed. */
    public static byte[] bytesOf(HttpRequestView request, SignatureParameters parameters) throws VerificationException {
        return of(request, parameters).getBytes(StandardCharsets.US_ASCII);
    }
}
