package org.computegov.ledger.httpsig;

import java.util.Arrays;
import java.util.Base64;

/**
 * One labelled signature of a message: its {@code Signature-Input} member (the label's covered
 * components and parameters) and its {@code Signature} member (the signature bytes).
 */
public record MessageSignature(String label, SignatureParameters parameters, byte[] signature) {
    /** The label RFC 9421's examples use, and this package's signer by default. */
    public static final String DEFAULT_LABEL = "sig1";

    public MessageSignature {
        requireLabel(label);
        if (parameters == null || signature == null) {
            throw new IllegalArgumentException("parameters and signature are required");
        }
        signature = signature.clone();
    }

    /** Returns {@code label} if it can be a label: a structured field key. */
    static String requireLabel(String label) {
        if (!StructuredFields.isKey(label)) {
            throw new IllegalArgumentException("a signature label is a structured field key (a-z, 0-9, _-.*): '" + label + "'");
        }
        return label;
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageSignature m && m.label.equals(label) && m.parameters.equals(parameters)
                && Arrays.equals(m.signature, signature);
    }

    @Override
    public int hashCode() {
        return label.hashCode() * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return label + "=" + parameters.serialize() + " :" + Base64.getEncoder().encodeToString(signature) + ":";
    }
}
