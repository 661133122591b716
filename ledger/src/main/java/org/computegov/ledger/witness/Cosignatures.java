package org.computegov.ledger.witness;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.note.NoteSignature;

/**
 * The C2SP tlog-cosignature v1 (Ed25519, type 0x04) wire details: the signed message and the
 * {@code timestamp || signature} layout of the note signature bytes.
 */
public final class Cosignatures {
    /** Length of the signature bytes after the key ID: 8-byte timestamp and 64-byte Ed25519 signature. */
    public static final int SIGNATURE_SIZE = 8 + 64;

    private Cosignatures() {}

    /** Returns {@code cosignature/v1\ntime <T>\n} followed by the checkpoint note text. */
    public static byte[] message(long timestamp, byte[] checkpointText) {
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must be in [0, 2^63-1]: " + timestamp);
        }
        byte[] header = ("cosignature/v1\ntime " + timestamp + "\n").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(header.length + checkpointText.length).put(header).put(checkpointText).array();
    }

    /** Returns the timestamp inside a cosignature's signature bytes (after the key ID). */
    public static long timestamp(byte[] signature) throws FormatException {
        if (signature.length != SIGNATURE_SIZE) {
            throw new FormatException("cosignature must be " + SIGNATURE_SIZE + " bytes after the key ID, got "
                    + signature.length);
        }
        long t = ByteBuffer.wrap(signature, 0, 8).getLong();
        if (t < 0) {
            throw new FormatException("cosignature timestamp exceeds 2^63-1");
        }
        return t;
    }

    /** Returns the timestamp of a cosignature line. */
    public static long timestamp(NoteSignature cosignature) throws FormatException {
        return timestamp(cosignature.signature());
    }
}
