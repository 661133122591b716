package org.computegov.ledger.dsse;

import org.computegov.ledger.keys.Ed25519PrivateKey;

/** An Ed25519 DSSE signer. */
public record Ed25519DsseSigner(String keyId, Ed25519PrivateKey key) implements DsseSigner {
    public Ed25519DsseSigner {
        if (keyId == null || key == null) {
            throw new IllegalArgumentException("key ID (may be empty) and key are required");
        }
    }

    @Override
    public byte[] sign(byte[] pae) {
        return key.sign(pae);
    }

    /** Returns the matching verifier. */
    public DsseVerifier verifier() {
        return DsseVerifier.ed25519(keyId, key.publicKey());
    }
}
