package org.computegov.ledger.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only Merkle tree state of O(log n) size: the hashes of the perfect subtrees along the
 * tree's right edge, one per set bit of the tree size, largest (leftmost) first.
 *
 * <p>Each append reports the complete-subtree nodes it finished, so a sequencer can store them
 * (e.g. in tiles) and later serve proofs through a {@link HashReader}. Not thread-safe: a log has
 * one sequencer.
 */
public final class CompactRange {
    private long size;
    private final List<byte[]> hashes;

    /** Creates the range of the empty tree. */
    public CompactRange() {
        this.size = 0;
        this.hashes = new ArrayList<>();
    }

    private CompactRange(long size, List<byte[]> hashes) {
        this.size = size;
        this.hashes = hashes;
    }

    /**
     * Restores a range from a stored tree size and its right-edge hashes (as {@link #hashes()}
     * returned them).
     */
    public static CompactRange of(long size, List<byte[]> rightEdge) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be non-negative: " + size);
        }
        if (rightEdge.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException(
                    "a tree of size " + size + " has " + Long.bitCount(size) + " right-edge hashes, got " + rightEdge.size());
        }
        List<byte[]> copy = new ArrayList<>(rightEdge.size() + 1);
        for (byte[] h : rightEdge) {
            if (h.length != Rfc6962.HASH_SIZE) {
                throw new IllegalArgumentException("right-edge hashes must be " + Rfc6962.HASH_SIZE + " bytes");
            }
            copy.add(h.clone());
        }
        return new CompactRange(size, copy);
    }

    /** Restores the range of a tree of the given size by reading its right-edge nodes. */
    public static CompactRange read(long size, HashReader reader) throws java.io.IOException {
        List<NodeId> ids = ProofPlan.perfectSubtrees(0, size);
        return of(size, reader.readHashes(ids));
    }

    /** Returns the number of leaves appended so far. */
    public long size() {
        return size;
    }

    /** Returns copies of the right-edge hashes, largest subtree first. */
    public List<byte[]> hashes() {
        List<byte[]> out = new ArrayList<>(hashes.size());
        for (byte[] h : hashes) {
            out.add(h.clone());
        }
        return out;
    }

    /** Returns the right-edge subtrees with their positions, largest first. */
    public List<Node> nodes() {
        List<NodeId> ids = ProofPlan.perfectSubtrees(0, size);
        List<Node> out = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            out.add(new Node(ids.get(i), hashes.get(i)));
        }
        return out;
    }

    /** Appends a raw entry (hashed as an RFC 6962 leaf) and returns the nodes it completed. */
    public List<Node> appendEntry(byte[] entry) {
        return append(Rfc6962.leafHash(entry));
    }

    /**
     * Appends a leaf hash and returns the complete subtrees this append finished: the leaf itself
     * at level 0, then each parent it closed, bottom up.
     */
    public List<Node> append(byte[] leafHash) {
        if (leafHash.length != Rfc6962.HASH_SIZE) {
            throw new IllegalArgumentException("leaf hash must be " + Rfc6962.HASH_SIZE + " bytes");
        }
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("tree is full");
        }
        List<Node> completed = new ArrayList<>();
        byte[] hash = leafHash.clone();
        long index = size;
        int level = 0;
        completed.add(new Node(level, index, hash));
        // Each trailing one bit of the old size is a left sibling waiting for this subtree.
        long s = size;
        while ((s & 1) == 1) {
            byte[] left = hashes.remove(hashes.size() - 1);
            hash = Rfc6962.nodeHash(left, hash);
            level++;
            index >>= 1;
            completed.add(new Node(level, index, hash));
            s >>= 1;
        }
        hashes.add(hash);
        size++;
        return completed;
    }

    /** Returns the root hash of the tree at the current size. */
    public byte[] root() {
        if (hashes.isEmpty()) {
            return Rfc6962.emptyRoot();
        }
        byte[] r = hashes.get(hashes.size() - 1);
        for (int i = hashes.size() - 2; i >= 0; i--) {
            r = Rfc6962.nodeHash(hashes.get(i), r);
        }
        return r.clone();
    }
}
