package org.computegov.ledger.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.merkle.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tile paths and tile sets, with the examples from the tlog-tiles spec. */
class TilesTest {

    @Test
    void encodesIndexInThreeDigitGroupsAsTheSpecShows() {
        assertThat(TilePath.encodeIndex(1234067)).isEqualTo("x001/x234/067");
        assertThat(TilePath.encodeIndex(0)).isEqualTo("000");
        assertThat(TilePath.encodeIndex(5)).isEqualTo("005");
        assertThat(TilePath.encodeIndex(1000)).isEqualTo("x001/000");
        assertThat(TilePath.encodeIndex(Long.MAX_VALUE)).isEqualTo("x009/x223/x372/x036/x854/x775/807");
    }

    @Test
    void formatsAndParsesBothKinds() throws Exception {
        TilePath full = new TilePath.Hashes(0, 1234067, 256);
        TilePath partial = new TilePath.Hashes(2, 5, 17);
        TilePath bundle = new TilePath.Entries(1234067, 256);
        TilePath partialBundle = new TilePath.Entries(0, 1);
        assertThat(full.path()).isEqualTo("tile/0/x001/x234/067");
        assertThat(partial.path()).isEqualTo("tile/2/005.p/17");
        assertThat(bundle.path()).isEqualTo("tile/entries/x001/x234/067");
        assertThat(partialBundle.path()).isEqualTo("tile/entries/000.p/1");
        for (TilePath t : List.of(full, partial, bundle, partialBundle, new TilePath.Hashes(63, Long.MAX_VALUE, 255))) {
            assertThat(TilePath.parse(t.path())).isEqualTo(t);
        }
        assertThat(partial.isPartial()).isTrue();
        assertThat(full.isPartial()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "tile/", "tile/0", "tile/0/", "tile/0/1", "tile/0/01", "tile/0/0001", "tile/00/000", "tile/01/000",
        "tile/64/000", "tile/-1/000", "tile/0/x000/001", "tile/0/x001", "tile/0/001/002", "tile/0/x1/000",
        "tile/0/000.p/0", "tile/0/000.p/256", "tile/0/000.p/007", "tile/0/000.p/", "tile/0/000.p",
        "tile/0/000/", "/tile/0/000", "tile/0/000 ", "tile/entry/000", "tile/entries/000.p/300",
        "tile/0/x999/x999/x999/x999/x999/x999/999", "tile/0/X001/000", "tile/０/000"
    })
    void rejectsNonCanonicalOrInvalidPaths(String path) {
        assertThatThrownBy(() -> TilePath.parse(path)).isInstanceOf(FormatException.class);
    }

    @Test
    void treeOfSize70000HasTheTilesTheSpecLists() {
        List<TilePath.Hashes> tiles = Tiles.hashTiles(70_000);
        assertThat(tiles.stream().filter(t -> t.level() == 0 && !t.isPartial())).hasSize(273);
        assertThat(tiles.stream().filter(t -> t.level() == 0 && t.isPartial()).collect(Collectors.toList()))
                .containsExactly(new TilePath.Hashes(0, 273, 112));
        assertThat(tiles.stream().filter(t -> t.level() == 1).collect(Collectors.toList()))
                .containsExactly(new TilePath.Hashes(1, 0, 256), new TilePath.Hashes(1, 1, 17));
        assertThat(tiles.stream().filter(t -> t.level() == 2).collect(Collectors.toList()))
                .containsExactly(new TilePath.Hashes(2, 0, 1));
        assertThat(tiles).hasSize(273 + 1 + 2 + 1);
        assertThat(Tiles.entryBundles(70_000)).hasSize(274).last().isEqualTo(new TilePath.Entries(273, 112));
    }

    @Test
    void treeOfSize256HasAFullTileAndAPartialLevelOneTile() {
        assertThat(Tiles.hashTiles(256)).containsExactly(new TilePath.Hashes(0, 0, 256), new TilePath.Hashes(1, 0, 1));
        assertThat(Tiles.hashTiles(0)).isEmpty();
        assertThat(Tiles.hashTiles(1)).containsExactly(new TilePath.Hashes(0, 0, 1));
    }

    @Test
    void changedTilesAreWhatGrowthAddsOrWidens() {
        assertThat(Tiles.changedHashTiles(255, 256))
                .containsExactly(new TilePath.Hashes(0, 0, 256), new TilePath.Hashes(1, 0, 1));
        assertThat(Tiles.changedHashTiles(256, 300)).containsExactly(new TilePath.Hashes(0, 1, 44));
        assertThat(Tiles.changedHashTiles(300, 300)).isEmpty();
        assertThat(Tiles.changedHashTiles(0, 70_000)).isEqualTo(Tiles.hashTiles(70_000));
        assertThat(Tiles.changedHashTiles(65_535, 65_536)).containsExactly(new TilePath.Hashes(0, 255, 256),
                new TilePath.Hashes(1, 0, 256), new TilePath.Hashes(2, 0, 1));
    }

    @Test
    void tileLevelNodesMapToTilePositions() {
        NodeId leaf = new NodeId(0, 1234067);
        assertThat(Tiles.tileOf(leaf)).isEqualTo(new TilePath.Hashes(0, 1234067 / 256, 256));
        assertThat(Tiles.positionInTile(leaf)).isEqualTo(1234067 % 256);
        assertThat(Tiles.tileOf(new NodeId(8, 300))).isEqualTo(new TilePath.Hashes(1, 1, 256));
        assertThat(Tiles.isTileHash(new NodeId(3, 0))).isFalse();
        assertThatThrownBy(() -> Tiles.tileOf(new NodeId(3, 0))).isInstanceOf(IllegalArgumentException.class);
    }
}
