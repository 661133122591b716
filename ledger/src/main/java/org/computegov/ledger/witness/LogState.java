package org.computegov.ledger.witness;

import java.security.MessageDigest;
import java.util.Arrays;
import org.computegov.ledger.merkle.Rfc6962;

/**
 * What a witness remembers about one log: the size and root of the latest checkpoint it cosigned,
 * and that checkpoint note with its cosignatures (to serve monitors).
 */
public record LogState(long size, byte[] rootHash, byte[] cosignedCheckpoint) {
    public LogState {
        if (size < 0) {
            throw new IllegalArgumentException("size must be non-negative: " + size);
        }
        if (rootHash == null || rootHash.length != Rfc6962.HASH_SIZE) {
            throw new IllegalArgumentException("root hash must be " + Rfc6962.HASH_SIZE + " bytes");
        }
        if (cosignedCheckpoint == null) {
            throw new IllegalArgumentException("cosigned checkpoint is required");
        }
        rootHash = rootHash.clone();
        cosignedCheckpoint = cosignedCheckpoint.clone();
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    @Override
    public byte[] cosignedCheckpoint() {
        return cosignedCheckpoint.clone();
    }

    /** Returns whether two states describe the same tree (size and root); the basis of compare-and-set. */
    public boolean sameTree(LogState other) {
        return other != null && other.size == size && MessageDigest.isEqual(other.rootHash, rootHash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogState s && s.size == size && Arrays.equals(s.rootHash, rootHash)
                && Arrays.equals(s.cosignedCheckpoint, cosignedCheckpoint);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(size) * 31 + Arrays.hashCode(rootHash);
    }

    @Override
    public String toString() {
        return "LogState[size=" + size + "]";
    }
}
