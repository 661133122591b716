package org.computegov.ledger.note;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.computegov.ledger.Bytes;
import org.computegov.ledger.keys.KeyIds;

/**
 * One signature line of a note: {@code — <name> base64(key ID || signature)}, with the key ID and
 * the signature bytes kept apart.
 */
public record NoteSignature(String name, int keyId, byte[] signature) {
    /** The line prefix: U+2014 EM DASH and a space. */
    public static final String PREFIX = "\u2014 ";

    public NoteSignature {
        if (!KeyIds.isValidName(name)) {
            throw new IllegalArgumentException("invalid key name: '" + name + "'");
        }
        if (signature == null || signature.length == 0) {
            throw new IllegalArgumentException("signature is empty");
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** Returns the base64 of key ID || signature, as written on the line. */
    public String base64() {
        return Bytes.base64(ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array());
    }

    /** Returns the full signature line, newline included. */
    public String line() {
        return PREFIX + name + " " + base64() + "\n";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteSignature s && s.name.equals(name) && s.keyId == keyId
                && Arrays.equals(s.signature, signature);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + keyId) * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return line().strip();
    }
}
