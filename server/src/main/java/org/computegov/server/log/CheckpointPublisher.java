package org.computegov.server.log;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.merkle.ProofBuilder;
import org.computegov.ledger.note.Note;
import org.computegov.ledger.note.NoteSignature;
import org.computegov.ledger.witness.AddCheckpointRequest;
import org.computegov.ledger.witness.CosignatureVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the log's checkpoints. Without witnesses, the latest checkpoint the log signed is published at once.
 * With a quorum of k witnesses, each new checkpoint is sent to every witness (C2SP tlog-witness add-checkpoint,
 * with a consistency proof from the size the witness last saw) and published only with at least k valid
 * cosignatures, so no one is shown a checkpoint that independent witnesses have not checked against history.
 */
public final class CheckpointPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointPublisher.class);

    /** A witness the log asks to cosign: its base URL and its cosignature verifier key. */
    public record WitnessEndpoint(URI url, CosignatureVerifier verifier) {}

    private final PostgresLog log;
    private final List<WitnessEndpoint> witnesses;
    private final int quorum;
    private final DataSource pool;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<URI, Long> witnessSizes = new HashMap<>();
    private final Thread thread;
    private volatile byte[] published;
    private volatile long publishedSize = -1;
    private volatile boolean running = true;

    public CheckpointPublisher(PostgresLog log, List<WitnessEndpoint> witnesses, int quorum, DataSource pool)
            throws SQLException {
        if (quorum < 0 || quorum > witnesses.size()) {
            throw new IllegalArgumentException("witness quorum must be in [0, " + witnesses.size() + "], got " + quorum);
        }
        this.log = log;
        this.witnesses = List.copyOf(witnesses);
        this.quorum = quorum;
        this.pool = pool;
        loadPublished();
        if (quorum > 0) {
            thread = new Thread(this::run, "cgov-checkpoint-publisher");
            thread.setDaemon(true);
            thread.start();
        } else {
            thread = null;
        }
    }

    /** The note served at /log/checkpoint, or null while no checkpoint has reached the witness quorum. */
    public byte[] published() {
        return quorum == 0 ? log.state().signedCheckpoint() : published;
    }

    public int quorum() {
        return quorum;
    }

    private void loadPublished() throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT size, note FROM log_checkpoint WHERE kind = 'published'"); ResultSet rs = q.executeQuery()) {
            if (rs.next()) {
                publishedSize = rs.getLong(1);
                published = rs.getBytes(2);
            }
        }
    }

    private void run() {
        while (running) {
            try {
                LogState state = log.state();
                if (state.size() != publishedSize) {
                    publish(state);
                }
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warn("publishing checkpoint failed: {}", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Collects cosignatures for a state's checkpoint and publishes it once the quorum is met. */
    void publish(LogState state) throws IOException, SQLException, FormatException {
        byte[] signed = state.signedCheckpoint();
        Note note = Note.parse(signed);
        List<NoteSignature> cosignatures = new ArrayList<>();
        for (WitnessEndpoint w : witnesses) {
            try {
                NoteSignature cosignature = cosign(w, state, note);
                if (cosignature != null) {
                    cosignatures.add(cosignature);
                }
            } catch (IOException | VerificationException e) {
                LOG.warn("witness {} did not cosign size {}: {}", w.url(), state.size(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (cosignatures.size() < quorum) {
            LOG.warn("checkpoint of size {} has {} of {} required cosignatures; not published yet", state.size(),
                    cosignatures.size(), quorum);
            return;
        }
        byte[] cosigned = note.withSignatures(cosignatures).encode();
        try (Connection c = pool.getConnection(); PreparedStatement up = c.prepareStatement("""
                INSERT INTO log_checkpoint (kind, size, note) VALUES ('published', ?, ?)
                ON CONFLICT (kind) DO UPDATE SET size = EXCLUDED.size, note = EXCLUDED.note, updated_at = now()
                WHERE log_checkpoint.size <= EXCLUDED.size""")) {
            up.setLong(1, state.size());
            up.setBytes(2, cosigned);
            up.executeUpdate();
        }
        published = cosigned;
        publishedSize = state.size();
    }

    private NoteSignature cosign(WitnessEndpoint w, LogState state, Note note)
            throws IOException, InterruptedException, FormatException, VerificationException {
        for (int attempt = 0; attempt < 2; attempt++) {
            long old = Math.min(witnessSizes.getOrDefault(w.url(), 0L), state.size());
            List<byte[]> proof = old == 0 || old == state.size() ? List.of()
                    : new ProofBuilder(log.tiles().reader(state)).consistencyProof(old, state.size());
            byte[] body = new AddCheckpointRequest(old, proof, state.signedCheckpoint()).encode();
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(w.url().resolve("add-checkpoint"))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() == 409) {
                // The witness has seen a different size: retry from there (C2SP tlog-witness).
                witnessSizes.put(w.url(), Long.parseLong(new String(r.body(), StandardCharsets.UTF_8).strip()));
                continue;
            }
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8).strip());
            }
            Note answer = Note.parse((note.text() + "\n" + new String(r.body(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            for (NoteSignature s : answer.signatures()) {
                if (s.name().equals(w.verifier().name()) && s.keyId() == w.verifier().keyId()) {
                    w.verifier().verify(note.textBytes(), s.signature());
                    witnessSizes.put(w.url(), state.size());
                    return s;
                }
            }
            throw new VerificationException("no cosignature from " + w.verifier().name() + " in the witness's answer");
        }
        throw new IOException("witness kept answering 409 (conflicting sizes)");
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(5000);
        }
    }
}
