package org.computegov.ledger.dsse;

/** A key that signs DSSE pre-authentication encodings. */
public interface DsseSigner {
    /** Returns the key ID hint to put in the envelope ("" for none). */
    String keyId();

    /** Returns the signature over PAE bytes. */
    byte[] sign(byte[] pae);
}
