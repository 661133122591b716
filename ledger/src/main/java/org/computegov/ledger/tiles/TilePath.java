package org.computegov.ledger.tiles;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.computegov.ledger.FormatException;

/**
 * The address of a C2SP tlog-tiles resource: a Merkle hash tile {@code tile/<L>/<N>[.p/<W>]} or an
 * entry bundle {@code tile/entries/<N>[.p/<W>]}.
 *
 * <p>{@code width} is the number of hashes or entries, 256 for a full tile; only partial tiles
 * carry the {@code .p/<W>} suffix. Parsing is strict, so that every resource has exactly one path.
 */
public sealed interface TilePath permits TilePath.Hashes, TilePath.Entries {
    /** Hashes per full tile, and entries per full bundle (tile height 8). */
    int FULL_WIDTH = 256;

    /** Returns the tile's index N within its level. */
    long index();

    /** Returns the number of hashes or entries in the tile (1..256). */
    int width();

    /** Returns true for a partial tile (width below 256). */
    default boolean isPartial() {
        return width() < FULL_WIDTH;
    }

    /** Returns the path relative to the log prefix, e.g. {@code tile/0/x001/x234/067.p/8}. */
    String path();

    /** A Merkle hash tile at tile level {@code level} (Merkle level {@code 8 * level}). */
    record Hashes(int level, long index, int width) implements TilePath {
        public Hashes {
            if (level < 0 || level > 63) {
                throw new IllegalArgumentException("tile level must be in [0, 63]: " + level);
            }
            checkIndexAndWidth(index, width);
        }

        @Override
        public String path() {
            return "tile/" + level + "/" + encode(index, width);
        }
    }

    /** An entry bundle, holding the entries whose leaf hashes form level-0 tile {@code index}. */
    record Entries(long index, int width) implements TilePath {
        public Entries {
            checkIndexAndWidth(index, width);
        }

        @Override
        public String path() {
            return "tile/entries/" + encode(index, width);
        }
    }

    /** Parses a tile or entry bundle path, rejecting every non-canonical form. */
    static TilePath parse(String path) throws FormatException {
        Matcher m = Syntax.PATH.matcher(path);
        if (!m.matches()) {
            throw new FormatException("not a tile path: '" + path + "'");
        }
        String groups = m.group(2);
        if (groups.startsWith("x000/")) {
            throw new FormatException("tile index has a leading zero group: '" + path + "'");
        }
        long index = 0;
        for (String g : groups.split("/")) {
            int digits = Integer.parseInt(g.startsWith("x") ? g.substring(1) : g);
            try {
                index = Math.addExact(Math.multiplyExact(index, 1000L), digits);
            } catch (ArithmeticException e) {
                throw new FormatException("tile index out of range: '" + path + "'");
            }
        }
        int width = FULL_WIDTH;
        if (m.group(3) != null) {
            width = Integer.parseInt(m.group(3));
            if (width > 255) {
                throw new FormatException("partial tile width must be in [1, 255]: '" + path + "'");
            }
        }
        if (m.group(1).equals("entries")) {
            return new Entries(index, width);
        }
        int level = Integer.parseInt(m.group(1));
        if (level > 63) {
            throw new FormatException("tile level must be in [0, 63]: '" + path + "'");
        }
        return new Hashes(level, index, width);
    }

    /** Encodes N as zero-padded 3-digit groups, all but the last prefixed with {@code x}. */
    static String encodeIndex(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("tile index must be non-negative: " + index);
        }
        String digits = Long.toString(index);
        int pad = (3 - digits.length() % 3) % 3;
        digits = "0".repeat(pad) + digits;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 3) {
            if (i + 3 < digits.length()) {
                sb.append('x').append(digits, i, i + 3).append('/');
            } else {
                sb.append(digits, i, i + 3);
            }
        }
        return sb.toString();
    }

    private static String encode(long index, int width) {
        return encodeIndex(index) + (width < FULL_WIDTH ? ".p/" + width : "");
    }

    private static void checkIndexAndWidth(long index, int width) {
        if (index < 0) {
            throw new IllegalArgumentException("tile index must be non-negative: " + index);
        }
        if (width < 1 || width > FULL_WIDTH) {
            throw new IllegalArgumentException("tile width must be in [1, 256]: " + width);
        }
    }

    /** Holder for the compiled grammar (interfaces cannot have private static fields). */
    final class Syntax {
        static final Pattern PATH = Pattern.compile(
                "tile/(entries|0|[1-9][0-9]?)/((?:x[0-9]{3}/)*[0-9]{3})(?:\\.p/([1-9][0-9]{0,2}))?");

        private Syntax() {}
    }
}
