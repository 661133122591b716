package org.computegov.ledger.dsse;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.keys.Ed25519PublicKey;

/**
 * A trusted public key that verifies DSSE signatures over PAE bytes: Ed25519, or ECDSA on P-256
 * (SHA-256) or P-384 (SHA-384) with DER or raw r||s signatures.
 */
public sealed interface DsseVerifier permits Ed25519DsseVerifier, EcdsaDsseVerifier {
    /** Returns the key ID hint this key answers to ("" matches any). */
    String keyId();

    /** Returns the key's DER SPKI, which identifies it when counting distinct signers. */
    byte[] spki();

    /** Verifies a signature over PAE bytes; throws if it does not verify. */
    void verify(byte[] pae, byte[] signature) throws VerificationException;

    /** Returns whether a signature over PAE bytes verifies. */
    default boolean isValid(byte[] pae, byte[] signature) {
        try {
            verify(pae, signature);
            return true;
        } catch (VerificationException e) {
            return false;
        }
    }

    /** Returns an Ed25519 verifier. */
    static DsseVerifier ed25519(String keyId, Ed25519PublicKey key) {
        return new Ed25519DsseVerifier(keyId, key);
    }

    /** Returns a verifier for a DER SPKI public key (Ed25519, ECDSA P-256 or P-384). */
    static DsseVerifier fromSpki(String keyId, byte[] spkiDer) throws FormatException {
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(spkiDer);
        } catch (RuntimeException e) {
            throw new FormatException("public key is not a DER SPKI structure", e);
        }
        if (info == null) {
            throw new FormatException("public key is empty");
        }
        ASN1ObjectIdentifier alg = info.getAlgorithm().getAlgorithm();
        if (alg.getId().equals("1.3.101.112")) { // id-Ed25519, RFC 8410
            return ed25519(keyId, Ed25519PublicKey.parse(info.getPublicKeyData().getOctets()));
        }
        if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            Object params = info.getAlgorithm().getParameters();
            if (X9ObjectIdentifiers.prime256v1.equals(params)) {
                return EcdsaDsseVerifier.of(keyId, spkiDer, EcdsaDsseVerifier.Curve.P256);
            }
            if (SECObjectIdentifiers.secp384r1.equals(params)) {
                return EcdsaDsseVerifier.of(keyId, spkiDer, EcdsaDsseVerifier.Curve.P384);
            }
            throw new FormatException("unsupported ECDSA curve " + params + "; only P-256 and P-384 are accepted");
        }
        throw new FormatException("unsupported public key algorithm " + alg);
    }

}
