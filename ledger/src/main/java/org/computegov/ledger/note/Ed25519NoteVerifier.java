package org.computegov.ledger.note;

import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.keys.Ed25519PublicKey;
import org.computegov.ledger.keys.KeyIds;
import org.computegov.ledger.keys.VerifierKey;

/** A plain Ed25519 note verifier (signature type 0x01). */
public final class Ed25519NoteVerifier implements NoteVerifier {
    private final String name;
    private final int keyId;
    private final Ed25519PublicKey key;

    public Ed25519NoteVerifier(String name, Ed25519PublicKey key) {
        if (!KeyIds.isValidName(name)) {
            throw new IllegalArgumentException("invalid key name: '" + name + "'");
        }
        this.name = name;
        this.key = key;
        this.keyId = KeyIds.keyId(name, KeyIds.TYPE_ED25519, key.bytes());
    }

    /** Parses a type-0x01 vkey string such as {@code PeterNeumann+c74f20a3+ARpc...}. */
    public static Ed25519NoteVerifier parse(String vkey) throws FormatException {
        VerifierKey k = VerifierKey.parse(vkey);
        if (k.type() != KeyIds.TYPE_ED25519) {
            throw new FormatException("verifier key " + k.name() + " is of type " + k.type() + ", not Ed25519 (1)");
        }
        return new Ed25519NoteVerifier(k.name(), k.ed25519Key());
    }

    /** Returns this verifier's vkey. */
    public VerifierKey verifierKey() {
        return VerifierKey.ed25519(name, key);
    }

    /** Returns the public key. */
    public Ed25519PublicKey publicKey() {
        return key;
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
    public void verify(byte[] text, byte[] signature) throws VerificationException {
        if (signature.length != Ed25519PublicKey.SIGNATURE_SIZE) {
            throw new VerificationException("Ed25519 note signature must be 64 bytes, got " + signature.length);
        }
        key.verify(text, signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519NoteVerifier v && v.name.equals(name) && v.key.equals(key);
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
