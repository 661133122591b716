package org.computegov.ledger.tiles;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.computegov.ledger.merkle.HashReader;
import org.computegov.ledger.merkle.NodeId;
import org.computegov.ledger.merkle.Rfc6962;

/**
 * A {@link HashReader} over the tiles of a tree of fixed size: a node at Merkle level
 * {@code 8t + r} is rebuilt from {@code 2^r} consecutive hashes of a tile at tile level {@code t}.
 *
 * <p>Lets {@link org.computegov.ledger.merkle.ProofBuilder} serve proofs straight from tiles.
 */
public final class TileHashReader implements HashReader {
    private static final int H = Rfc6962.HASH_SIZE;
    private final long treeSize;
    private final TileReader tiles;

    public TileHashReader(long treeSize, TileReader tiles) {
        if (treeSize < 0) {
            throw new IllegalArgumentException("tree size must be non-negative: " + treeSize);
        }
        this.treeSize = treeSize;
        this.tiles = tiles;
    }

    @Override
    public List<byte[]> readHashes(List<NodeId> ids) throws IOException {
        Map<TilePath.Hashes, byte[]> cache = new HashMap<>();
        List<byte[]> out = new ArrayList<>(ids.size());
        for (NodeId id : ids) {
            out.add(read(id, cache));
        }
        return out;
    }

    private byte[] read(NodeId id, Map<TilePath.Hashes, byte[]> cache) throws IOException {
        if (id.index() >= (treeSize >>> id.level())) {
            throw new IllegalArgumentException("node " + id + " is not complete in a tree of size " + treeSize);
        }
        int tileLevel = id.level() / Tiles.HEIGHT;
        int r = id.level() % Tiles.HEIGHT;
        long first = id.index() << r; // first hash of this node at the tile's own level
        long tileIndex = first / TilePath.FULL_WIDTH;
        int offset = (int) (first % TilePath.FULL_WIDTH);
        int count = 1 << r;
        long levelCount = treeSize >>> (Tiles.HEIGHT * tileLevel);
        TilePath.Hashes tile = new TilePath.Hashes(tileLevel, tileIndex, Tiles.widthOf(tileIndex, levelCount));
        byte[] data = cache.get(tile);
        if (data == null) {
            data = tiles.readTile(tile);
            if (data == null || data.length % H != 0 || data.length / H < tile.width()) {
                throw new IOException("tile " + tile.path() + " has " + (data == null ? "no" : data.length)
                        + " bytes, need " + tile.width() * H);
            }
            cache.put(tile, data);
        }
        List<byte[]> level = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] h = new byte[H];
            System.arraycopy(data, (offset + i) * H, h, 0, H);
            level.add(h);
        }
        while (level.size() > 1) {
            List<byte[]> up = new ArrayList<>(level.size() / 2);
            for (int i = 0; i < level.size(); i += 2) {
                up.add(Rfc6962.nodeHash(level.get(i), level.get(i + 1)));
            }
            level = up;
        }
        return level.get(0);
    }
}
