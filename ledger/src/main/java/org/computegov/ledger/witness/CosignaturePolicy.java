package org.computegov.ledger.witness;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.checkpoint.SignedCheckpoint;
import org.computegov.ledger.note.NoteSignature;
import org.computegov.ledger.note.NoteVerifier;
import org.computegov.ledger.note.Notes;
import org.computegov.ledger.note.VerifiedNote;
import org.computegov.ledger.note.VerifierSet;

/**
 * A client's k-of-n witness policy: a checkpoint is accepted only if the log signed it and at least
 * {@code threshold} distinct trusted witnesses cosigned it, which defeats split views.
 */
public final class CosignaturePolicy {
    private final VerifierSet logKeys;
    private final List<CosignatureVerifier> witnesses;
    private final int threshold;

    public CosignaturePolicy(VerifierSet logKeys, List<CosignatureVerifier> witnesses, int threshold) {
        if (threshold < 1 || threshold > witnesses.size()) {
            throw new IllegalArgumentException("threshold must be in [1, " + witnesses.size() + "]: " + threshold);
        }
        this.logKeys = logKeys;
        this.witnesses = List.copyOf(witnesses);
        this.threshold = threshold;
    }

    /** A checkpoint that met the policy, with the cosignatures that counted. */
    public record Witnessed(SignedCheckpoint checkpoint, List<NoteSignature> cosignatures) {}

    /**
     * Verifies a checkpoint note carrying log signature(s) and witness cosignatures.
     *
     * @throws VerificationException if the note is malformed, lacks a valid log signature, carries
     *     a bad signature from any trusted key, or has fewer than the threshold of cosignatures
     */
    public Witnessed verify(byte[] note) throws VerificationException {
        VerifiedNote opened = Notes.open(note, logKeys.plus(witnesses));
        Set<Id> witnessIds = new HashSet<>();
        witnesses.forEach(w -> witnessIds.add(new Id(w.name(), w.keyId())));
        List<NoteSignature> logSigs = new ArrayList<>();
        List<NoteSignature> cosigs = new ArrayList<>();
        Set<Id> counted = new HashSet<>();
        for (NoteSignature s : opened.verified()) {
            Id id = new Id(s.name(), s.keyId());
            if (!witnessIds.contains(id)) {
                logSigs.add(s);
            } else if (counted.add(id)) {
                cosigs.add(s);
            }
        }
        if (logSigs.isEmpty()) {
            throw new VerificationException("checkpoint has no valid signature from the log's key");
        }
        if (cosigs.size() < threshold) {
            throw new VerificationException("checkpoint has " + cosigs.size() + " valid witness cosignatures, need "
                    + threshold);
        }
        Checkpoint cp = Checkpoint.parse(opened.text());
        return new Witnessed(new SignedCheckpoint(cp, opened), cosigs);
    }

    private record Id(String name, int keyId) {}

    /** Exposes the witness verifiers for wiring (e.g. to build a combined {@link VerifierSet}). */
    public List<? extends NoteVerifier> witnesses() {
        return witnesses;
    }
}
