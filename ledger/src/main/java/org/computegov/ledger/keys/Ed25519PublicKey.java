package org.computegov.ledger.keys;

import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.computegov.ledger.Bytes;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;

/**
 * An Ed25519 public key (RFC 8032), verified with BouncyCastle, which decodes the point once and
 * verifies several times faster than the JDK provider.
 */
public final class Ed25519PublicKey {
    /** Encoded key length in bytes. */
    public static final int SIZE = 32;
    /** Signature length in bytes. */
    public static final int SIGNATURE_SIZE = 64;

    private final byte[] encoded;
    private final Ed25519PublicKeyParameters params;

    private Ed25519PublicKey(byte[] encoded, Ed25519PublicKeyParameters params) {
        this.encoded = encoded;
        this.params = params;
    }

    /** Parses a 32-byte encoded public key from outside input. */
    public static Ed25519PublicKey parse(byte[] encoded) throws FormatException {
        if (encoded == null || encoded.length != SIZE) {
            throw new FormatException("Ed25519 public key must be " + SIZE + " bytes, got "
                    + (encoded == null ? "none" : encoded.length));
        }
        try {
            return new Ed25519PublicKey(encoded.clone(), new Ed25519PublicKeyParameters(encoded, 0));
        } catch (IllegalArgumentException e) {
            throw new FormatException("Ed25519 public key is not a valid curve point", e);
        }
    }

    static Ed25519PublicKey of(Ed25519PublicKeyParameters params) {
        return new Ed25519PublicKey(params.getEncoded(), params);
    }

    /** Returns the 32-byte encoding. */
    public byte[] bytes() {
        return encoded.clone();
    }

    /** Verifies a 64-byte signature over {@code message}; throws if it does not verify. */
    public void verify(byte[] message, byte[] signature) throws VerificationException {
        if (!isValid(message, signature)) {
            throw new VerificationException("Ed25519 signature does not verify");
        }
    }

    /** Returns whether the signature verifies; for loops that count valid signatures. */
    public boolean isValid(byte[] message, byte[] signature) {
        if (signature == null || signature.length != SIGNATURE_SIZE) {
            return false;
        }
        return params.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519PublicKey k && Arrays.equals(k.encoded, encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "Ed25519PublicKey[" + Bytes.base64(encoded) + "]";
    }
}
