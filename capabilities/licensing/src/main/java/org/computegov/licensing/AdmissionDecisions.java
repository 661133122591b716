package org.computegov.licensing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.computegov.licensing.admission.Decision;
import org.computegov.licensing.admission.JobRequest;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.kernel.ReadStore;
import org.computegov.registry.kernel.Viewer;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * The decision record (docs/LICENSING.md, "Decision record"): every decision of {@code POST /api/v1/admission/decide}
 * as a row of {@code licensing_local.admission_decision}, written through a {@link DecisionRecorder}, and its read,
 * {@code GET /api/v1/admission/decisions}: newest first, a page at a time, for the regulator (all), a provider (its
 * own) and a developer (decisions on its licences).
 */
final class AdmissionDecisions implements DecisionRecorder.Sink {
    static final String TABLE = "licensing_local.admission_decision";
    /** How long rows are kept unless the server is told otherwise ({@code cgov serve --decision-retention}). */
    static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    /** How long a read waits for decisions made before it to be written. */
    private static final Duration READ_WAIT = Duration.ofSeconds(10);
    /** Rows a page has unless {@code limit} says otherwise, and at most. */
    static final int PAGE = 25;
    static final int MAX_PAGE = 500;
    /** How many rows deep a page may start: OFFSET reads what it skips. */
    static final long MAX_OFFSET = 100_000;
    private static final int MAX_NAME = 200;

    private final DecisionRecorder recorder;
    private volatile ReadStore store;

    AdmissionDecisions(Clock clock, Duration retention) {
        this.recorder = new DecisionRecorder(DecisionRecorder.CAPACITY, DecisionRecorder.BATCH, this, clock, retention,
                PURGE_EVERY);
    }

    /** Starts writing (after deleting what is past the retention) through {@code s}. */
    void attach(ReadStore s) {
        store = s;
        recorder.start();
    }

    /** Queues the decision for the record; never blocks (a full queue drops it and counts the drop). */
    void record(JobRequest job, Decision d) {
        recorder.record(job, d);
    }

    /** Writes what is queued and stops the writer. */
    void close() {
        recorder.close();
    }

    @Override
    public void write(List<DecisionRecorder.Row> rows) {
        store.get(h -> {
            PreparedBatch b = h.prepareBatch("INSERT INTO " + TABLE + " (decided_at, last_at, repeats, provider, cluster,"
                    + " account, licence, job_ref, chip, chips, time_limit_minutes, requested_flop, decision, code, reason,"
                    + " hold_id) VALUES (:at, :last, :repeats, :provider, :cluster, :account, :licence, :ref, :chip, :chips,"
                    + " :minutes, :flop, :decision, :code, :reason, :hold)");
            for (DecisionRecorder.Row r : rows) {
                b.bind("at", Timestamp.from(r.decidedAt())).bind("last", Timestamp.from(r.lastAt())).bind("repeats", r.repeats())
                        .bind("provider", r.provider()).bind("cluster", r.cluster()).bind("account", r.account())
                        .bind("licence", r.licence()).bind("ref", r.jobRef()).bind("chip", r.chip()).bind("chips", r.chips())
                        .bind("minutes", r.timeLimitMinutes()).bind("flop", new BigDecimal(r.requestedFlop()))
                        .bind("decision", r.decision()).bind("code", r.code()).bind("reason", r.reason())
                        .bind("hold", r.holdId()).add();
            }
            b.execute();
            return null;
        });
    }

    @Override
    public int purge(Instant before) {
        return store.get(h -> h.createUpdate("DELETE FROM " + TABLE + " WHERE decided_at < :t")
                .bind("t", Timestamp.from(before)).execute());
    }

    private static Rejection invalid(String field, String detail, String hint) {
        return new Rejection(400, "invalid-input", "Invalid input", detail, field, hint);
    }

    private static String name(String field, String value) throws Rejection {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > MAX_NAME) {
            throw invalid(field, field + " must be a non-empty name of at most " + MAX_NAME + " characters, got '"
                    + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'.", "Leave it out to read every " + field + ".");
        }
        return value;
    }

    /**
     * One page of the decisions this viewer may read, newest first, filtered by provider, licence and decision, with
     * the selection's counts (allows, denies by code) and the recorder's drops.
     */
    ObjectNode read(Viewer v, String provider, String licence, String decision, int page, int limit) throws Rejection {
        v.require("admission decisions", Role.REGULATOR, Role.COMPUTE_PROVIDER, Role.DEVELOPER);
        provider = name("provider", provider);
        licence = name("licence", licence);
        if (decision != null && !decision.equals("allow") && !decision.equals("deny")) {
            throw invalid("decision", "decision is allow or deny, got '" + decision + "'.", "E.g. ?decision=deny.");
        }
        if ((long) (page - 1) * limit > MAX_OFFSET) {
            // An OFFSET walks every row before it: deep pages cost a scan of the whole record.
            throw invalid("page", "pages reach " + MAX_OFFSET + " rows deep; page " + page + " of " + limit + " rows is past that.",
                    "Narrow the selection (provider, licence, decision) instead of paging further.");
        }
        boolean provides = v.is(Role.COMPUTE_PROVIDER);
        boolean develops = v.is(Role.DEVELOPER);
        if (!v.regulator() && !develops && provider != null && !provider.equals(v.id())) {
            throw Rejection.forbidden("a provider reads its own admission decisions; you are " + v.id() + ", the request"
                    + " names provider " + provider, "Leave provider out, or set it to your actor id.");
        }
        String me = v.id();
        String wanted = licence;
        if (!v.regulator() && !provides && wanted != null) {
            String developer = store.read(h -> h.createQuery("SELECT developer FROM licence WHERE id = :l").bind("l", wanted)
                    .mapTo(String.class).findOne().orElse(null));
            if (!me.equals(developer)) {
                throw Rejection.notFound("no licence " + wanted, null); // others do not learn it exists
            }
        }
        List<String> where = new ArrayList<>();
        Map<String, Object> binds = new LinkedHashMap<>();
        if (!v.regulator()) {
            List<String> mine = new ArrayList<>();
            if (provides) {
                mine.add("provider = :me");
            }
            if (develops) {
                mine.add("licence IN (SELECT id FROM licence WHERE developer = :me)");
            }
            where.add("(" + String.join(" OR ", mine) + ")");
            binds.put("me", me);
        }
        if (provider != null) {
            where.add("provider = :provider");
            binds.put("provider", provider);
        }
        if (licence != null) {
            where.add("licence = :licence");
            binds.put("licence", licence);
        }
        if (decision != null) {
            where.add("decision = :decision");
            binds.put("decision", decision);
        }
        String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        boolean upToDate = recorder.await(READ_WAIT);
        DecisionRecorder.Counts counts = recorder.counts();
        return store.read(h -> {
            ObjectNode out = Json.MAPPER.createObjectNode();
            ArrayNode rows = out.putArray("decisions");
            Query list = h.createQuery("SELECT decided_at, last_at, repeats, provider, cluster, account, licence, job_ref, chip,"
                    + " chips, time_limit_minutes, requested_flop, decision, code, reason, hold_id FROM " + TABLE + filter
                    + " ORDER BY decided_at DESC, id DESC LIMIT :limit OFFSET :offset");
            binds.forEach(list::bind);
            list.bind("limit", limit).bind("offset", (long) (page - 1) * limit).map((rs, c) -> row(rs)).forEach(rows::add);
            // The selection's counts: rows (for paging) and decisions (a row of repeats counts each), denies by code.
            Query sums = h.createQuery("SELECT decision, code, count(*), sum(repeats) FROM " + TABLE + filter
                    + " GROUP BY decision, code");
            binds.forEach(sums::bind);
            long[] total = {0, 0, 0};
            Map<String, Long> denies = new TreeMap<>();
            sums.map((rs, c) -> {
                total[0] += rs.getLong(3);
                if (rs.getString(1).equals("allow")) {
                    total[1] += rs.getLong(4);
                } else {
                    total[2] += rs.getLong(4);
                    denies.merge(rs.getString(2), rs.getLong(4), Long::sum);
                }
                return null;
            }).list();
            out.put("page", page).put("limit", limit).put("total", total[0])
                    .put("pages", Math.max(1, (total[0] + limit - 1) / limit));
            ObjectNode summary = out.putObject("summary").put("allow", total[1]).put("deny", total[2]);
            ObjectNode byCode = summary.putObject("denyByCode");
            denies.forEach(byCode::put);
            out.putObject("recording").put("dropped", counts.dropped()).put("failed", counts.failed())
                    .put("queued", counts.queued()).put("since", counts.since().toString()).put("upToDate", upToDate)
                    .put("retentionDays", recorder.retention().toDays());
            return out;
        });
    }

    private static ObjectNode row(ResultSet rs) throws SQLException {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("decidedAt", rs.getTimestamp(1).toInstant().toString());
        int repeats = rs.getInt(3);
        o.put("provider", rs.getString(4)).put("cluster", rs.getString(5)).put("account", rs.getString(6))
                .put("licence", rs.getString(7)).put("jobRef", rs.getString(8)).put("chip", rs.getString(9))
                .put("chips", rs.getInt(10)).put("timeLimitMinutes", rs.getLong(11))
                .put("requestedFlop", rs.getBigDecimal(12).toBigIntegerExact().toString()).put("decision", rs.getString(13))
                .put("code", rs.getString(14)).put("reason", rs.getString(15)).put("holdId", rs.getString(16))
                .put("repeats", repeats);
        if (repeats > 1) {
            o.put("lastAt", rs.getTimestamp(2).toInstant().toString());
        }
        return o;
    }
}
