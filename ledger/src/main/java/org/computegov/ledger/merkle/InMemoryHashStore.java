package org.computegov.ledger.merkle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link HashReader} kept in memory: stores the nodes that {@link CompactRange#append} reports.
 *
 * <p>For tests, tools and small logs; a production sequencer stores nodes in tiles or a database.
 */
public final class InMemoryHashStore implements HashReader {
    private final ConcurrentHashMap<NodeId, byte[]> nodes = new ConcurrentHashMap<>();

    /** Stores the given nodes, as returned by {@link CompactRange#append}. */
    public void putAll(Collection<Node> completed) {
        for (Node n : completed) {
            nodes.put(n.id(), n.hash());
        }
    }

    /** Returns the number of stored nodes. */
    public int size() {
        return nodes.size();
    }

    @Override
    public List<byte[]> readHashes(List<NodeId> ids) throws IOException {
        List<byte[]> out = new ArrayList<>(ids.size());
        for (NodeId id : ids) {
            byte[] h = nodes.get(id);
            if (h == null) {
                throw new IOException("no stored hash for node " + id);
            }
            out.add(h.clone());
        }
        return out;
    }
}
