package org.computegov.server.log;

import org.computegov.server.ApiProblem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.DsseVerifier;
import org.computegov.ledger.dsse.Envelope;
import org.computegov.ledger.merkle.ProofBuilder;
import org.computegov.ledger.merkle.Rfc6962;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.note.Note;
import org.computegov.ledger.tiles.EntryBundle;
import org.computegov.ledger.tiles.TilePath;
import org.computegov.registry.statement.StatementReader;

/**
 * The log as the HTTP API uses it: verifies submitted DSSE envelopes before anything is stored, sequences them,
 * and answers receipts, proofs, tiles and entry bundles from one consistent state at a time.
 */
public final class LogService implements AutoCloseable {
    /** C2SP entry bundles prefix each entry with a 16-bit length, which bounds an entry's size. */
    public static final int MAX_ENTRY_BYTES = 65535;
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private final PostgresLog log;
    private final Sequencer sequencer;
    private final Dsse trusted;
    private final DataSource pool;
    private final CheckpointPublisher publisher;

    public LogService(PostgresLog log, Sequencer sequencer, List<DsseVerifier> submitters, DataSource pool,
            CheckpointPublisher publisher) {
        this.log = log;
        this.sequencer = sequencer;
        this.trusted = new Dsse(submitters, 1, MAX_ENTRY_BYTES);
        this.pool = pool;
        this.publisher = publisher;
    }

    /** Verifies an envelope's signature (by a trusted submitter key) without storing it. */
    public void verify(byte[] envelopeJson) throws ApiProblem {
        if (envelopeJson.length > MAX_ENTRY_BYTES) {
            throw new ApiProblem(413, "entry-too-large", "Entry too large", "The envelope is " + envelopeJson.length
                    + " bytes; the log takes at most " + MAX_ENTRY_BYTES + " (C2SP entry bundles use 16-bit lengths).", null, null, null);
        }
        Envelope envelope;
        try {
            envelope = Envelope.parse(envelopeJson, MAX_ENTRY_BYTES);
        } catch (FormatException e) {
            throw new ApiProblem(400, "invalid-envelope", "Invalid DSSE envelope", e.getMessage(), null, null, e);
        }
        try {
            trusted.verify(envelope);
        } catch (VerificationException e) {
            throw new ApiProblem(401, "signature-not-verified", "Signature not verified",
                    e.getMessage() + ". Sign the envelope with a key the log trusts.", null, null, e);
        }
        if (StatementReader.mentionsRegistryPredicate(envelope.payload())) {
            // Registry statements change the registry's state: only its checks (registered key, role, replay) let
            // them in, so the raw log path must not.
            throw new ApiProblem(400, "registry-statement", "Registry statement", "This envelope carries a registry"
                    + " statement; submit it to POST /api/v1/registry/statements, which checks its signer's registration"
                    + " and role.", null, null, null);
        }
    }

    /**
     * Appends an entry the caller has already verified (the registry checks its statements against registered actor
     * keys) and returns its index once it is durable.
     */
    public long appendVerified(byte[] entry) throws ApiProblem {
        if (entry.length > MAX_ENTRY_BYTES) {
            throw new ApiProblem(413, "entry-too-large", "Entry too large", "The entry is " + entry.length
                    + " bytes; the log takes at most " + MAX_ENTRY_BYTES + ".", null, null, null);
        }
        CompletableFuture<Sequencer.Placed> placed = sequencer.submit(entry);
        if (placed == null) {
            throw busy();
        }
        return await(placed).index();
    }

    /** Visits entries [from, to) in index order, streaming them from the database. */
    public void forEachEntry(long from, long to, EntryVisitor visitor) throws Exception {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false); // lets the driver stream with a fetch size instead of loading every row
            try (PreparedStatement q = c.prepareStatement("SELECT idx, entry FROM log_entry WHERE idx >= ? AND idx < ? ORDER BY idx")) {
                q.setFetchSize(1000);
                q.setLong(1, from);
                q.setLong(2, to);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        visitor.entry(rs.getLong(1), rs.getBytes(2));
                    }
                }
            } finally {
                c.commit();
                c.setAutoCommit(true);
            }
        }
    }

    public interface EntryVisitor {
        void entry(long index, byte[] bytes) throws Exception;
    }

    /** Verifies and appends one envelope; returns its receipt once it is durable and integrated. */
    public Submitted submit(byte[] envelopeJson) throws ApiProblem {
        verify(envelopeJson);
        CompletableFuture<Sequencer.Placed> placed = sequencer.submit(envelopeJson);
        if (placed == null) {
            throw busy();
        }
        return submitted(await(placed), envelopeJson);
    }

    /** Verifies every envelope first; if any is bad nothing is appended. Returns receipts in order. */
    public List<Submitted> submitAll(List<byte[]> envelopes) throws ApiProblem {
        for (int i = 0; i < envelopes.size(); i++) {
            try {
                verify(envelopes.get(i));
            } catch (ApiProblem e) {
                throw new ApiProblem(e.status(), e.kind(), e.title(), "envelope " + (i + 1) + " of " + envelopes.size()
                        + ": " + e.getMessage() + " Nothing was appended.", null, null, e);
            }
        }
        List<CompletableFuture<Sequencer.Placed>> placed = sequencer.submitAll(envelopes);
        if (placed == null) {
            throw busy();
        }
        List<Submitted> out = new ArrayList<>();
        for (int i = 0; i < placed.size(); i++) {
            out.add(submitted(await(placed.get(i)), envelopes.get(i)));
        }
        return out;
    }

    /** A receipt, and whether the entry was new (false: it was already in the log at that index). */
    public record Submitted(Receipt receipt, boolean fresh) {}

    private Submitted submitted(Sequencer.Placed p, byte[] entry) throws ApiProblem {
        return new Submitted(receipt(p.state(), p.index(), Rfc6962.leafHash(entry)), p.fresh());
    }

    private static ApiProblem busy() {
        return new ApiProblem(503, "log-busy", "Log busy", "The log's queue is full; retry shortly.", null, null, null);
    }

    private static Sequencer.Placed await(CompletableFuture<Sequencer.Placed> f) throws ApiProblem {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(503, "log-unavailable", "Log unavailable", "Interrupted while appending.", null, null, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ApiProblem(503, "log-unavailable", "Log unavailable",
                    "The entry could not be committed: " + (e.getCause() == null ? e : e.getCause()).getMessage(), null, null, e);
        }
    }

    private Receipt receipt(LogState state, long index, byte[] leafHash) throws ApiProblem {
        try {
            List<byte[]> proof = new ProofBuilder(log.tiles().reader(state)).inclusionProof(index, state.size());
            return new Receipt(index, B64.encodeToString(leafHash),
                    new String(state.signedCheckpoint(), StandardCharsets.UTF_8), proof.stream().map(B64::encodeToString).toList());
        } catch (IOException e) {
            throw new IllegalStateException("cannot build the inclusion proof of entry " + index, e);
        }
    }

    /**
     * The receipt of an entry against the latest published checkpoint, which carries the witnesses' cosignatures
     * when the log requires them; an entry newer than that gets one against the latest checkpoint the log signed.
     */
    public Receipt receipt(long index) throws ApiProblem, SQLException {
        LogState state = log.state();
        requireIndex(index, state.size(), "index");
        byte[] leafHash = Rfc6962.leafHash(entry(index));
        byte[] published = publisher.published();
        if (publisher.quorum() > 0 && published != null) {
            try {
                Note note = Note.parse(published);
                long size = Checkpoint.parse(note.text()).size();
                if (index < size) {
                    List<byte[]> proof = new ProofBuilder(log.tiles().reader(state)).inclusionProof(index, size);
                    return new Receipt(index, B64.encodeToString(leafHash), new String(published, StandardCharsets.UTF_8),
                            encode(proof));
                }
            } catch (FormatException | IOException e) {
                throw new IllegalStateException("the published checkpoint cannot be used: " + e.getMessage(), e);
            }
        }
        return receipt(state, index, leafHash);
    }

    public byte[] entry(long index) throws ApiProblem, SQLException {
        requireIndex(index, log.state().size(), "index");
        try (Connection c = pool.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT entry FROM log_entry WHERE idx = ?")) {
            q.setLong(1, index);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("entry " + index + " is below the log size but not stored");
                }
                return rs.getBytes(1);
            }
        }
    }

    public List<String> inclusionProof(long index, long size) throws ApiProblem, IOException {
        LogState state = log.state();
        requireSize(size, state.size(), "size");
        requireIndex(index, size, "index");
        return encode(new ProofBuilder(log.tiles().reader(state)).inclusionProof(index, size));
    }

    public List<String> consistencyProof(long from, long to) throws ApiProblem, IOException {
        LogState state = log.state();
        requireSize(to, state.size(), "to");
        if (from < 1 || from > to) {
            throw new ApiProblem(400, "invalid-input", "Invalid input", "from must be in [1, to], got " + from + ".", null, null, null);
        }
        return encode(new ProofBuilder(log.tiles().reader(state)).consistencyProof(from, to));
    }

    /** The latest published checkpoint note (signed by the log, with the witness cosignatures it requires). */
    public byte[] checkpoint() throws ApiProblem {
        byte[] published = publisher.published();
        if (published == null) {
            throw new ApiProblem(503, "no-witnessed-checkpoint", "No witnessed checkpoint yet",
                    "No checkpoint has reached the witness quorum yet; retry shortly.", null, null, null);
        }
        return published;
    }

    public LogState state() {
        return log.state();
    }

    /** A hash tile's bytes, or null when the log has no such tile (yet). */
    public byte[] hashTile(TilePath.Hashes tile) throws IOException {
        LogState state = log.state();
        long hashesAtLevel = state.size() >> (8 * tile.level());
        if ((tile.index() + 1) * TilePath.FULL_WIDTH > hashesAtLevel && !tile.isPartial()) {
            return null;
        }
        if (tile.isPartial() && tile.index() * TilePath.FULL_WIDTH + tile.width() > hashesAtLevel) {
            return null;
        }
        return log.tiles().tileBytes(state, tile.level(), tile.index(), tile.width());
    }

    /** An entry bundle's bytes, or null when the log does not have that many entries. */
    public byte[] entryBundle(TilePath.Entries bundle) throws SQLException {
        long first = bundle.index() * TilePath.FULL_WIDTH;
        if (first + bundle.width() > log.state().size()) {
            return null;
        }
        List<byte[]> entries = new ArrayList<>(bundle.width());
        try (Connection c = pool.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT entry FROM log_entry WHERE idx >= ? AND idx < ? ORDER BY idx")) {
            q.setLong(1, first);
            q.setLong(2, first + bundle.width());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    entries.add(rs.getBytes(1));
                }
            }
        }
        if (entries.size() != bundle.width()) {
            throw new IllegalStateException("entries " + first + ".." + (first + bundle.width()) + " are not all stored");
        }
        return EntryBundle.encode(entries);
    }

    private static List<String> encode(List<byte[]> hashes) {
        return hashes.stream().map(B64::encodeToString).toList();
    }

    private static void requireIndex(long index, long size, String field) throws ApiProblem {
        if (index < 0 || index >= size) {
            throw new ApiProblem(400, "invalid-input", "Invalid input", field + " must be in [0, " + size + "), got "
                    + index + ".", null, null, null);
        }
    }

    private static void requireSize(long size, long logSize, String field) throws ApiProblem {
        if (size < 1 || size > logSize) {
            throw new ApiProblem(400, "invalid-input", "Invalid input", field + " must be in [1, " + logSize
                    + "] (the log's size), got " + size + ".", null, null, null);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            sequencer.close();
        } finally {
            publisher.close();
            log.close();
        }
    }
}
