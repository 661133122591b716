package org.computegov.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * JSON texts exchanged between systems must be UTF-8 (RFC 8259 §8.1), but JSON parsers also detect and read
 * UTF-16 and UTF-32: bytes kept exactly as signed would then read differently to another reader. A UTF-8 JSON text
 * never holds a zero byte (control characters in strings are escaped), so a zero byte means another encoding.
 */
public final class Utf8Json {
    private Utf8Json() {}

    /** Throws unless {@code bytes} are UTF-8 without a byte-order mark and without a zero byte. */
    public static void require(byte[] bytes, String what) throws FormatException {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            throw new FormatException(what + " must be UTF-8 JSON without a byte-order mark");
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw new FormatException(what + " must be UTF-8 JSON (it holds a zero byte: UTF-16 or UTF-32?)");
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new FormatException(what + " must be UTF-8 JSON (it holds a byte sequence that is not UTF-8)");
        }
    }
}
