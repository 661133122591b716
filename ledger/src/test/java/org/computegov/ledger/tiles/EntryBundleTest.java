package org.computegov.ledger.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.computegov.ledger.FormatException;
import org.junit.jupiter.api.Test;

class EntryBundleTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encodesBigEndianUint16LengthPrefixes() {
        byte[] bundle = EntryBundle.encode(List.of(new byte[0], HEX.parseHex("abcd"), new byte[300]));
        assertThat(HEX.formatHex(bundle, 0, 8)).isEqualTo("00000002abcd012c");
        assertThat(bundle).hasSize(2 + 4 + 302);
    }

    @Test
    void roundTripsAFullBundleWithMaximalEntry() throws Exception {
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            entries.add(i == 7 ? new byte[EntryBundle.MAX_ENTRY_SIZE] : new byte[] {(byte) i});
        }
        List<byte[]> back = EntryBundle.decode(EntryBundle.encode(entries), 256);
        assertThat(back).hasSize(256);
        for (int i = 0; i < 256; i++) {
            assertThat(back.get(i)).isEqualTo(entries.get(i));
        }
    }

    @Test
    void rejectsTruncationTrailingBytesAndWrongCounts() {
        assertThatThrownBy(() -> EntryBundle.decode(HEX.parseHex("0003abcd"))).isInstanceOf(FormatException.class)
                .hasMessageContaining("claims 3 bytes");
        assertThatThrownBy(() -> EntryBundle.decode(HEX.parseHex("0001ab00"))).isInstanceOf(FormatException.class)
                .hasMessageContaining("length prefix");
        assertThatThrownBy(() -> EntryBundle.decode(HEX.parseHex("0001ab"), 2)).isInstanceOf(FormatException.class);
        byte[] tooMany = new byte[257 * 2];
        assertThatThrownBy(() -> EntryBundle.decode(tooMany)).hasMessageContaining("more than 256");
        assertThatThrownBy(() -> EntryBundle.encode(List.of(new byte[65536]))).isInstanceOf(IllegalArgumentException.class);
    }
}
