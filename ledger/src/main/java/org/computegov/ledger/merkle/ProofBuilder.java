package org.computegov.ledger.merkle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generates RFC 6962 / RFC 9162 inclusion and consistency proofs, and tree roots, from stored
 * complete-subtree hashes read through a {@link HashReader}.
 *
 * <p>Only complete subtrees are ever read; hashes of partial right-edge subtrees are recomputed,
 * so proofs for any past tree size can be served from the same storage.
 */
public final class ProofBuilder {
    private final HashReader reader;

    public ProofBuilder(HashReader reader) {
        this.reader = reader;
    }

    /** Returns the inclusion proof (audit path) of leaf {@code index} in the tree of size {@code size}. */
    public List<byte[]> inclusionProof(long index, long size) throws IOException {
        return materialize(ProofPlan.inclusion(index, size));
    }

    /**
     * Returns the consistency proof from tree size {@code first} to {@code second}; requires
     * {@code 0 < first <= second} (the proof from the empty tree is empty by definition).
     */
    public List<byte[]> consistencyProof(long first, long second) throws IOException {
        return materialize(ProofPlan.consistency(first, second));
    }

    /** Returns the root hash of the tree of the given size. */
    public byte[] root(long size) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("size must be non-negative: " + size);
        }
        if (size == 0) {
            return Rfc6962.emptyRoot();
        }
        return materialize(List.of(ProofPlan.perfectSubtrees(0, size))).get(0);
    }

    private List<byte[]> materialize(List<List<NodeId>> plan) throws IOException {
        Set<NodeId> unique = new LinkedHashSet<>();
        plan.forEach(unique::addAll);
        List<NodeId> ids = new ArrayList<>(unique);
        List<byte[]> hashes = reader.readHashes(ids);
        if (hashes.size() != ids.size()) {
            throw new IOException("hash reader returned " + hashes.size() + " hashes for " + ids.size() + " nodes");
        }
        Map<NodeId, byte[]> byId = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byte[] h = hashes.get(i);
            if (h == null || h.length != Rfc6962.HASH_SIZE) {
                throw new IOException("hash reader returned a missing or malformed hash for " + ids.get(i));
            }
            byId.put(ids.get(i), h);
        }
        List<byte[]> proof = new ArrayList<>(plan.size());
        for (List<NodeId> element : plan) {
            byte[] r = byId.get(element.get(element.size() - 1));
            for (int i = element.size() - 2; i >= 0; i--) {
                r = Rfc6962.nodeHash(byId.get(element.get(i)), r);
            }
            proof.add(r.clone());
        }
        return proof;
    }
}
