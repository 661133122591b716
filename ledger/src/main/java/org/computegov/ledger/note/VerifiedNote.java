package org.computegov.ledger.note;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A note whose text at least one trusted key signed: the text, the verified signatures, and the
 * signatures from keys not in the verifier set (kept so they can be passed on, e.g. cosignatures).
 */
public record VerifiedNote(String text, List<NoteSignature> verified, List<NoteSignature> unverified) {
    public VerifiedNote {
        if (verified.isEmpty()) {
            throw new IllegalArgumentException("a verified note has at least one verified signature");
        }
        verified = List.copyOf(verified);
        unverified = List.copyOf(unverified);
    }

    /** Returns the verified text bytes. */
    public byte[] textBytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the note with all its signatures, verified first, as it can be passed on. */
    public Note note() {
        List<NoteSignature> all = new java.util.ArrayList<>(verified);
        all.addAll(unverified);
        return new Note(text, all);
    }
}
