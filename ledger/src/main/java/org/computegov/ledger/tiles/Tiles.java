package org.computegov.ledger.tiles;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.computegov.ledger.merkle.HashReader;
import org.computegov.ledger.merkle.NodeId;
import org.computegov.ledger.merkle.Rfc6962;

/**
 * Which tiles and entry bundles a tree of a given size has, and where stored Merkle nodes go in
 * them (C2SP tlog-tiles, tile height 8).
 */
public final class Tiles {
    /** Merkle levels per tile. */
    public static final int HEIGHT = 8;

    private Tiles() {}

    /**
     * Returns every hash tile of a tree of the given size, full and partial, by level then index.
     * A tree of size 70,000 has 273 full and one partial (112) level-0 tiles, one full and one
     * partial (17) level-1 tile, and one partial (1) level-2 tile.
     */
    public static List<TilePath.Hashes> hashTiles(long treeSize) {
        return changedHashTiles(0, treeSize);
    }

    /** Returns every entry bundle of a tree of the given size, full and partial. */
    public static List<TilePath.Entries> entryBundles(long treeSize) {
        List<TilePath.Entries> out = new ArrayList<>();
        for (TilePath.Hashes t : changedHashTiles(0, treeSize)) {
            if (t.level() == 0) {
                out.add(new TilePath.Entries(t.index(), t.width()));
            }
        }
        return out;
    }

    /**
     * Returns the hash tiles of a tree of size {@code newSize} that a tree of size {@code oldSize}
     * did not have (new tiles and wider versions of partial ones): what a log must write when it
     * grows.
     */
    public static List<TilePath.Hashes> changedHashTiles(long oldSize, long newSize) {
        if (oldSize < 0 || newSize < oldSize) {
            throw new IllegalArgumentException("need 0 <= oldSize <= newSize: " + oldSize + ", " + newSize);
        }
        List<TilePath.Hashes> out = new ArrayList<>();
        for (int level = 0; level < 64 / HEIGHT && (newSize >>> (HEIGHT * level)) > 0; level++) {
            long oldCount = oldSize >>> (HEIGHT * level); // hashes at this tile level
            long newCount = newSize >>> (HEIGHT * level);
            for (long n = oldCount / TilePath.FULL_WIDTH; n <= (newCount - 1) / TilePath.FULL_WIDTH; n++) {
                int newWidth = widthOf(n, newCount);
                if (newWidth != widthOf(n, oldCount)) {
                    out.add(new TilePath.Hashes(level, n, newWidth));
                }
            }
        }
        return out;
    }

    /** Returns the width of tile {@code n} when its level holds {@code count} hashes (0 if absent). */
    static int widthOf(long n, long count) {
        long start = n * TilePath.FULL_WIDTH;
        if (count <= start) {
            return 0;
        }
        return (int) Math.min(TilePath.FULL_WIDTH, count - start);
    }

    /** Returns true if the node is stored as a hash in some tile (its level is a multiple of 8). */
    public static boolean isTileHash(NodeId id) {
        return id.level() % HEIGHT == 0;
    }

    /** Returns the full tile whose hashes include this node; requires {@link #isTileHash}. */
    public static TilePath.Hashes tileOf(NodeId id) {
        if (!isTileHash(id)) {
            throw new IllegalArgumentException("node " + id + " is not at a tile level");
        }
        return new TilePath.Hashes(id.level() / HEIGHT, id.index() / TilePath.FULL_WIDTH, TilePath.FULL_WIDTH);
    }

    /** Returns the position (0..255) of this node's hash within its tile; requires {@link #isTileHash}. */
    public static int positionInTile(NodeId id) {
        if (!isTileHash(id)) {
            throw new IllegalArgumentException("node " + id + " is not at a tile level");
        }
        return (int) (id.index() % TilePath.FULL_WIDTH);
    }

    /**
     * Returns the bytes of a hash tile (its {@code width} hashes concatenated), read from stored
     * nodes: how a log that stores nodes by (level, index) serves {@code tile/<L>/<N>}.
     */
    public static byte[] tileContent(TilePath.Hashes tile, HashReader nodes) throws IOException {
        List<NodeId> ids = new ArrayList<>(tile.width());
        for (int i = 0; i < tile.width(); i++) {
            ids.add(new NodeId(tile.level() * HEIGHT, tile.index() * TilePath.FULL_WIDTH + i));
        }
        List<byte[]> hashes = nodes.readHashes(ids);
        byte[] out = new byte[tile.width() * Rfc6962.HASH_SIZE];
        for (int i = 0; i < hashes.size(); i++) {
            System.arraycopy(hashes.get(i), 0, out, i * Rfc6962.HASH_SIZE, Rfc6962.HASH_SIZE);
        }
        return out;
    }
}
