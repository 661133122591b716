package org.computegov.console.pages;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.note.Note;
import org.computegov.ledger.note.NoteSignature;

/**
 * A signed checkpoint as a page shows it: origin, size, root, and who signed it (the log, then any witnesses).
 *
 * @param note the whole signed note, as served at /log/checkpoint
 */
public record CheckpointView(String origin, long size, String rootHash, List<String> signers, String note) {
    public CheckpointView {
        signers = List.copyOf(signers);
    }

    public static CheckpointView parse(String note) {
        if (note == null) {
            return null;
        }
        try {
            Note n = Note.parse(note.getBytes(StandardCharsets.UTF_8));
            Checkpoint c = Checkpoint.parse(n.text());
            List<String> signers = new ArrayList<>();
            for (NoteSignature s : n.signatures()) {
                signers.add(s.name());
            }
            return new CheckpointView(c.origin(), c.size(), Base64.getEncoder().encodeToString(c.rootHash()), signers, note);
        } catch (FormatException e) {
            throw new IllegalStateException("the log's checkpoint does not parse: " + e.getMessage(), e);
        }
    }

    /** Signers after the first (the log's own signature): the witnesses that cosigned. */
    public List<String> witnesses() {
        return signers.size() <= 1 ? List.of() : signers.subList(1, signers.size());
    }
}
