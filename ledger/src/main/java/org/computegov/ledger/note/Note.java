package org.computegov.ledger.note;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.computegov.ledger.Bytes;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.keys.KeyIds;

/**
 * A C2SP signed note, parsed but not verified: the text (ending in a newline) and its signature
 * lines, which follow the last blank line.
 *
 * <p>Its text must not be trusted until {@link Notes#open} verified it.
 */
public record Note(String text, List<NoteSignature> signatures) {
    /** The most signatures a note may carry; the spec requires accepting at least 16. */
    public static final int MAX_SIGNATURES = 100;
    /** The largest encoded note accepted, a bound on work for hostile input. */
    public static final int MAX_SIZE = 1 << 20;

    public Note {
        checkText(text);
        signatures = List.copyOf(signatures);
        if (signatures.size() > MAX_SIGNATURES) {
            throw new IllegalArgumentException("a note carries at most " + MAX_SIGNATURES + " signatures");
        }
    }

    /** Checks note text: non-empty, newline-terminated, no control characters but newline. */
    static void checkText(String text) {
        if (text == null || text.isEmpty() || !text.endsWith("\n")) {
            throw new IllegalArgumentException("note text must be non-empty and end with a newline");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw new IllegalArgumentException("note text contains control character " + (int) c);
            }
        }
        if (text.codePoints().anyMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF)) {
            throw new IllegalArgumentException("note text contains an unpaired surrogate");
        }
    }

    /** Parses a signed note's structure (not its signatures' validity). */
    public static Note parse(byte[] encoded) throws FormatException {
        if (encoded.length > MAX_SIZE) {
            throw new FormatException("malformed note: larger than " + MAX_SIZE + " bytes");
        }
        String all;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(encoded));
            all = chars.toString();
        } catch (CharacterCodingException e) {
            throw new FormatException("malformed note: not valid UTF-8", e);
        }
        for (int i = 0; i < all.length(); i++) {
            char c = all.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw new FormatException("malformed note: control character " + (int) c + " at offset " + i);
            }
        }
        int split = all.lastIndexOf("\n\n");
        if (split < 0) {
            throw new FormatException("malformed note: no blank line before signatures");
        }
        String text = all.substring(0, split + 1);
        String sigs = all.substring(split + 2);
        if (sigs.isEmpty() || !sigs.endsWith("\n")) {
            throw new FormatException("malformed note: signature block is empty or lacks a final newline");
        }
        String[] lines = sigs.substring(0, sigs.length() - 1).split("\n", -1);
        if (lines.length > MAX_SIGNATURES) {
            throw new FormatException("malformed note: more than " + MAX_SIGNATURES + " signatures");
        }
        List<NoteSignature> out = new ArrayList<>(lines.length);
        for (String line : lines) {
            out.add(parseLine(line));
        }
        return new Note(text, out);
    }

    private static NoteSignature parseLine(String line) throws FormatException {
        if (!line.startsWith(NoteSignature.PREFIX)) {
            throw new FormatException("malformed note: signature line does not start with an em dash: '" + line + "'");
        }
        String rest = line.substring(NoteSignature.PREFIX.length());
        int space = rest.indexOf(' ');
        if (space < 0) {
            throw new FormatException("malformed note: signature line lacks a signature: '" + line + "'");
        }
        String name = rest.substring(0, space);
        String b64 = rest.substring(space + 1);
        if (!KeyIds.isValidName(name)) {
            throw new FormatException("malformed note: invalid key name on signature line: '" + line + "'");
        }
        // Canonical padded base64 only, so that a signed note has exactly one encoding.
        byte[] raw;
        try {
            raw = Bytes.decodeBase64Strict(b64, "signature");
        } catch (FormatException e) {
            throw new FormatException("malformed note: " + e.getMessage() + ": '" + line + "'", e);
        }
        if (raw.length < 5) {
            throw new FormatException("malformed note: signature too short: '" + line + "'");
        }
        int keyId = ByteBuffer.wrap(raw, 0, 4).getInt();
        return new NoteSignature(name, keyId, Arrays.copyOfRange(raw, 4, raw.length));
    }

    /** Returns the text bytes that signatures cover. */
    public byte[] textBytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns this note with more signatures appended (e.g. witness cosignatures). */
    public Note withSignatures(List<NoteSignature> more) {
        List<NoteSignature> all = new ArrayList<>(signatures);
        all.addAll(more);
        return new Note(text, all);
    }

    /** Returns the encoded note: text, blank line, signature lines. */
    public byte[] encode() {
        if (signatures.isEmpty()) {
            throw new IllegalStateException("a note needs at least one signature to be encoded");
        }
        StringBuilder sb = new StringBuilder(text).append('\n');
        signatures.forEach(s -> sb.append(s.line()));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
