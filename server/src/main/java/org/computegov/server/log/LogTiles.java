package org.computegov.server.log;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.computegov.ledger.merkle.HashReader;
import org.computegov.ledger.merkle.NodeId;
import org.computegov.ledger.tiles.TilePath;

/**
 * The log's hash tiles as readers need them: the right-edge (partial) tiles of the current state from memory,
 * full tiles from a bounded cache filled from PostgreSQL. Answers any node of the tree at a given size by reading
 * the tile beneath it, so the ledger's proof builder can run on it.
 */
final class LogTiles {
    /** Reads a stored tile's concatenated hashes; returns null when the tile is not stored. */
    interface TileSource {
        byte[] read(int level, long index) throws IOException;
    }

    private static final int CACHE_TILES = 8192; // at most 8192 × (8 KiB + tree) ≈ 130 MB
    private final TileSource source;
    private final Map<Long, TileTree> full = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, TileTree> eldest) {
            return size() > CACHE_TILES;
        }
    };

    LogTiles(TileSource source) {
        this.source = source;
    }

    private static long key(int level, long index) {
        return ((long) level << 56) | index;
    }

    /** Remembers a tile that just became full (immutable from now on). */
    void putFull(int level, long index, TileTree tree) {
        synchronized (full) {
            full.put(key(level, index), tree);
        }
    }

    /** A hash reader over the tree as of {@code state}: edge tiles from the state, full tiles cached. */
    HashReader reader(LogState state) {
        return ids -> {
            List<byte[]> out = new ArrayList<>(ids.size());
            for (NodeId id : ids) {
                out.add(node(state, id));
            }
            return out;
        };
    }

    /** The concatenated hashes of a tile as of {@code state}, at least {@code width} wide; null if it has fewer. */
    byte[] tileBytes(LogState state, int level, long index, int width) throws IOException {
        TileTree edge = state.edgeTile(level, index);
        if (edge != null) {
            return edge.width() >= width ? concat(edge, width) : null;
        }
        TileTree tree = fullTile(level, index);
        return tree == null ? null : concat(tree, width);
    }

    private static byte[] concat(TileTree tree, int width) {
        byte[] out = new byte[width * 32];
        for (int i = 0; i < width; i++) {
            System.arraycopy(tree.node(0, i), 0, out, i * 32, 32);
        }
        return out;
    }

    private byte[] node(LogState state, NodeId id) throws IOException {
        int tileLevel = id.level() / 8;
        int within = id.level() % 8;
        long leavesPerNode = 1L << within;
        long firstTileHash = id.index() * leavesPerNode;
        long tileIndex = firstTileHash / TilePath.FULL_WIDTH;
        int position = (int) ((firstTileHash % TilePath.FULL_WIDTH) >> within);
        TileTree tree = state.edgeTile(tileLevel, tileIndex);
        if (tree == null) {
            tree = fullTile(tileLevel, tileIndex);
        }
        byte[] hash = tree == null ? null : tree.node(within, position);
        if (hash == null) {
            throw new IOException("node " + id + " is not in the log's tiles at size " + state.size());
        }
        return hash;
    }

    private TileTree fullTile(int level, long index) throws IOException {
        synchronized (full) {
            TileTree cached = full.get(key(level, index));
            if (cached != null) {
                return cached;
            }
        }
        byte[] stored = source.read(level, index);
        if (stored == null || stored.length != TilePath.FULL_WIDTH * 32) {
            return null;
        }
        TileTree tree = TileTree.of(stored);
        putFull(level, index, tree);
        return tree;
    }
}
