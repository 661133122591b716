package org.computegov.ledger.note;

import org.computegov.ledger.VerificationException;

/** A trusted key that verifies note signatures, identified by its key name and key ID. */
public interface NoteVerifier {
    /** Returns the key name signature lines must carry. */
    String name();

    /** Returns the 32-bit key ID signature bytes must start with. */
    int keyId();

    /**
     * Verifies signature bytes (without the key ID prefix) over the note text bytes.
     *
     * @throws VerificationException if the signature is malformed or does not verify
     */
    void verify(byte[] text, byte[] signature) throws VerificationException;
}
