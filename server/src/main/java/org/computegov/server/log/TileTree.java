package org.computegov.server.log;

import java.util.Arrays;
import org.computegov.ledger.merkle.Rfc6962;

/**
 * One hash tile with every internal node above its hashes computed once: level 0 holds the tile's hashes, level k
 * the hashes of complete 2^k-wide groups of them. A full tile never changes, so proofs over it become look-ups
 * instead of re-hashing up to 255 nodes per proof.
 */
final class TileTree {
    private final byte[][][] levels;

    private TileTree(byte[][][] levels) {
        this.levels = levels;
    }

    /** Builds the tree over a tile's concatenated 32-byte hashes. */
    static TileTree of(byte[] concatenatedHashes) {
        int width = concatenatedHashes.length / Rfc6962.HASH_SIZE;
        if (width == 0 || width * Rfc6962.HASH_SIZE != concatenatedHashes.length || width > 256) {
            throw new IllegalArgumentException("a tile holds 1 to 256 hashes of 32 bytes, got " + concatenatedHashes.length + " bytes");
        }
        byte[][][] levels = new byte[9][][];
        levels[0] = new byte[width][];
        for (int i = 0; i < width; i++) {
            levels[0][i] = Arrays.copyOfRange(concatenatedHashes, i * 32, (i + 1) * 32);
        }
        for (int k = 1; k <= 8; k++) {
            byte[][] below = levels[k - 1];
            byte[][] here = new byte[below.length / 2][];
            for (int i = 0; i < here.length; i++) {
                here[i] = Rfc6962.nodeHash(below[2 * i], below[2 * i + 1]);
            }
            levels[k] = here;
        }
        return new TileTree(levels);
    }

    int width() {
        return levels[0].length;
    }

    /** The hash of the complete node {@code index} at {@code level} (0..8) within the tile, or null if incomplete. */
    byte[] node(int level, int index) {
        byte[][] row = levels[level];
        return index < row.length ? row[index] : null;
    }
}
