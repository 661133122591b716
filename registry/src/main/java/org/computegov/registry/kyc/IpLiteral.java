package org.computegov.registry.kyc;

/**
 * Strict IPv4 and IPv6 address literals, parsed by hand: {@code InetAddress.getByName} would look up anything that
 * is not a literal in the DNS (and {@code InetAddress.ofLiteral} only came with Java 22).
 *
 * <p>IPv4 is the dotted quad, four decimal numbers 0–255 without leading zeros ({@code 010} is octal to some
 * parsers and decimal to others, so it is refused). IPv6 is RFC 4291's text form: eight groups of one to four hex
 * digits, at most one {@code ::} standing for one or more zero groups, optionally ending in a dotted quad.
 * Zone ids ({@code fe80::1%eth0}), brackets, prefix lengths and white space are refused: an access event records
 * where a customer came from, and a zone only means something on the provider's own host.
 */
final class IpLiteral {
    /** {@code ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255}. */
    static final int MAX_LENGTH = 45;

    private IpLiteral() {
    }

    static boolean isValid(String s) {
        return parse(s) != null;
    }

    /** The address's 4 or 16 bytes, or null when {@code s} is not a literal as described above. */
    static byte[] parse(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_LENGTH) return null;
        return s.indexOf(':') >= 0 ? ipv6(s) : ipv4(s);
    }

    static byte[] ipv4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int i = 0;
        while (true) {
            int start = i;
            int value = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) return null;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && s.charAt(start) == '0')) return null;
            out[part++] = (byte) value;
            if (part == 4) return i == s.length() ? out : null;
            if (i >= s.length() || s.charAt(i) != '.') return null;
            i++;
        }
    }

    static byte[] ipv6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) return null; // two gaps, or ":::"
        byte[] out = new byte[16];
        if (gap < 0) {
            int n = groups(s, out, 0, true);
            return n == 8 ? out : null;
        }
        byte[] head = new byte[16];
        byte[] tail = new byte[16];
        int h = groups(s.substring(0, gap), head, 0, false);
        int t = groups(s.substring(gap + 2), tail, 0, true);
        if (h < 0 || t < 0 || h + t > 7) return null;
        System.arraycopy(head, 0, out, 0, 2 * h);
        System.arraycopy(tail, 0, out, 16 - 2 * t, 2 * t);
        return out;
    }

    /**
     * Parses colon-separated groups into {@code out} from group {@code at}; returns how many 16-bit groups were
     * read (a dotted quad, allowed last when {@code lastPart}, counts two), or -1 when the text is not groups.
     */
    private static int groups(String s, byte[] out, int at, boolean lastPart) {
        if (s.isEmpty()) return 0;
        int n = at;
        int i = 0;
        while (true) {
            int end = s.indexOf(':', i);
            String piece = end < 0 ? s.substring(i) : s.substring(i, end);
            if (end < 0 && lastPart && piece.indexOf('.') >= 0) {
                byte[] v4 = ipv4(piece);
                if (v4 == null || n > 6) return -1;
                System.arraycopy(v4, 0, out, 2 * n, 4);
                return n + 2 - at;
            }
            int value = hexGroup(piece);
            if (value < 0 || n >= 8) return -1;
            out[2 * n] = (byte) (value >> 8);
            out[2 * n + 1] = (byte) value;
            n++;
            if (end < 0) return n - at;
            i = end + 1;
        }
    }

    private static int hexGroup(String piece) {
        if (piece.isEmpty() || piece.length() > 4) return -1;
        int value = 0;
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            int d;
            if (c >= '0' && c <= '9') d = c - '0';
            else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
            else return -1;
            value = value * 16 + d;
        }
        return value;
    }
}
