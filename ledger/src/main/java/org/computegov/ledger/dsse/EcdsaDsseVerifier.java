package org.computegov.ledger.dsse;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;

/**
 * An ECDSA DSSE verifier on NIST P-256 (SHA-256) or P-384 (SHA-384), using the JDK provider.
 * Accepts both DER and raw fixed-width r||s signatures, since both are common in DSSE tooling.
 */
public final class EcdsaDsseVerifier implements DsseVerifier {
    /** Supported curves with their hash and raw signature width. */
    public enum Curve {
        P256("SHA256withECDSA", 32),
        P384("SHA384withECDSA", 48);

        final String derAlgorithm;
        final int fieldBytes;

        Curve(String derAlgorithm, int fieldBytes) {
            this.derAlgorithm = derAlgorithm;
            this.fieldBytes = fieldBytes;
        }
    }

    private final String keyId;
    private final byte[] spki;
    private final PublicKey key;
    private final Curve curve;

    private EcdsaDsseVerifier(String keyId, byte[] spki, PublicKey key, Curve curve) {
        this.keyId = keyId;
        this.spki = spki;
        this.key = key;
        this.curve = curve;
    }

    static EcdsaDsseVerifier of(String keyId, byte[] spki, Curve curve) throws FormatException {
        if (keyId == null) {
            throw new IllegalArgumentException("key ID may be empty but not null");
        }
        try {
            PublicKey k = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
            return new EcdsaDsseVerifier(keyId, spki.clone(), k, curve);
        } catch (GeneralSecurityException e) {
            throw new FormatException("invalid ECDSA public key", e);
        }
    }

    /** Returns the curve. */
    public Curve curve() {
        return curve;
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public byte[] spki() {
        return spki.clone();
    }

    @Override
    public void verify(byte[] pae, byte[] signature) throws VerificationException {
        boolean ok = false;
        if (signature.length == 2 * curve.fieldBytes) {
            ok = check(curve.derAlgorithm + "inP1363Format", pae, signature);
        }
        if (!ok && signature.length > 0 && signature[0] == 0x30) {
            ok = check(curve.derAlgorithm, pae, signature);
        }
        if (!ok) {
            throw new VerificationException("ECDSA " + curve + " signature does not verify");
        }
    }

    private boolean check(String algorithm, byte[] pae, byte[] signature) {
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initVerify(key);
            s.update(pae);
            return s.verify(signature);
        } catch (java.security.SignatureException e) {
            return false; // malformed encoding: treated as a failed signature
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDSA " + algorithm + " must be available in every JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EcdsaDsseVerifier v && v.keyId.equals(keyId) && Arrays.equals(v.spki, spki);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode() * 31 + Arrays.hashCode(spki);
    }
}
