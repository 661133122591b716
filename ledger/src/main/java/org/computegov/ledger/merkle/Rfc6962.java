package org.computegov.ledger.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The RFC 6962 / RFC 9162 Merkle tree hash functions over SHA-256.
 *
 * <p>Leaves and interior nodes use distinct one-byte prefixes (0x00, 0x01) so that a leaf can never
 * be confused with an interior node (second-preimage resistance).
 */
public final class Rfc6962 {
    /** Size in bytes of every hash in the tree. */
    public static final int HASH_SIZE = 32;

    // MessageDigest is not thread-safe; one per thread avoids both locking and re-instantiation.
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Rfc6962::newDigest);

    // Declared after DIGEST: static initializers run in order.
    private static final byte[] EMPTY_ROOT = sha256(new byte[0]);

    private Rfc6962() {}

    /** Returns the root hash of the empty tree: SHA-256 of the empty string. */
    public static byte[] emptyRoot() {
        return EMPTY_ROOT.clone();
    }

    /** Returns SHA-256(0x00 || entry). */
    public static byte[] leafHash(byte[] entry) {
        MessageDigest md = DIGEST.get();
        md.update((byte) 0x00);
        md.update(entry);
        return md.digest();
    }

    /** Returns SHA-256(0x01 || left || right). */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        if (left.length != HASH_SIZE || right.length != HASH_SIZE) {
            throw new IllegalArgumentException("node children must be " + HASH_SIZE + "-byte hashes");
        }
        MessageDigest md = DIGEST.get();
        md.update((byte) 0x01);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    /** Returns SHA-256(data); shared here so every package uses the JDK digest. */
    public static byte[] sha256(byte[] data) {
        return DIGEST.get().digest(data);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
