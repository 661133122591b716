package org.computegov.ledger.merkle;

import java.util.Arrays;
import java.util.HexFormat;

/** A complete subtree's position together with its hash, as reported when a {@link CompactRange} grows. */
public record Node(NodeId id, byte[] hash) {
    public Node {
        if (id == null || hash == null || hash.length != Rfc6962.HASH_SIZE) {
            throw new IllegalArgumentException("node needs an id and a " + Rfc6962.HASH_SIZE + "-byte hash");
        }
        hash = hash.clone();
    }

    public Node(int level, long index, byte[] hash) {
        this(new NodeId(level, index), hash);
    }

    public int level() {
        return id.level();
    }

    public long index() {
        return id.index();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Node n && n.id.equals(id) && Arrays.equals(n.hash, hash);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "Node[" + id.level() + "/" + id.index() + " " + HexFormat.of().formatHex(hash) + "]";
    }
}
