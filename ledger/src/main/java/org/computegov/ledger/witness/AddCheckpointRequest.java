package org.computegov.ledger.witness;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.computegov.ledger.Bytes;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.merkle.Rfc6962;

/**
 * The body of a tlog-witness {@code add-checkpoint} request: {@code old <N>\n}, up to 63 base64
 * consistency proof lines, an empty line, then the signed checkpoint note.
 */
public record AddCheckpointRequest(long oldSize, List<byte[]> consistencyProof, byte[] checkpoint) {
    /** The most proof lines a client may send. */
    public static final int MAX_PROOF_LINES = 63;
    /** Largest request body accepted. */
    public static final int MAX_SIZE = 1 << 20;

    public AddCheckpointRequest {
        if (oldSize < 0) {
            throw new IllegalArgumentException("old size must be non-negative: " + oldSize);
        }
        if (consistencyProof.size() > MAX_PROOF_LINES) {
            throw new IllegalArgumentException("at most " + MAX_PROOF_LINES + " proof hashes");
        }
        List<byte[]> copy = new ArrayList<>(consistencyProof.size());
        for (byte[] h : consistencyProof) {
            if (h.length != Rfc6962.HASH_SIZE) {
                throw new IllegalArgumentException("proof hashes must be " + Rfc6962.HASH_SIZE + " bytes");
            }
            copy.add(h.clone());
        }
        consistencyProof = List.copyOf(copy);
        checkpoint = checkpoint.clone();
    }

    @Override
    public List<byte[]> consistencyProof() {
        return consistencyProof.stream().map(byte[]::clone).toList();
    }

    @Override
    public byte[] checkpoint() {
        return checkpoint.clone();
    }

    /** Parses a request body strictly. */
    public static AddCheckpointRequest parse(byte[] body) throws FormatException {
        if (body.length > MAX_SIZE) {
            throw new FormatException("request body larger than " + MAX_SIZE + " bytes");
        }
        int pos = 0;
        List<String> header = new ArrayList<>();
        while (true) {
            int nl = indexOf(body, pos);
            if (nl < 0) {
                throw new FormatException("request ends before the empty line that precedes the checkpoint");
            }
            String line = new String(body, pos, nl - pos, StandardCharsets.US_ASCII);
            pos = nl + 1;
            if (line.isEmpty()) {
                break;
            }
            header.add(line);
            if (header.size() > 1 + MAX_PROOF_LINES) {
                throw new FormatException("more than " + MAX_PROOF_LINES + " consistency proof lines");
            }
        }
        if (header.isEmpty() || !header.get(0).startsWith("old ")) {
            throw new FormatException("request must start with an 'old <size>' line");
        }
        long oldSize = Bytes.parseDecimal(header.get(0).substring(4), "old size");
        List<byte[]> proof = new ArrayList<>();
        for (String line : header.subList(1, header.size())) {
            byte[] h = Bytes.decodeBase64Strict(line, "consistency proof line");
            if (h.length != Rfc6962.HASH_SIZE) {
                throw new FormatException("consistency proof hash must be " + Rfc6962.HASH_SIZE + " bytes, got " + h.length);
            }
            proof.add(h);
        }
        byte[] checkpoint = Arrays.copyOfRange(body, pos, body.length);
        if (checkpoint.length == 0) {
            throw new FormatException("request has no checkpoint");
        }
        return new AddCheckpointRequest(oldSize, proof, checkpoint);
    }

    /** Returns the encoded request body. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("old " + oldSize + "\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] h : consistencyProof) {
            out.writeBytes((Bytes.base64(h) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write('\n');
        out.writeBytes(checkpoint);
        return out.toByteArray();
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
