package org.computegov.ledger.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.computegov.ledger.merkle.CompactRange;
import org.computegov.ledger.merkle.InMemoryHashStore;
import org.computegov.ledger.merkle.Node;
import org.computegov.ledger.merkle.ProofBuilder;
import org.computegov.ledger.merkle.ProofVerifier;
import org.computegov.ledger.merkle.Rfc6962;
import org.junit.jupiter.api.Test;

/** Proofs served from tiles must equal proofs served from the node store, for any past size. */
class TileHashReaderTest {
    private static final int SIZE = 70_000;
    private static final Map<TilePath.Hashes, ByteArrayOutputStream> TILES = new HashMap<>();
    private static final InMemoryHashStore NODES = new InMemoryHashStore();
    private static final List<byte[]> ROOTS = new java.util.ArrayList<>();

    static {
        CompactRange range = new CompactRange();
        ROOTS.add(range.root());
        for (int i = 0; i < SIZE; i++) {
            List<Node> done = range.appendEntry(("leaf " + i).getBytes(StandardCharsets.UTF_8));
            NODES.putAll(done);
            for (Node n : done) {
                if (Tiles.isTileHash(n.id())) {
                    TILES.computeIfAbsent(Tiles.tileOf(n.id()), k -> new ByteArrayOutputStream()).writeBytes(n.hash());
                }
            }
            if (i < 2000 || i % 997 == 0 || i == SIZE - 1) {
                ROOTS.add(range.root());
            } else {
                ROOTS.add(null);
            }
        }
    }

    private static byte[] readTile(TilePath.Hashes t) throws IOException {
        ByteArrayOutputStream data = TILES.get(new TilePath.Hashes(t.level(), t.index(), 256));
        if (data == null) {
            throw new IOException("no tile " + t.path());
        }
        return data.toByteArray();
    }

    @Property(tries = 200)
    void tileProofsEqualNodeProofs(@ForAll @LongRange(min = 1, max = SIZE) long size,
            @ForAll @LongRange(min = 0, max = SIZE - 1) long index, @ForAll @LongRange(min = 1, max = SIZE) long old)
            throws Exception {
        long i = index % size;
        long first = Math.min(old, size);
        ProofBuilder fromTiles = new ProofBuilder(new TileHashReader(size, TileHashReaderTest::readTile));
        ProofBuilder fromNodes = new ProofBuilder(NODES);
        byte[] root = fromTiles.root(size);
        assertThat(root).isEqualTo(fromNodes.root(size));
        List<byte[]> incl = fromTiles.inclusionProof(i, size);
        assertThat(incl).containsExactlyElementsOf(fromNodes.inclusionProof(i, size));
        ProofVerifier.verifyInclusion(i, size, Rfc6962.leafHash(("leaf " + i).getBytes(StandardCharsets.UTF_8)), incl, root);
        List<byte[]> cons = fromTiles.consistencyProof(first, size);
        assertThat(cons).containsExactlyElementsOf(fromNodes.consistencyProof(first, size));
    }

    @Test
    void rootsFromTilesMatchTheCompactRangeAtEveryRecordedSize() throws Exception {
        for (int s = 0; s < ROOTS.size(); s++) {
            if (ROOTS.get(s) != null) {
                byte[] r = new ProofBuilder(new TileHashReader(s, TileHashReaderTest::readTile)).root(s);
                assertThat(r).as("root at %d", s).isEqualTo(ROOTS.get(s));
            }
        }
    }

    @Test
    void tilesBuiltFromStoredNodesMatchTilesBuiltWhileAppending() throws Exception {
        for (TilePath.Hashes t : Tiles.hashTiles(SIZE)) {
            byte[] expected = java.util.Arrays.copyOf(readTile(t), t.width() * 32);
            assertThat(Tiles.tileContent(t, NODES)).as(t.path()).isEqualTo(expected);
        }
    }

    @Test
    void shortTileIsAnIoError() {
        TileHashReader reader = new TileHashReader(SIZE, t -> new byte[31]);
        assertThatThrownBy(() -> new ProofBuilder(reader).inclusionProof(5, SIZE)).isInstanceOf(IOException.class)
                .hasMessageContaining("tile/0/000");
    }

    @Test
    void askingForANodeBeyondTheTreeIsACallerMistake() {
        TileHashReader reader = new TileHashReader(10, TileHashReaderTest::readTile);
        assertThatThrownBy(() -> reader.readHashes(List.of(new org.computegov.ledger.merkle.NodeId(0, 10))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
