package org.computegov.ledger.witness;

import java.util.Arrays;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.keys.Ed25519PublicKey;
import org.computegov.ledger.keys.KeyIds;
import org.computegov.ledger.keys.VerifierKey;
import org.computegov.ledger.note.NoteVerifier;

/** Verifies a witness's Ed25519 checkpoint cosignatures (tlog-cosignature v1, type 0x04). */
public final class CosignatureVerifier implements NoteVerifier {
    private final String name;
    private final Ed25519PublicKey key;
    private final int keyId;

    public CosignatureVerifier(String name, Ed25519PublicKey key) {
        if (!KeyIds.isValidName(name)) {
            throw new IllegalArgumentException("invalid cosigner name: '" + name + "'");
        }
        this.name = name;
        this.key = key;
        this.keyId = KeyIds.keyId(name, KeyIds.TYPE_COSIGNATURE_V1, key.bytes());
    }

    /**
     * Parses a witness vkey of type 0x04; a type 0x01 vkey is also accepted and converted (same key,
     * key ID recomputed for type 0x04), as witnesses often publish their plain note key.
     */
    public static CosignatureVerifier parse(String vkey) throws FormatException {
        VerifierKey k = VerifierKey.parse(vkey);
        if (k.type() != KeyIds.TYPE_COSIGNATURE_V1 && k.type() != KeyIds.TYPE_ED25519) {
            throw new FormatException("verifier key " + k.name() + " has type " + k.type() + ", not a cosignature key");
        }
        return new CosignatureVerifier(k.name(), k.ed25519Key());
    }

    /** Returns this verifier's type-0x04 vkey. */
    public VerifierKey verifierKey() {
        return VerifierKey.of(name, KeyIds.TYPE_COSIGNATURE_V1, key.bytes());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int keyId() {
        return keyId;
    }

    @Override
    public void verify(byte[] checkpointText, byte[] signature) throws VerificationException {
        long timestamp = Cosignatures.timestamp(signature);
        byte[] sig = Arrays.copyOfRange(signature, 8, signature.length);
        try {
            key.verify(Cosignatures.message(timestamp, checkpointText), sig);
        } catch (VerificationException e) {
            throw new VerificationException("cosignature by " + name + " at time " + timestamp + " does not verify", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CosignatureVerifier v && v.name.equals(name) && v.key.equals(key);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + key.hashCode();
    }

    @Override
    public String toString() {
        return verifierKey().encode();
    }
}
