package org.computegov.ledger.dsse;

import java.util.Arrays;

/** One signature of a DSSE envelope: an optional, unauthenticated key ID hint and the signature bytes. */
public record DsseSignature(String keyId, byte[] sig) {
    public DsseSignature {
        keyId = keyId == null ? "" : keyId; // unset and empty are the same per the envelope spec
        if (sig == null) {
            throw new IllegalArgumentException("signature bytes are required");
        }
        sig = sig.clone();
    }

    @Override
    public byte[] sig() {
        return sig.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DsseSignature s && s.keyId.equals(keyId) && Arrays.equals(s.sig, sig);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode() * 31 + Arrays.hashCode(sig);
    }
}
