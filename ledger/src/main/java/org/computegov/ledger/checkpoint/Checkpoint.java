package org.computegov.ledger.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.computegov.ledger.Bytes;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.merkle.Rfc6962;

/**
 * A C2SP tlog-checkpoint note body: the log's origin, tree size and root hash, plus optional
 * extension lines. It is the text a log signs as a signed note.
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {
    public Checkpoint {
        if (origin == null || origin.isEmpty() || origin.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("origin must be a non-empty single line");
        }
        if (size < 0) {
            throw new IllegalArgumentException("tree size must be non-negative: " + size);
        }
        if (rootHash == null || rootHash.length != Rfc6962.HASH_SIZE) {
            throw new IllegalArgumentException("root hash must be " + Rfc6962.HASH_SIZE + " bytes");
        }
        rootHash = rootHash.clone();
        extensions = List.copyOf(extensions);
        for (String e : extensions) {
            if (e.isEmpty() || e.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("extension lines must be non-empty single lines");
            }
        }
        checkChars(origin);
        extensions.forEach(Checkpoint::checkChars);
    }

    /** Returns a checkpoint without extension lines. */
    public Checkpoint(String origin, long size, byte[] rootHash) {
        this(origin, size, rootHash, List.of());
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** Returns the note text: origin, size and base64 root hash lines, then extensions, each newline-terminated. */
    public String body() {
        StringBuilder sb = new StringBuilder();
        sb.append(origin).append('\n').append(size).append('\n').append(Bytes.base64(rootHash)).append('\n');
        extensions.forEach(e -> sb.append(e).append('\n'));
        return sb.toString();
    }

    /** Returns the note text as UTF-8 bytes. */
    public byte[] bodyBytes() {
        return body().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a checkpoint body strictly (canonical size and root encodings, no empty lines). */
    public static Checkpoint parse(String body) throws FormatException {
        if (body == null || !body.endsWith("\n")) {
            throw new FormatException("checkpoint must end with a newline");
        }
        String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new FormatException("checkpoint needs origin, size and root hash lines, got " + lines.length);
        }
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                throw new FormatException("checkpoint line " + (i + 1) + " is empty");
            }
        }
        long size = Bytes.parseDecimal(lines[1], "checkpoint tree size");
        byte[] root = Bytes.decodeBase64Strict(lines[2], "checkpoint root hash");
        if (root.length != Rfc6962.HASH_SIZE) {
            throw new FormatException("checkpoint root hash must be " + Rfc6962.HASH_SIZE + " bytes, got " + root.length);
        }
        try {
            return new Checkpoint(lines[0], size, root, Arrays.asList(lines).subList(3, lines.length));
        } catch (IllegalArgumentException e) {
            throw new FormatException("invalid checkpoint: " + e.getMessage(), e);
        }
    }

    private static void checkChars(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) < 0x20) {
                throw new IllegalArgumentException("checkpoint lines must not contain control characters");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && c.origin.equals(origin) && c.size == size
                && Arrays.equals(c.rootHash, rootHash) && c.extensions.equals(extensions);
    }

    @Override
    public int hashCode() {
        return (origin.hashCode() * 31 + Long.hashCode(size)) * 31 + Arrays.hashCode(rootHash);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + body().replace("\n", " | ") + "]";
    }
}
