package org.computegov.accounting;

import org.computegov.registry.kernel.Published;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.computegov.customers.Ownership;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.kernel.ReadStore;
import org.computegov.registry.kernel.Viewer;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/**
 * Usage, runs, owners and monitoring as each viewer may see them: a provider its own usage and accounts, a developer
 * its own runs (and the usage attributed to them), the regulator everything, the public nothing here.
 */
@Published
public final class AccountingReads {
    private final ReadStore store;
    private final Monitoring monitoring;
    private final Ownership ownership;

    AccountingReads(ReadStore store, Monitoring monitoring, Ownership ownership) {
        this.store = store;
        this.monitoring = monitoring;
        this.ownership = ownership;
    }

    public ArrayNode usage(Viewer v, String provider, String customer, String run, int limit) throws Rejection {
        v.require("usage records", Role.REGULATOR, Role.COMPUTE_PROVIDER, Role.DEVELOPER);
        String onlyProvider = provider;
        String runPrefix = null;
        if (!v.regulator()) {
            if (v.is(Role.COMPUTE_PROVIDER) && (provider == null || provider.equals(v.id()))) {
                onlyProvider = v.id();
            } else if (v.is(Role.DEVELOPER)) {
                runPrefix = v.id() + "/"; // a developer sees the usage attributed to its own runs
            } else {
                throw Rejection.forbidden(v.id() + " may read its own usage only", null);
            }
        }
        String prefix = runPrefix;
        String p = onlyProvider;
        return store.get(h -> {
            ArrayNode out = Json.array();
            h.createQuery("""
                    SELECT record_id AS "recordId", provider, cluster, customer_id AS customer, chip, chip_count AS "chipCount",
                           start_at AS start, end_at AS "end", run_id AS "runId", job_id AS "jobId", chip_hours AS "chipHours",
                           flop, flop_low AS "flopLow", flop_high AS "flopHigh", log_index AS "logIndex"
                    FROM usage_record
                    WHERE NOT withdrawn AND (CAST(:p AS text) IS NULL OR provider = :p)
                      AND (CAST(:c AS text) IS NULL OR customer_id = :c) AND (CAST(:r AS text) IS NULL OR run_id = :r)
                      AND (CAST(:prefix AS text) IS NULL OR starts_with(run_id, :prefix))
                    ORDER BY end_at, record_id LIMIT :limit""")
                    .bind("p", p).bind("c", customer).bind("r", run).bind("prefix", prefix).bind("limit", limit)
                    .map((rs, c) -> Json.row(rs, out.addObject())).list();
            return out;
        });
    }

    public ArrayNode runs(Viewer v, Instant now) throws Rejection {
        v.require("training runs", Role.REGULATOR, Role.DEVELOPER);
        String only = v.regulator() ? null : v.id();
        return store.get(h -> {
            ArrayNode out = Json.array();
            for (String[] id : h.createQuery("SELECT developer, run_id FROM run WHERE CAST(:d AS text) IS NULL OR developer = :d ORDER BY 1, 2")
                    .bind("d", only).map((rs, c) -> new String[] {rs.getString(1), rs.getString(2)}).list()) {
                out.add(run(h, id[0], id[1], now));
            }
            return out;
        });
    }

    /** How many runs {@link #runs(Viewer, Instant)} holds for this viewer. */
    public long runCount(Viewer v) throws Rejection {
        v.require("training runs", Role.REGULATOR, Role.DEVELOPER);
        String only = v.regulator() ? null : v.id();
        return store.get(h -> {
            var q = h.createQuery("SELECT count(*) FROM run" + (only == null ? "" : " WHERE developer = :d"));
            if (only != null) {
                q.bind("d", only);
            }
            return q.mapTo(Long.class).one();
        });
    }

    /**
     * The league table of runs, one page: {@code limit} runs after the first {@code offset}, largest cumulative
     * compute first (ties by developer and run), each as {@link #run} reads it. The ranking is said in SQL as
     * {@link Monitoring#runCompute} computes it: the run's hourly buckets summed in hour order, plus its base (the
     * declared base-model compute, or the base run's own compute and its base, down the chain, stopping at a run
     * already passed); only the page's runs are then read in full.
     */
    public ArrayNode runs(Viewer v, Instant now, long limit, long offset) throws Rejection {
        v.require("training runs", Role.REGULATOR, Role.DEVELOPER);
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit " + limit + ", offset " + offset);
        }
        String only = v.regulator() ? null : v.id();
        return store.get(h -> {
            var q = h.createQuery("""
                    WITH RECURSIVE r0 AS (
                        SELECT developer, run_id, developer || '/' || run_id AS id, base_run, base_model_flop FROM run
                        """ + (only == null ? "" : "WHERE developer = :d") + """
                    ), chain AS (
                        SELECT id AS start, id AS cur, base_run, base_model_flop, CAST(0 AS double precision) AS below,
                               CAST(ARRAY[] AS text[]) AS seen, 0 AS depth FROM r0
                        UNION ALL
                        SELECT c.start, c.base_run, b.base_run, b.base_model_flop,
                               c.below + coalesce((SELECT sum(ch.flop ORDER BY ch.hour) FROM compute_hour ch
                                                   WHERE ch.subject_kind = 'run' AND ch.subject_id = c.base_run), 0),
                               c.seen || c.cur, c.depth + 1
                        FROM chain c LEFT JOIN run b ON b.developer || '/' || b.run_id = c.base_run
                        WHERE c.base_model_flop IS NULL AND c.base_run IS NOT NULL AND NOT (c.cur = ANY(c.seen))
                    ), base AS (
                        SELECT DISTINCT ON (start) start, below + coalesce(base_model_flop, 0) AS flop FROM chain
                        ORDER BY start, depth DESC
                    )
                    SELECT r0.developer, r0.run_id FROM r0 JOIN base ON base.start = r0.id
                    ORDER BY coalesce((SELECT sum(ch.flop ORDER BY ch.hour) FROM compute_hour ch
                                       WHERE ch.subject_kind = 'run' AND ch.subject_id = r0.id), 0) + base.flop DESC,
                             r0.developer, r0.run_id""" + (limit == Long.MAX_VALUE ? "" : " LIMIT " + limit)
                    + (offset == 0 ? "" : " OFFSET " + offset));
            if (only != null) {
                q.bind("d", only);
            }
            ArrayNode out = Json.array();
            for (String[] id : q.map((rs, c) -> new String[] {rs.getString(1), rs.getString(2)}).list()) {
                out.add(run(h, id[0], id[1], now));
            }
            return out;
        });
    }

    public ObjectNode run(Viewer v, String developer, String runId, Instant now) throws Rejection {
        v.require("training runs", Role.REGULATOR, Role.DEVELOPER);
        if (!v.regulator() && !developer.equals(v.id())) {
            throw Rejection.forbidden(v.id() + " may read its own runs only", null);
        }
        ObjectNode out = store.get(h -> run(h, developer, runId, now));
        if (out == null) {
            throw Rejection.notFound("no run " + runId + " of " + developer, "cgov runs declare registers one.");
        }
        return out;
    }

    /**
     * A run's own compute over time, cumulative, from its hourly buckets: [epoch seconds of the bucket's latest usage
     * end, FLOP so far]. At most {@code maxPoints} points (evenly thinned, the last always kept), so a run of years
     * draws as fast as a run of days. The same role filtering as {@link #run}.
     */
    public List<double[]> runSeries(Viewer v, String developer, String runId, int maxPoints) throws Rejection {
        v.require("training runs", Role.REGULATOR, Role.DEVELOPER);
        if (!v.regulator() && !developer.equals(v.id())) {
            throw Rejection.forbidden(v.id() + " may read its own runs only", null);
        }
        List<double[]> all = new ArrayList<>();
        store.get(h -> h.createQuery("SELECT last_end, flop FROM compute_hour WHERE subject_kind = 'run' AND subject_id = :s"
                + " ORDER BY hour").bind("s", developer + "/" + runId)
                .map((rs, c) -> all.add(new double[] {rs.getTimestamp(1).toInstant().getEpochSecond(), rs.getDouble(2)})).list());
        double total = 0;
        for (double[] p : all) {
            total += p[1];
            p[1] = total;
        }
        if (all.size() <= maxPoints) {
            return all;
        }
        List<double[]> thinned = new ArrayList<>();
        double step = (double) all.size() / maxPoints;
        for (int i = 0; i < maxPoints - 1; i++) {
            thinned.add(all.get((int) (i * step)));
        }
        thinned.add(all.get(all.size() - 1));
        return thinned;
    }

    private ObjectNode run(Handle h, String developer, String runId, Instant now) {
        ObjectNode r = h.createQuery("""
                SELECT developer, run_id AS "runId", name, planned_flop AS "plannedFlop", parameters, tokens,
                       base_run AS "baseRun", base_model_flop AS "baseModelFlop", data_domain AS "dataDomain",
                       cost_usd AS "costUsd", log_index AS "logIndex", providers, accounts
                FROM run WHERE developer = :d AND run_id = :r""")
                .bind("d", developer).bind("r", runId).map((rs, c) -> Json.row(rs, Json.object()))
                .findFirst().orElse(null);
        if (r == null) {
            return null;
        }
        String subject = developer + "/" + runId;
        Monitoring.Compute compute = monitoring.runCompute(h, subject);
        r.put("flop", compute.own());
        if (compute.base() != null) {
            r.put("baseFlop", compute.base());
        }
        r.put("cumulativeFlop", compute.own() + (compute.base() == null ? 0 : compute.base()));
        r.put("usageRecords", compute.records());
        r.set("findings", findings(h, Monitoring.RUN, subject));
        r.set("obligations", obligations(h, Monitoring.RUN, subject));
        r.set("alerts", alerts(h, Monitoring.RUN, subject));
        r.set("forecast", monitoring.forecast(h, Monitoring.RUN, subject, now, Duration.ofDays(7)));
        return r;
    }

    /** Beneficial owners with the compute of every account they own, at every provider: the regulator's view. */
    public ArrayNode owners(Viewer v) throws Rejection {
        v.require("beneficial owners", Role.REGULATOR);
        return store.get(h -> {
            ArrayNode out = Json.array();
            for (Ownership.Owner o : ownership.owners(h)) {
                owner(h, o, out.addObject());
            }
            return out;
        });
    }

    private void owner(Handle h, Ownership.Owner o, ObjectNode n) {
        n.put("ownerKey", o.key());
        n.put("name", o.name());
        n.put("country", o.country());
        ArrayNode accounts = n.putArray("accounts");
        o.accounts().forEach(accounts::add);
        n.put("flop", h.createQuery("SELECT coalesce(sum(flop ORDER BY provider, customer_id), 0) FROM account_usage"
                + " WHERE provider || '/' || customer_id = ANY(:a)").bindArray("a", String.class, o.accounts())
                .mapTo(Double.class).one());
        n.set("findings", findings(h, Monitoring.OWNER, o.key()));
        n.set("obligations", obligations(h, Monitoring.OWNER, o.key()));
    }

    /** How many beneficial owners {@link #owners(Viewer)} lists. */
    public long ownerCount(Viewer v) throws Rejection {
        v.require("beneficial owners", Role.REGULATOR);
        return store.get(h -> h.createQuery("SELECT count(DISTINCT owner_key) FROM beneficial_owner").mapTo(Long.class).one());
    }

    /**
     * The league table of beneficial owners, one page: {@code limit} owners after the first {@code offset}, most
     * compute first (ties by owner key), the compute summed in SQL as {@link #owners(Viewer)} sums it; only the page's
     * owners are then read in full.
     */
    public ArrayNode owners(Viewer v, long limit, long offset) throws Rejection {
        v.require("beneficial owners", Role.REGULATOR);
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit " + limit + ", offset " + offset);
        }
        return store.get(h -> {
            ArrayNode out = Json.array();
            for (String key : h.createQuery("""
                    SELECT o.owner_key FROM (SELECT DISTINCT owner_key FROM beneficial_owner) o
                    ORDER BY coalesce((SELECT sum(u.flop ORDER BY u.provider, u.customer_id) FROM account_usage u
                                       WHERE EXISTS (SELECT 1 FROM beneficial_owner b WHERE b.owner_key = o.owner_key
                                                     AND b.provider = u.provider AND b.customer_id = u.customer_id)), 0) DESC,
                             o.owner_key""" + (limit == Long.MAX_VALUE ? "" : " LIMIT " + limit)
                    + (offset == 0 ? "" : " OFFSET " + offset)).mapTo(String.class).list()) {
                Ownership.Owner o = ownership.owner(h, key);
                if (o != null) {
                    owner(h, o, out.addObject());
                }
            }
            return out;
        });
    }

    public ArrayNode obligations(Viewer v) throws Rejection {
        return obligations(v, Long.MAX_VALUE, 0);
    }

    /** One page of {@link #obligations(Viewer)}: {@code limit} rows after the first {@code offset}, in the same order. */
    public ArrayNode obligations(Viewer v, long limit, long offset) throws Rejection {
        v.require("obligations", Role.REGULATOR, Role.DEVELOPER, Role.COMPUTE_PROVIDER);
        return store.get(h -> subjectRows(h, v, "SELECT subject_kind AS \"subjectKind\", subject_id AS subject, regime,"
                + " what, due_by AS \"dueBy\", citation FROM obligation", "due_by NULLS LAST, subject_id, regime, what",
                limit, offset));
    }

    /** How many obligations {@link #obligations(Viewer)} holds for this viewer (an index-only count). */
    public long obligationCount(Viewer v) throws Rejection {
        v.require("obligations", Role.REGULATOR, Role.DEVELOPER, Role.COMPUTE_PROVIDER);
        return store.get(h -> count(h, v, "obligation"));
    }

    public ArrayNode alerts(Viewer v) throws Rejection {
        return alerts(v, Long.MAX_VALUE, 0);
    }

    /** One page of {@link #alerts(Viewer)}. */
    public ArrayNode alerts(Viewer v, long limit, long offset) throws Rejection {
        v.require("alerts", Role.REGULATOR, Role.DEVELOPER, Role.COMPUTE_PROVIDER);
        return store.get(h -> subjectRows(h, v, "SELECT subject_kind AS \"subjectKind\", subject_id AS subject, regime,"
                + " fraction, threshold, reached_at AS \"reachedAt\" FROM alert", "reached_at, subject_id, regime, fraction",
                limit, offset));
    }

    /** How many alerts {@link #alerts(Viewer)} holds for this viewer. */
    public long alertCount(Viewer v) throws Rejection {
        v.require("alerts", Role.REGULATOR, Role.DEVELOPER, Role.COMPUTE_PROVIDER);
        return store.get(h -> count(h, v, "alert"));
    }

    /** A developer sees its runs' rows, a provider its customers' accounts, the regulator everything. */
    private static String visibleTo(Viewer v) {
        if (v.regulator()) {
            return "starts_with(:prefix, '') OR true"; // binds :prefix too, so every branch takes the same parameters
        } else if (v.is(Role.DEVELOPER) && v.is(Role.COMPUTE_PROVIDER)) {
            return "(subject_kind = 'run' AND starts_with(subject_id, :prefix)) OR (subject_kind = 'customer' AND starts_with(subject_id, :prefix))";
        } else if (v.is(Role.DEVELOPER)) {
            return "subject_kind = 'run' AND starts_with(subject_id, :prefix)";
        } else {
            return "subject_kind = 'customer' AND starts_with(subject_id, :prefix)";
        }
    }

    private static ArrayNode subjectRows(Handle h, Viewer v, String select, String order, long limit, long offset) {
        ArrayNode out = Json.array();
        h.createQuery(select + " WHERE " + visibleTo(v) + " ORDER BY " + order
                + " LIMIT :limit OFFSET :offset").bind("prefix", v.id() + "/")
                .bind("limit", limit).bind("offset", offset)
                .map((rs, c) -> Json.row(rs, out.addObject())).list();
        return out;
    }

    private static long count(Handle h, Viewer v, String table) {
        return h.createQuery("SELECT count(*) FROM " + table + " WHERE " + visibleTo(v)).bind("prefix", v.id() + "/")
                .mapTo(Long.class).one();
    }

    private static ArrayNode findings(Handle h, String kind, String subject) {
        return ofSubject(h, "SELECT regime, verdict, in_force AS \"inForce\", measured, threshold, crossed_at AS \"crossedAt\""
                + " FROM finding", kind, subject, "threshold, regime");
    }

    private static ArrayNode obligations(Handle h, String kind, String subject) {
        return ofSubject(h, "SELECT regime, what, due_by AS \"dueBy\", citation FROM obligation", kind, subject,
                "due_by NULLS LAST, regime, what");
    }

    private static ArrayNode alerts(Handle h, String kind, String subject) {
        return ofSubject(h, "SELECT regime, fraction, threshold, reached_at AS \"reachedAt\" FROM alert", kind,
                subject, "reached_at, regime, fraction");
    }

    /** One monitoring table's rows for one subject. */
    private static ArrayNode ofSubject(Handle h, String select, String kind, String subject, String order) {
        ArrayNode out = Json.array();
        h.createQuery(select + " WHERE subject_kind = :k AND subject_id = :s ORDER BY " + order)
                .bind("k", kind).bind("s", subject).map((rs, c) -> Json.row(rs, out.addObject())).list();
        return out;
    }
}
