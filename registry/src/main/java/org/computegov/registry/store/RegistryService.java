package org.computegov.registry.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.computegov.registry.statement.RegistryStatement;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.StatementReader;
import org.computegov.registry.statement.Submission;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's single writer. A statement is checked against the live projection, its sealed payload kept in the
 * vault, the envelope appended to the log (durably), and then applied with the projection's cursor moved to its
 * index in one transaction. At start the projection catches up with the log from its cursor, so a crash between the
 * append and the apply loses nothing; {@link #replay} rebuilds everything from the log into a fresh schema.
 */
public final class RegistryService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryService.class);
    private final DataSource dataSource;
    private final RegistryLog log;
    private final RegistryRules rules;
    private final Clock clock;
    private final Projector projector;
    private final ReentrantLock writer = new ReentrantLock();
    private final Connection connection;
    private final Handle handle;
    private final Jdbi reads;
    /** Set when a logged statement failed to apply; the writer catches up before the next check. */
    private boolean behind;

    /** What a submitter gets back: the statement's log index and what applying it did. */
    public record Accepted(long logIndex, String statementId, String kind, ObjectNode summary) {}

    public RegistryService(DataSource dataSource, DataSource pool, RegistryLog log, RegistryRules rules, Clock clock)
            throws Exception {
        this.dataSource = dataSource;
        this.log = log;
        this.rules = rules;
        this.clock = clock;
        this.projector = new Projector(rules);
        RegistrySchemas.migrate(dataSource);
        this.connection = dataSource.getConnection();
        this.handle = Jdbi.open(connection);
        handle.execute("SET search_path TO " + RegistrySchemas.LIVE);
        this.reads = Jdbi.create(pool);
        catchUp();
    }

    public Jdbi reads() {
        return reads;
    }

    public RegistryRules rules() {
        return rules;
    }

    public Projector projector() {
        return projector;
    }

    /** The public key of a registered, unrevoked key id (or the root's), or null: what request signatures check. */
    public org.computegov.ledger.keys.Ed25519PublicKey activeKey(String keyId) {
        return reads.inTransaction(h -> {
            h.execute("SET LOCAL search_path TO " + RegistrySchemas.LIVE);
            Projector.KeyRow k = projector.key(h, keyId);
            return k == null || k.revoked() ? null : k.publicKey();
        });
    }

    /** The actor a (verified) key id belongs to. */
    public Actor actorOfKey(String keyId) {
        return reads.inTransaction(h -> {
            h.execute("SET LOCAL search_path TO " + RegistrySchemas.LIVE);
            Projector.KeyRow k = projector.key(h, keyId);
            return k == null ? null : projector.actor(h, k.actor());
        });
    }

    /** Screens a name (a prospective customer) against every loaded list: for providers and the regulator. */
    public com.fasterxml.jackson.databind.node.ArrayNode screen(Viewer v, String name, String country) throws Rejection {
        v.require("screening", org.computegov.registry.statement.Role.REGULATOR,
                org.computegov.registry.statement.Role.COMPUTE_PROVIDER);
        if (name == null || name.isBlank()) {
            throw Rejection.badInput("name is required", "name", "e.g. ?name=Huawei%20Technologies&country=CN");
        }
        return reads.inTransaction(h -> {
            h.execute("SET LOCAL search_path TO " + RegistrySchemas.LIVE);
            return projector.customers().screen(h, name, country);
        });
    }

    /** Checks, logs and applies one statement; a rejected one leaves the log and the tables as they were. */
    public Accepted submit(Submission submission) throws Rejection {
        RegistryStatement s = StatementReader.read(submission.envelope());
        Instant now = clock.instant();
        Duration skew = Duration.between(now, s.issuedAt()).abs();
        if (skew.compareTo(rules.clockSkew()) > 0) {
            throw Rejection.badInput("issuedAt " + s.issuedAt() + " is " + skew.toSeconds() + " s from the registry's clock ("
                    + now + "); the window is ±" + rules.clockSkew().toSeconds() + " s", "predicate.issuedAt",
                    "Sign statements just before sending them, with a synchronized clock.");
        }
        // Who signed is known before any costly reading of the payload (and again under the lock, where it counts).
        reads.inTransaction(h -> {
            h.execute("SET LOCAL search_path TO " + RegistrySchemas.LIVE);
            return projector.authenticate(h, s);
        });
        Object prepared = projector.prepare(s, submission.sealed());
        writer.lock();
        try {
            if (behind) {
                behind = false;
                try {
                    catchUp();
                } catch (Exception e) {
                    behind = true;
                    throw new IllegalStateException("the registry cannot catch up with the log: " + e.getMessage(), e);
                }
            }
            Checked checked = handle.inTransaction(h -> projector.check(h, s, submission.sealed(), submission.attachment(),
                    prepared));
            keep(checked);
            long index;
            try {
                index = log.append(s.envelopeBytes());
            } catch (Exception e) {
                // Usually nothing was appended; but a commit can succeed and its acknowledgement still fail. The next
                // write catches up from the cursor, so a statement that did reach the log is applied (its payload is
                // kept for that), exactly as replay would apply it.
                behind = true;
                throw new Rejection(503, "log-unavailable", "Log unavailable", "the log could not confirm the statement ("
                        + e.getMessage() + ")", null, "Retry shortly; if it was logged after all, a retry with the same"
                        + " statement id answers 409 and the statement stands.");
            }
            Projector.Outcome outcome;
            try {
                if (index > Projector.cursor(handle) + 1) {
                    // Entries between the cursor and this one (other facts, or a statement whose acknowledgement was
                    // lost) are taken in order first, so that live state is always what replay computes.
                    catchUp(index);
                }
                outcome = handle.inTransaction(h -> projector.apply(h, checked, index));
            } catch (Exception e) {
                // The statement is in the log but not applied: the next write catches up from the cursor, where the
                // same rules decide again, as replay would.
                behind = true;
                throw new IllegalStateException("statement logged at " + index + " could not be applied: " + e.getMessage(), e);
            }
            outcome.alerts().forEach(f -> LOG.warn("threshold alert: {}", f.describe()));
            return new Accepted(index, s.statementId(), s.kind().wire(), outcome.summary());
        } finally {
            writer.unlock();
        }
    }

    private void keep(Checked c) {
        if (c.sealed() != null) {
            handle.createUpdate("""
                    INSERT INTO registry_vault.sealed_payload (commitment, owner, salt, payload) VALUES (:c, :o, :s, :p)
                    ON CONFLICT (commitment) DO NOTHING""")
                    .bind("c", c.sealed().commitment()).bind("o", c.statement().issuer())
                    .bind("s", c.sealed().salt()).bind("p", c.sealed().payload()).execute();
        }
        if (c.attachment() != null) {
            handle.createUpdate("""
                    INSERT INTO registry_vault.attachment (sha256, content) VALUES (:h, :c) ON CONFLICT (sha256) DO NOTHING""")
                    .bind("h", c.statement().subjectDigest()).bind("c", c.attachment()).execute();
        }
    }

    /** Applies log entries after the live cursor: what a crash between append and apply left behind. */
    private void catchUp() throws Exception {
        catchUp(log.size());
    }

    /**
     * Applies log entries after the live cursor up to {@code size}: at start, what a crash between append and apply
     * left behind; before a replay, also the entries other submitters appended after the last registry statement,
     * which the live cursor has not stepped over yet (the replay's cursor would otherwise be ahead of it).
     */
    private void catchUp(long size) throws Exception {
        long from = Projector.cursor(handle) + 1;
        if (from >= size) {
            return;
        }
        Counts counts = new Replayer(projector, log).project(handle, from, size);
        LOG.info("registry caught up with the log: entries {}..{}, {} statements applied, {} refused", from, size - 1,
                counts.applied, counts.refused);
    }

    static final class Counts {
        long applied;
        long refused;
        long other;
        final List<String> refusals = new ArrayList<>();
    }

    private static RegistryStatement registryStatement(byte[] entry) {
        try {
            return StatementReader.read(entry);
        } catch (Rejection e) {
            return null; // not a registry statement: some other signed fact in the log
        }
    }

    private static org.computegov.registry.statement.Sealed sealed(Handle h, RegistryStatement s) {
        if (s.sealedSha256() == null) {
            return null;
        }
        return h.createQuery("SELECT salt, payload FROM registry_vault.sealed_payload WHERE commitment = :c")
                .bind("c", s.sealedSha256())
                .map((rs, ctx) -> org.computegov.registry.statement.Sealed.of(rs.getBytes(1), rs.getBytes(2)))
                .findFirst().orElse(null);
    }

    private static byte[] attachment(Handle h, RegistryStatement s) {
        if (s.kind() != org.computegov.registry.statement.Kind.SCREENING_LIST) {
            return null;
        }
        return h.createQuery("SELECT content FROM registry_vault.attachment WHERE sha256 = :h").bind("h", s.subjectDigest())
                .mapTo(byte[].class).findFirst().orElse(null);
    }

    /** The outcome of a replay: how many statements it applied and whether every table equals the live one. */
    public record ReplayReport(long logSize, long applied, long refused, long otherEntries, List<String> refusals,
            List<TableComparison> tables) {
        public boolean equal() {
            return tables.stream().allMatch(t -> t.onlyLive() == 0 && t.onlyReplayed() == 0);
        }
    }

    public record TableComparison(String table, long liveRows, long replayedRows, long onlyLive, long onlyReplayed) {}

    static final List<String> TABLES = List.of("cursor", "statement", "actor", "actor_key", "customer", "beneficial_owner",
            "access_event", "screening_list", "screening_hit", "usage_record", "run", "compute_hour", "finding", "obligation", "alert");

    /**
     * Rebuilds the projection from the whole log into a fresh schema with a fresh projector and compares it, table by
     * table and row by row, with the live one. Writers wait meanwhile, and the live projection first catches up to
     * the same log size, so both describe the same log.
     */
    public ReplayReport replay() throws Exception {
        writer.lock();
        try (Connection c = dataSource.getConnection(); Handle h = Jdbi.open(c)) {
            h.execute("DROP SCHEMA IF EXISTS " + RegistrySchemas.REPLAY + " CASCADE");
            RegistrySchemas.projection(dataSource, RegistrySchemas.REPLAY);
            h.execute("SET search_path TO " + RegistrySchemas.REPLAY);
            Projector fresh = new Projector(rules);
            long size = log.size();
            catchUp(size);
            Counts counts = new Replayer(fresh, log).project(h, 0, size);
            List<TableComparison> tables = new ArrayList<>();
            for (String t : TABLES) {
                tables.add(compare(h, t));
            }
            return new ReplayReport(size, counts.applied, counts.refused, counts.other, counts.refusals, tables);
        } finally {
            writer.unlock();
        }
    }

    /**
     * Applies the registry statements among log entries [from, to) to the handle's schema: replay into a fresh schema,
     * and the live projection's catch-up after a restart. Other entries, and statements the rules refuse, only move
     * the cursor.
     */
    private record Replayer(Projector projector, RegistryLog log) {
        Counts project(Handle h, long from, long to) throws Exception {
            Counts counts = new Counts();
            log.read(from, to, (index, bytes) -> {
                RegistryStatement s = registryStatement(bytes);
                if (s == null) {
                    counts.other++;
                    h.useTransaction(t -> projector.skip(t, index));
                    return;
                }
                try {
                    Checked c = h.inTransaction(t -> projector.check(t, s, sealed(h, s), attachment(h, s)));
                    h.useTransaction(t -> projector.apply(t, c, index));
                    counts.applied++;
                } catch (Rejection | RuntimeException r) {
                    // A statement the rules refuse, or whose rows cannot be written, is passed over the same way live
                    // and on replay; its transaction rolled back whole.
                    counts.refused++;
                    counts.refusals.add("entry " + index + ": " + r.getMessage());
                    h.useTransaction(t -> projector.skip(t, index));
                }
            });
            return counts;
        }
    }

    private static TableComparison compare(Handle h, String table) {
        String live = RegistrySchemas.LIVE + "." + table;
        String replayed = RegistrySchemas.REPLAY + "." + table;
        long liveRows = h.createQuery("SELECT count(*) FROM " + live).mapTo(Long.class).one();
        long replayedRows = h.createQuery("SELECT count(*) FROM " + replayed).mapTo(Long.class).one();
        long onlyLive = h.createQuery("SELECT count(*) FROM (SELECT * FROM " + live + " EXCEPT ALL SELECT * FROM " + replayed
                + ") d").mapTo(Long.class).one();
        long onlyReplayed = h.createQuery("SELECT count(*) FROM (SELECT * FROM " + replayed + " EXCEPT ALL SELECT * FROM "
                + live + ") d").mapTo(Long.class).one();
        return new TableComparison(table, liveRows, replayedRows, onlyLive, onlyReplayed);
    }

    @Override
    public void close() throws SQLException {
        writer.lock();
        try {
            handle.close();
            connection.close();
        } finally {
            writer.unlock();
        }
    }
}
