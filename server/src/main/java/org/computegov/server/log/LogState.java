package org.computegov.server.log;

import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of the log after a commit: its size and root, the right edge of the tree (compact range
 * hashes), the partial tiles on the right edge by tile level, and the checkpoint the log signed for it. Readers
 * take one snapshot and answer from it alone, so a concurrent append never mixes two sizes into one answer.
 *
 * @param edgeTiles for each tile level, the index and tree of the right-most tile when it is partial
 */
public record LogState(long size, byte[] root, List<byte[]> rightEdge, Map<Integer, EdgeTile> edgeTiles, byte[] signedCheckpoint) {
    record EdgeTile(long index, TileTree tree) {}

    public LogState {
        rightEdge = List.copyOf(rightEdge);
        edgeTiles = Map.copyOf(edgeTiles);
    }

    TileTree edgeTile(int level, long index) {
        EdgeTile e = edgeTiles.get(level);
        return e != null && e.index() == index ? e.tree() : null;
    }
}
