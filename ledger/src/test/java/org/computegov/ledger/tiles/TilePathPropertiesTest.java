package org.computegov.ledger.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class TilePathPropertiesTest {
    @Property(tries = 500)
    void hashTilePathsRoundTrip(@ForAll @IntRange(min = 0, max = 63) int level,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long index, @ForAll @IntRange(min = 1, max = 256) int width)
            throws Exception {
        TilePath t = new TilePath.Hashes(level, index, width);
        assertThat(TilePath.parse(t.path())).isEqualTo(t);
        String digits = TilePath.encodeIndex(index).replace("x", "").replace("/", "");
        assertThat(digits.length() % 3).isZero();
        assertThat(Long.parseLong(digits)).isEqualTo(index);
    }

    @Property(tries = 200)
    void entryBundlePathsRoundTrip(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long index,
            @ForAll @IntRange(min = 1, max = 256) int width) throws Exception {
        TilePath t = new TilePath.Entries(index, width);
        assertThat(TilePath.parse(t.path())).isEqualTo(t);
    }
}
