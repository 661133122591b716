package org.computegov.registry.kernel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.computegov.ledger.keys.Ed25519PublicKey;
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
 * vault, applied in a transaction that stays open while the envelope is appended to the log (durably), and committed
 * once the log has it: a statement whose rows cannot be written is refused before anything reaches the log, and one
 * the log has is in the projection. At start the projection catches up with the log from its cursor, so a crash
 * between the append and the commit loses nothing; {@link #replay} rebuilds everything from the log into a fresh
 * schema and compares.
 */
public final class Registry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);
    private final DataSource dataSource;
    private final RegistryLog log;
    private final KernelRules rules;
    private final Clock clock;
    private final Catalogue catalogue;
    private final Keys keys;
    private final ReentrantLock writer = new ReentrantLock();
    /** One replay at a time: each builds the same schema. */
    private final ReentrantLock replays = new ReentrantLock();
    private final Connection connection;
    private final Handle handle;
    private final Jdbi reads;
    private final ReadStore store;
    private final Rebuilds rebuilds;
    private volatile Kernel kernel;
    /** Set when a logged statement may not have been applied; the writer catches up before the next check. */
    private boolean behind;

    /** What a submitter gets back: the statement's log index and what applying it did. */
    public record Accepted(long logIndex, String statementId, String kind, ObjectNode summary) {}

    public Registry(DataSource dataSource, DataSource pool, RegistryLog log, KernelRules rules, Clock clock,
            List<Capability> capabilities) throws Exception {
        this.dataSource = dataSource;
        this.log = log;
        this.rules = rules;
        this.clock = clock;
        this.keys = new Keys(rules);
        this.catalogue = new Catalogue(List.of(new ActorKind(keys), new KeyKind(keys, rules), new RootKeyKind(keys, rules)),
                capabilities);
        Schemas.projection(dataSource, Schemas.LIVE, capabilities);
        Schemas.vault(dataSource);
        this.connection = dataSource.getConnection();
        this.handle = Jdbi.open(connection);
        handle.execute("SET search_path TO " + Schemas.LIVE);
        this.reads = Jdbi.create(pool);
        this.store = new ReadStore(reads);
        this.rebuilds = new Rebuilds(dataSource, log, catalogue, keys);
        this.kernel = new Kernel(catalogue, keys, Rebuilds.compromises(handle));
        catchUp(log.size());
    }

    public ReadStore store() {
        return store;
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    public KernelRules rules() {
        return rules;
    }

    public Clock clock() {
        return clock;
    }

    /** The public key of a registered, unrevoked key id (or the root's), or null: what request signatures check. */
    public Ed25519PublicKey activeKey(String keyId) {
        return store.get(h -> {
            Keys.KeyRow k = keys.key(h, keyId);
            return k == null || k.revoked() ? null : k.publicKey();
        });
    }

    /** The actor a (verified) key id belongs to. */
    public Actor actorOfKey(String keyId) {
        return store.get(h -> {
            Keys.KeyRow k = keys.key(h, keyId);
            return k == null ? null : keys.actor(h, k.actor());
        });
    }

    /** Checks, logs and applies one statement; a rejected one leaves the log and the tables as they were. */
    public Accepted submit(Submission submission) throws Rejection {
        RegistryStatement s = StatementReader.read(submission.envelope());
        Kernel k = kernel;
        k.kindOf(s);
        Instant now = clock.instant();
        Duration skew = Duration.between(now, s.issuedAt()).abs();
        if (skew.compareTo(rules.clockSkew()) > 0) {
            throw Rejection.badInput("issuedAt " + s.issuedAt() + " is " + skew.toSeconds() + " s from the registry's clock ("
                    + now + "); the window is ±" + rules.clockSkew().toSeconds() + " s", "predicate.issuedAt",
                    "Sign statements just before sending them, with a synchronized clock.");
        }
        // Who signed is known before any costly reading of the payload (and again under the lock, where it counts).
        store.read(h -> k.authenticate(h, s));
        Object prepared = k.prepare(s, submission.sealed());
        writer.lock();
        try {
            if (behind || log.size() > Kernel.cursor(handle) + 1) {
                behind = false;
                catchUpOrFail();
            }
            Kernel.Checked checked;
            try {
                checked = handle.inTransaction(h -> kernel.check(h, s, submission.sealed(), submission.attachment(), prepared));
            } catch (RuntimeException e) {
                if (!dataException(e)) {
                    throw e;
                }
                // A value the database cannot even compare with (a NUL, a number out of its range): the sender's, not ours.
                throw Rejection.badInput("the registry cannot read this statement's values (" + rootMessage(e) + ")", null,
                        "Check the values' ranges: dates in 1970-2199, no NUL characters, numbers a database can hold.");
            }
            keep(checked);
            Applied applied = applyAndAppend(checked);
            Kernel.Outcome outcome = applied.outcome();
            if (outcome.effects().rebuild()) {
                rebuildLive();
            }
            outcome.effects().notices().forEach(n -> LOG.warn("notice: {}", n.description()));
            Actor issuer = store.get(h -> keys.actor(h, s.issuer()));
            ObjectNode summary = outcome.effects().summary();
            List<Notice> visible = outcome.effects().notices().stream().filter(n -> n.visibleTo(issuer)).toList();
            if (!visible.isEmpty()) {
                ArrayNode a = summary.putArray("alerts");
                visible.forEach(n -> a.add(n.body()));
            }
            return new Accepted(applied.index(), s.statementId(), s.kind(), summary);
        } finally {
            writer.unlock();
        }
    }

    private record Applied(Kernel.Outcome outcome, long index) {}

    /**
     * Applies the statement at the index the log will give it (the next, unless someone appends meanwhile), keeps the
     * transaction open while the log appends, and commits when the index is the one applied at. A statement whose rows
     * cannot be written fails here, before the append: it never reaches the log.
     */
    private Applied applyAndAppend(Kernel.Checked checked) throws Rejection {
        long guess = log.size();
        Kernel.Outcome outcome;
        handle.begin();
        try {
            outcome = kernel.apply(handle, checked, guess);
        } catch (RuntimeException e) {
            handle.rollback();
            LOG.warn("statement {} of {} refused: its rows could not be written: {}", checked.input().statement().statementId(),
                    checked.input().issuer(), e.getMessage());
            throw Rejection.badInput("the registry cannot store this statement (" + rootMessage(e) + ")", null,
                    "Check the values' ranges: dates in 1970-2199, no NUL characters, numbers a database can hold.");
        }
        long index;
        try {
            index = log.append(checked.input().statement().envelopeBytes());
        } catch (Exception e) {
            handle.rollback();
            // Usually nothing was appended; but a commit can succeed and its acknowledgement still fail. The next write
            // catches up from the cursor, so a statement that did reach the log is applied (its payload is kept for that),
            // exactly as replay would apply it.
            behind = true;
            throw new Rejection(503, "log-unavailable", "Log unavailable", "the log could not confirm the statement ("
                    + e.getMessage() + ")", null, "Retry shortly; if it was logged after all, a retry with the same"
                    + " statement id answers 409 and the statement stands.");
        }
        try {
            if (index == guess) {
                handle.commit();
            } else {
                // Other entries came first: take them in order, then apply at the real index, so that live state is
                // always what replay computes.
                handle.rollback();
                catchUp(index);
                outcome = handle.inTransaction(h -> kernel.apply(h, checked, index));

            }
        } catch (Exception e) {
            behind = true;
            throw new IllegalStateException("statement logged at " + index + " could not be applied: " + e.getMessage(), e);
        }
        return new Applied(outcome, index);
    }

    /** SQLSTATE class 22, "data exception": the value was wrong (NUL in text, overflow), not the database. */
    private static boolean dataException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException q && q.getSQLState() != null && q.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private void catchUpOrFail() {
        try {
            catchUp(log.size());
        } catch (Exception e) {
            behind = true;
            throw new IllegalStateException("the registry cannot catch up with the log: " + e.getMessage(), e);
        }
    }

    private void keep(Kernel.Checked c) {
        if (c.input().sealed() != null) {
            handle.createUpdate("""
                    INSERT INTO registry_vault.sealed_payload (commitment, owner, salt, payload) VALUES (:c, :o, :s, :p)
                    ON CONFLICT (commitment) DO NOTHING""")
                    .bind("c", c.input().sealed().commitment()).bind("o", c.input().issuer())
                    .bind("s", c.input().sealed().salt()).bind("p", c.input().sealed().payload()).execute();
        }
        if (c.input().attachment() != null) {
            handle.createUpdate("""
                    INSERT INTO registry_vault.attachment (sha256, content) VALUES (:h, :c) ON CONFLICT (sha256) DO NOTHING""")
                    .bind("h", c.input().statement().subjectDigest()).bind("c", c.input().attachment()).execute();
        }
    }

    /**
     * Applies log entries after the live cursor up to {@code size}: at start, what a crash between append and commit
     * left behind; before a write, entries other submitters appended (other signed facts).
     */
    private void catchUp(long size) throws Exception {
        long from = Kernel.cursor(handle) + 1;
        if (from >= size) {
            return;
        }
        Replayer.Counts counts = new Replayer(kernel, log).project(handle, from, size);
        if (counts.applied + counts.refused > 0) {
            LOG.info("registry caught up with the log: entries {}..{}, {} statements applied, {} refused", from, size - 1,
                    counts.applied, counts.refused);
        }
        if (counts.applied > 0 && !Rebuilds.compromises(handle).equals(kernel.compromised())) {
            rebuildLive();
        }
    }

    /** After a compromise: the live projection rebuilt from the log without what the key signed since. */
    private void rebuildLive() {
        try {
            kernel = rebuilds.rebuildLive(handle, Rebuilds.compromises(handle));
        } catch (Exception e) {
            behind = true;
            throw new IllegalStateException("the registry could not rebuild after a key compromise: " + e.getMessage(), e);
        }
    }

    /** The outcome of a replay: how many statements it applied and whether every table equals the live one. */
    public record ReplayReport(long logSize, long applied, long refused, long otherEntries, List<String> refusals,
            List<TableComparison> tables) {
        public boolean equal() {
            return tables.stream().allMatch(t -> t.onlyLive() == 0 && t.onlyReplayed() == 0);
        }
    }

    public record TableComparison(String table, long liveRows, long replayedRows, long onlyLive, long onlyReplayed) {}

    /**
     * Rebuilds the projection from the whole log into a fresh schema and compares it, table by table and row by row,
     * with the live one. The bulk of the work runs beside the writer; writers wait only while the last entries are
     * taken in on both sides and the tables compared, so both describe the same log.
     */
    public ReplayReport replay() throws Exception {
        replays.lock();
        try {
            return replayAlone();
        } finally {
            replays.unlock();
        }
    }

    private ReplayReport replayAlone() throws Exception {
        Rebuilds.Result first = rebuilds.project(Schemas.REPLAY, Rebuilds.NONE, log.size());
        writer.lock();
        try {
            long size = log.size();
            catchUp(size);
            Rebuilds.Result result = rebuilds.extend(first, size);
            try (Connection c = dataSource.getConnection(); Handle h = Jdbi.open(c)) {
                return new ReplayReport(size, result.counts().applied, result.counts().refused, result.counts().other,
                        result.counts().refusals, Rebuilds.compare(h, Schemas.LIVE, Schemas.REPLAY));
            }
        } finally {
            writer.unlock();
        }
    }

    /** Closes the capabilities (each finishes its background work on the pool), then the writer's connection. */
    @Override
    public void close() throws SQLException {
        for (Capability c : catalogue.capabilities()) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.warn("capability {} did not close cleanly: {}", c.name(), e.toString());
            }
        }
        writer.lock();
        try {
            handle.close();
            connection.close();
        } finally {
            writer.unlock();
        }
    }
}
