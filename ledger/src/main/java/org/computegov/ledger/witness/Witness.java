package org.computegov.ledger.witness;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.merkle.ProofVerifier;
import org.computegov.ledger.merkle.Rfc6962;
import org.computegov.ledger.note.Note;
import org.computegov.ledger.note.NoteSignature;
import org.computegov.ledger.note.Notes;
import org.computegov.ledger.note.VerifiedNote;
import org.computegov.ledger.note.VerifierSet;

/**
 * The pure logic of a C2SP tlog-witness: checks a submitted checkpoint against the log's keys and
 * the witness's last cosigned state, and cosigns it if it is a consistent extension.
 *
 * <p>Storage is behind {@link WitnessStore}; the check-then-update is a compare-and-set loop, so
 * concurrent requests cannot roll a log back. HTTP wiring maps {@link AddCheckpointResult} directly.
 */
public final class Witness {
    private final List<CosignatureSigner> cosigners;
    private final Map<String, VerifierSet> logs;
    private final WitnessStore store;

    /**
     * @param cosigners the witness's key(s); each returned line comes from one of them
     * @param logs known logs: origin to the verifier keys the witness trusts for it
     * @param store persistent per-origin state
     */
    public Witness(List<CosignatureSigner> cosigners, Map<String, VerifierSet> logs, WitnessStore store) {
        if (cosigners.isEmpty()) {
            throw new IllegalArgumentException("a witness needs at least one cosigner key");
        }
        this.cosigners = List.copyOf(cosigners);
        this.logs = Map.copyOf(logs);
        this.store = store;
    }

    /** Handles a raw add-checkpoint request body; a malformed body is a 400. */
    public AddCheckpointResult addCheckpoint(byte[] requestBody) throws IOException {
        AddCheckpointRequest req;
        try {
            req = AddCheckpointRequest.parse(requestBody);
        } catch (FormatException e) {
            return new AddCheckpointResult.BadRequest(e.getMessage());
        }
        return addCheckpoint(req.oldSize(), req.consistencyProof(), req.checkpoint());
    }

    /**
     * Checks and cosigns a checkpoint.
     *
     * @param oldSize the size of the latest checkpoint the client believes this witness cosigned
     * @param consistencyProof proof from {@code oldSize} to the checkpoint's size (empty if oldSize is 0)
     * @param signedCheckpoint the checkpoint note, signed by the log
     * @throws IOException only if the store fails
     */
    public AddCheckpointResult addCheckpoint(long oldSize, List<byte[]> consistencyProof, byte[] signedCheckpoint)
            throws IOException {
        Checkpoint cp;
        try {
            cp = Checkpoint.parse(Note.parse(signedCheckpoint).text());
        } catch (FormatException e) {
            return new AddCheckpointResult.BadRequest("malformed checkpoint: " + e.getMessage());
        }
        VerifierSet logKeys = logs.get(cp.origin());
        if (logKeys == null) {
            return new AddCheckpointResult.UnknownLog(cp.origin());
        }
        VerifiedNote note;
        try {
            note = Notes.open(signedCheckpoint, logKeys);
        } catch (VerificationException e) {
            return new AddCheckpointResult.Forbidden(e.getMessage());
        }
        if (oldSize > cp.size()) {
            return new AddCheckpointResult.BadRequest("old size " + oldSize + " is greater than checkpoint size " + cp.size());
        }
        if (cp.size() == 0 && !MessageDigest.isEqual(cp.rootHash(), Rfc6962.emptyRoot())) {
            return new AddCheckpointResult.Unprocessable("checkpoint of size 0 must have the empty tree's root");
        }
        while (true) {
            Optional<LogState> latest = store.latest(cp.origin());
            long latestSize = latest.map(LogState::size).orElse(0L);
            if (oldSize != latestSize) {
                return new AddCheckpointResult.Conflict(latestSize);
            }
            Optional<String> inconsistency = checkConsistency(oldSize, consistencyProof, latest, cp);
            if (inconsistency.isPresent()) {
                return new AddCheckpointResult.Unprocessable(inconsistency.get());
            }
            List<NoteSignature> cosignatures = new ArrayList<>(cosigners.size());
            for (CosignatureSigner c : cosigners) {
                cosignatures.add(c.cosign(note.textBytes()));
            }
            byte[] cosigned = new Note(note.text(), note.verified()).withSignatures(cosignatures).encode();
            if (store.compareAndSet(cp.origin(), latest, new LogState(cp.size(), cp.rootHash(), cosigned))) {
                return new AddCheckpointResult.Cosigned(cosignatures);
            }
            // Another request updated the state in between: re-read and decide again.
        }
    }

    /** Returns the latest cosigned checkpoint for an origin (for the monitor retrieval endpoint). */
    public Optional<byte[]> latestCheckpoint(String origin) throws IOException {
        return store.latest(origin).map(LogState::cosignedCheckpoint);
    }

    /**
     * Returns the lowercase hex SHA-256 of an origin: the path element of the monitoring endpoint
     * {@code GET <prefix>/<origin hash>/checkpoint}.
     */
    public static String originHash(String origin) {
        return org.computegov.ledger.Bytes.hex(Rfc6962.sha256(origin.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static Optional<String> checkConsistency(long oldSize, List<byte[]> proof, Optional<LogState> latest,
            Checkpoint cp) {
        if (oldSize == 0) {
            return proof.isEmpty() ? Optional.empty()
                    : Optional.of("consistency proof from the empty tree must be empty");
        }
        byte[] oldRoot = latest.orElseThrow(() -> new IllegalStateException("old size > 0 without state")).rootHash();
        try {
            ProofVerifier.verifyConsistency(oldSize, cp.size(), oldRoot, cp.rootHash(), proof);
            return Optional.empty();
        } catch (VerificationException e) {
            return Optional.of(e.getMessage());
        }
    }
}
