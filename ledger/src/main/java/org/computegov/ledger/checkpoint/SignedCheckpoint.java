package org.computegov.ledger.checkpoint;

import java.util.List;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.note.NoteSigner;
import org.computegov.ledger.note.Notes;
import org.computegov.ledger.note.VerifiedNote;
import org.computegov.ledger.note.VerifierSet;

/** A checkpoint together with the note that carried it, verified against the log's keys. */
public record SignedCheckpoint(Checkpoint checkpoint, VerifiedNote note) {
    public SignedCheckpoint {
        if (checkpoint == null || note == null || !checkpoint.body().equals(note.text())) {
            throw new IllegalArgumentException("checkpoint must be the note's text");
        }
    }

    /**
     * Verifies a signed checkpoint note against the log's keys and parses its body.
     *
     * @throws FormatException if the note or its body is malformed
     * @throws VerificationException if no trusted log signature verifies, or a trusted one fails
     */
    public static SignedCheckpoint open(byte[] encodedNote, VerifierSet logKeys) throws VerificationException {
        VerifiedNote note = Notes.open(encodedNote, logKeys);
        return new SignedCheckpoint(Checkpoint.parse(note.text()), note);
    }

    /** Signs a checkpoint with the log's key(s) and returns the encoded note. */
    public static byte[] sign(Checkpoint checkpoint, NoteSigner... signers) {
        return Notes.sign(checkpoint.body(), List.of(signers));
    }
}
