package org.computegov.ledger.keys;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.computegov.ledger.merkle.Rfc6962;

/**
 * The C2SP signed-note key ID: the first four bytes, big-endian, of
 * SHA-256(name || 0x0A || signature type || public key).
 */
public final class KeyIds {
    /** Signature type of plain Ed25519 note signatures. */
    public static final byte TYPE_ED25519 = 0x01;
    /** Signature type of timestamped Ed25519 checkpoint cosignatures (tlog-cosignature). */
    public static final byte TYPE_COSIGNATURE_V1 = 0x04;

    private KeyIds() {}

    /** Returns the key ID for a key name, signature type and public key. */
    public static int keyId(String name, byte type, byte[] publicKey) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        buf.writeBytes(name.getBytes(StandardCharsets.UTF_8));
        buf.write('\n');
        buf.write(type);
        buf.writeBytes(publicKey);
        byte[] h = Rfc6962.sha256(buf.toByteArray());
        return ((h[0] & 0xFF) << 24) | ((h[1] & 0xFF) << 16) | ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
    }

    /** Returns the 8-digit lowercase hex form used in key strings. */
    public static String hex(int keyId) {
        return String.format("%08x", keyId);
    }

    /**
     * Returns whether a key name is valid: non-empty, valid text, without plus signs, Unicode spaces
     * or control characters (which would make signature lines ambiguous).
     */
    public static boolean isValidName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (cp == '+' || cp < 0x20 || cp == 0x7F || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                    || (Character.isSurrogate(name.charAt(i)) && !Character.isSupplementaryCodePoint(cp))) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
