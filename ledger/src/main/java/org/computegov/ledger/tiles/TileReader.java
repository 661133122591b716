package org.computegov.ledger.tiles;

import java.io.IOException;

/** A port that returns the bytes of a stored hash tile (width × 32 bytes). */
@FunctionalInterface
public interface TileReader {
    /**
     * Returns the tile's content. For a partial tile, an implementation may return a wider tile of
     * the same index (a later partial or the full one): hashes never change once written.
     *
     * @throws IOException if storage fails or the tile is missing
     */
    byte[] readTile(TilePath.Hashes tile) throws IOException;
}
