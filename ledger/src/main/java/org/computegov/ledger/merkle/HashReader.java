package org.computegov.ledger.merkle;

import java.io.IOException;
import java.util.List;

/**
 * A port to stored hashes of complete subtrees, addressed by (level, index).
 *
 * <p>Proof generation asks only for nodes whose subtrees are complete at the requested tree size;
 * hashes of partial right-edge subtrees are recomputed from these. Implementations may serve them
 * from tiles, a database table, or memory.
 */
@FunctionalInterface
public interface HashReader {
    /**
     * Returns the hashes of the given nodes, in the same order.
     *
     * @throws IOException if storage fails or a requested node is missing
     */
    List<byte[]> readHashes(List<NodeId> ids) throws IOException;
}
