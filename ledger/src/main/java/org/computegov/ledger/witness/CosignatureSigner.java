package org.computegov.ledger.witness;

import java.nio.ByteBuffer;
import java.time.Clock;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.computegov.ledger.keys.KeyIds;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.ledger.note.NoteSignature;
import org.computegov.ledger.note.NoteSigner;

/**
 * A witness's Ed25519 checkpoint cosigner (tlog-cosignature v1, signature type 0x04).
 *
 * <p>Its note signature bytes are an 8-byte big-endian timestamp and the Ed25519 signature over
 * {@link Cosignatures#message}. One key must serve one cosigner name only, since the name is not
 * signed.
 */
public final class CosignatureSigner implements NoteSigner {
    private final String name;
    private final Ed25519PrivateKey key;
    private final int keyId;
    private final Clock clock;

    public CosignatureSigner(String name, Ed25519PrivateKey key, Clock clock) {
        if (!KeyIds.isValidName(name)) {
            throw new IllegalArgumentException("invalid cosigner name: '" + name + "'");
        }
        this.name = name;
        this.key = key;
        this.clock = clock;
        this.keyId = KeyIds.keyId(name, KeyIds.TYPE_COSIGNATURE_V1, key.publicKey().bytes());
    }

    /** Returns a cosigner using the seed and name of a signer key string, stamping with the system clock. */
    public static CosignatureSigner of(SignerKey key) {
        return new CosignatureSigner(key.name(), key.privateKey(), Clock.systemUTC());
    }

    /** Returns the verifier for this cosigner's signatures. */
    public CosignatureVerifier verifier() {
        return new CosignatureVerifier(name, key.publicKey());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int keyId() {
        return keyId;
    }

    /** Cosigns checkpoint text at the clock's current time (whole seconds). */
    @Override
    public byte[] sign(byte[] checkpointText) {
        return signAt(checkpointText, clock.instant().getEpochSecond());
    }

    /** Cosigns checkpoint text with an explicit POSIX timestamp. */
    public byte[] signAt(byte[] checkpointText, long timestamp) {
        byte[] sig = key.sign(Cosignatures.message(timestamp, checkpointText));
        return ByteBuffer.allocate(Cosignatures.SIGNATURE_SIZE).putLong(timestamp).put(sig).array();
    }

    /** Returns the cosignature line for checkpoint text at the current time. */
    public NoteSignature cosign(byte[] checkpointText) {
        return new NoteSignature(name, keyId, sign(checkpointText));
    }
}
