package org.computegov.ledger.note;

import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.computegov.ledger.keys.KeyIds;
import org.computegov.ledger.keys.SignerKey;

/** A plain Ed25519 note signer (signature type 0x01): the signature is Ed25519 over the note text. */
public final class Ed25519NoteSigner implements NoteSigner {
    private final String name;
    private final int keyId;
    private final Ed25519PrivateKey key;

    public Ed25519NoteSigner(String name, Ed25519PrivateKey key) {
        if (!KeyIds.isValidName(name)) {
            throw new IllegalArgumentException("invalid key name: '" + name + "'");
        }
        this.name = name;
        this.key = key;
        this.keyId = KeyIds.keyId(name, KeyIds.TYPE_ED25519, key.publicKey().bytes());
    }

    /** Returns the signer for a parsed signer key string. */
    public static Ed25519NoteSigner of(SignerKey key) {
        return new Ed25519NoteSigner(key.name(), key.privateKey());
    }

    /** Returns the verifier of this signer's signatures. */
    public Ed25519NoteVerifier verifier() {
        return new Ed25519NoteVerifier(name, key.publicKey());
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
    public byte[] sign(byte[] text) {
        return key.sign(text);
    }
}
