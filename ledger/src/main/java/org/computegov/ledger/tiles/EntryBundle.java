package org.computegov.ledger.tiles;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.computegov.ledger.FormatException;

/**
 * The C2SP tlog-tiles entry bundle encoding: each entry as a big-endian uint16 length followed
 * by its bytes, up to 256 entries.
 */
public final class EntryBundle {
    /** Largest entry the uint16 length prefix can describe. */
    public static final int MAX_ENTRY_SIZE = 0xFFFF;

    private EntryBundle() {}

    /** Encodes entries into a bundle. */
    public static byte[] encode(List<byte[]> entries) {
        if (entries.isEmpty() || entries.size() > TilePath.FULL_WIDTH) {
            throw new IllegalArgumentException("a bundle holds 1 to 256 entries, got " + entries.size());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] e : entries) {
            if (e.length > MAX_ENTRY_SIZE) {
                throw new IllegalArgumentException("entry of " + e.length + " bytes exceeds " + MAX_ENTRY_SIZE);
            }
            out.write(e.length >>> 8);
            out.write(e.length & 0xFF);
            out.write(e, 0, e.length);
        }
        return out.toByteArray();
    }

    /** Decodes a bundle, rejecting truncation, trailing bytes, and more than 256 entries. */
    public static List<byte[]> decode(byte[] bundle) throws FormatException {
        List<byte[]> out = new ArrayList<>();
        int pos = 0;
        while (pos < bundle.length) {
            if (out.size() == TilePath.FULL_WIDTH) {
                throw new FormatException("entry bundle holds more than 256 entries");
            }
            if (bundle.length - pos < 2) {
                throw new FormatException("entry bundle ends inside a length prefix at byte " + pos);
            }
            int len = ((bundle[pos] & 0xFF) << 8) | (bundle[pos + 1] & 0xFF);
            pos += 2;
            if (bundle.length - pos < len) {
                throw new FormatException("entry " + out.size() + " claims " + len + " bytes, only "
                        + (bundle.length - pos) + " remain");
            }
            byte[] e = new byte[len];
            System.arraycopy(bundle, pos, e, 0, len);
            out.add(e);
            pos += len;
        }
        return out;
    }

    /** Decodes a bundle that must hold exactly {@code width} entries (the tile path's width). */
    public static List<byte[]> decode(byte[] bundle, int width) throws FormatException {
        List<byte[]> out = decode(bundle);
        if (out.size() != width) {
            throw new FormatException("entry bundle holds " + out.size() + " entries, expected " + width);
        }
        return out;
    }
}
