package org.computegov.cli.log;

import java.util.List;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.checkpoint.SignedCheckpoint;
import org.computegov.ledger.keys.KeyIds;
import org.computegov.ledger.note.Ed25519NoteVerifier;
import org.computegov.ledger.note.NoteSignature;
import org.computegov.ledger.note.VerifierSet;
import org.computegov.ledger.witness.CosignaturePolicy;
import org.computegov.ledger.witness.CosignatureVerifier;

/**
 * Whom a checkpoint must come from: the log's key, and optionally at least {@code quorum} of the given witnesses
 * (C2SP tlog-cosignature). The checkpoint's origin is its own first line; it is not assumed to be the key's name.
 */
public final class CheckpointTrust {
    private final Ed25519NoteVerifier logKey;
    private final List<CosignatureVerifier> witnesses;
    private final int quorum;

    /** A checkpoint that met the policy, with who signed and cosigned it. */
    public record Opened(Checkpoint checkpoint, byte[] note, List<String> logSigners, List<String> witnessSigners) {}

    public CheckpointTrust(Ed25519NoteVerifier logKey, List<CosignatureVerifier> witnesses, int quorum) {
        if (witnesses.isEmpty() ? quorum != 0 : quorum < 1 || quorum > witnesses.size()) {
            throw new IllegalArgumentException("quorum " + quorum + " does not fit " + witnesses.size() + " witnesses");
        }
        this.logKey = logKey;
        this.witnesses = List.copyOf(witnesses);
        this.quorum = quorum;
    }

    public Ed25519NoteVerifier logKey() {
        return logKey;
    }

    public int quorum() {
        return quorum;
    }

    public int witnessCount() {
        return witnesses.size();
    }

    /**
     * Verifies a signed checkpoint note.
     *
     * @throws VerificationException if it is malformed, lacks a valid log signature, carries a bad signature by a
     *     trusted key, or has fewer than the quorum of witness cosignatures
     */
    public Opened open(byte[] note) throws VerificationException {
        if (witnesses.isEmpty()) {
            SignedCheckpoint sc = SignedCheckpoint.open(note, VerifierSet.of(logKey));
            return new Opened(sc.checkpoint(), note, names(sc.note().verified()), List.of());
        }
        CosignaturePolicy.Witnessed w = new CosignaturePolicy(VerifierSet.of(logKey), witnesses, quorum).verify(note);
        List<NoteSignature> logSigs = w.checkpoint().note().verified().stream()
                .filter(s -> !w.cosignatures().contains(s)).toList();
        return new Opened(w.checkpoint().checkpoint(), note, names(logSigs), names(w.cosignatures()));
    }

    private static List<String> names(List<NoteSignature> sigs) {
        return sigs.stream().map(s -> s.name() + "+" + KeyIds.hex(s.keyId())).distinct().toList();
    }
}
