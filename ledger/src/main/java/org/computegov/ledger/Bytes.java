package org.computegov.ledger;

import java.util.Base64;
import java.util.HexFormat;

/** Small encoding helpers shared by the protocol packages (standard base64, lowercase hex). */
public final class Bytes {
    private static final HexFormat HEX = HexFormat.of();

    private Bytes() {}

    /** Returns the standard (RFC 4648 §4) padded base64 encoding. */
    public static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    /**
     * Decodes strict standard base64: padded, and canonical (re-encoding gives the same text), so
     * that one value has exactly one text form in signed material.
     */
    public static byte[] decodeBase64Strict(String text, String what) throws FormatException {
        byte[] out;
        try {
            out = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new FormatException(what + " is not valid base64", e);
        }
        if (!Base64.getEncoder().encodeToString(out).equals(text)) {
            throw new FormatException(what + " is not canonical padded base64");
        }
        return out;
    }

    /** Returns the lowercase hex encoding. */
    public static String hex(byte[] data) {
        return HEX.formatHex(data);
    }

    /** Parses a non-negative decimal with no leading zeros and no sign, as C2SP formats require. */
    public static long parseDecimal(String text, String what) throws FormatException {
        if (text.isEmpty() || text.length() > 19) {
            throw new FormatException(what + " is not a decimal number in range: '" + text + "'");
        }
        if (text.length() > 1 && text.charAt(0) == '0') {
            throw new FormatException(what + " has leading zeros: '" + text + "'");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new FormatException(what + " is not a decimal number: '" + text + "'");
            }
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new FormatException(what + " is out of range: '" + text + "'", e);
        }
    }
}
