package org.computegov.ledger.dsse;

import java.io.IOException;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
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
        try {
            return SubjectPublicKeyInfoFactory
                    .createSubjectPublicKeyInfo(new Ed25519PublicKeyParameters(key.bytes(), 0)).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("encoding a valid key cannot fail", e);
        }
    }

    @Override
    public void verify(byte[] pae, byte[] signature) throws VerificationException {
        key.verify(pae, signature);
    }

    @Override
    public boolean isValid(byte[] pae, byte[] signature) {
        return key.isValid(pae, signature);
    }
}
