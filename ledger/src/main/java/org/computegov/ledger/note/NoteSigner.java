package org.computegov.ledger.note;

/** A key that signs note text, identified by its key name and key ID. */
public interface NoteSigner {
    /** Returns the key name written on the signature line. */
    String name();

    /** Returns the 32-bit key ID prefixed to the signature bytes. */
    int keyId();

    /** Returns the signature bytes (without the key ID prefix) over the note text bytes. */
    byte[] sign(byte[] text);
}
