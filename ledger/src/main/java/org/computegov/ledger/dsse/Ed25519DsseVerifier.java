package org.computegov.ledger.dsse;

import org.computegov.ledger.VerificationException;
import org.computegov.ledger.keys.Ed25519PublicKey;

/** An Ed25519 DSSE verifier. */
public record Ed25519DsseVerifier(String keyId, Ed25519PublicKey key) implements DsseVerifier {
    public Ed25519DsseVerifier {
        if (keyId == null || key == null) {
            throw new IllegalArgumentException("key ID (may be empty) and key are required");
        }
    }

    @Override
    public byte[] spki() {
        return DsseVerifier.ed25519Spki(key);
    }

    @Override
    public void verify(byte[] pae, byte[] signature) throws VerificationException {
        key.verify(pae, signature);
    }
}
