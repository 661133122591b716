package org.computegov.server.log;

import java.util.List;

/**
 * Proof that an entry is in the log, verifiable offline: the entry's index and leaf hash, a checkpoint signed by
 * the log, and the inclusion proof from the leaf to that checkpoint's root (hashes base64, as the note is text).
 */
public record Receipt(long index, String leafHash, String checkpoint, List<String> inclusionProof) {
    public Receipt {
        inclusionProof = List.copyOf(inclusionProof);
    }
}
