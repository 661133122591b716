package org.computegov.registry.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The registry's reads, each filtered by who asks (see {@link Viewer}). Confidential fields (a customer's identity,
 * a run's plans) never reach a public answer: public reads are the actor list and aggregate statistics.
 */
public final class RegistryReads {
    private static final String R = RegistrySchemas.LIVE + ".";
    private final Jdbi jdbi;
    private final Monitoring monitoring;

    public RegistryReads(Jdbi jdbi, RegistryRules rules) {
        this.jdbi = jdbi;
        this.monitoring = new Monitoring(rules);
    }

    public ArrayNode actors() {
        return jdbi.withHandle(h -> {
            ArrayNode out = Projector.JSON.createArrayNode();
            h.createQuery("SELECT id, name, roles, jurisdiction, log_index FROM " + R + "actor ORDER BY id").map((rs, c) -> {
                ObjectNode a = out.addObject();
                a.put("id", rs.getString(1));
                a.put("name", rs.getString(2));
                ArrayNode roles = a.putArray("roles");
                for (String r : (String[]) rs.getArray(3).getArray()) {
                    roles.add(r);
                }
                a.put("jurisdiction", rs.getString(4));
                a.put("logIndex", rs.getLong(5));
                a.putArray("keys");
                return a;
            }).list();
            for (JsonNode a : out) {
                ArrayNode keys = (ArrayNode) a.get("keys");
                h.createQuery("SELECT key_id AS \"keyId\", vkey, added_index AS \"addedIndex\", revoked_index AS \"revokedIndex\" FROM " + R + "actor_key WHERE actor_id = :a ORDER BY added_index, key_id")
                        .bind("a", a.get("id").asText()).map((rs, c) -> rows(rs, keys.addObject())).list();
            }
            return out;
        });
    }

    /** Public statistics: counts and totals only, no identities. */
    public ObjectNode stats() {
        return jdbi.withHandle(h -> {
            ObjectNode s = Projector.JSON.createObjectNode();
            ObjectNode roles = s.putObject("actorsByRole");
            h.createQuery("SELECT r, count(*) FROM " + R + "actor, unnest(roles) r GROUP BY r ORDER BY r")
                    .map((rs, c) -> roles.put(rs.getString(1), rs.getLong(2))).list();
            s.put("customers", count(h, "SELECT count(*) FROM " + R + "customer"));
            s.put("foreignCustomers", count(h, "SELECT count(*) FROM " + R + "customer WHERE foreign_customer"));
            s.put("screeningLists", count(h, "SELECT count(*) FROM " + R + "screening_list"));
            s.put("customersWithScreeningHits", count(h, "SELECT count(DISTINCT (provider, customer_id)) FROM " + R + "screening_hit"));
            s.put("usageRecords", count(h, "SELECT count(*) FROM " + R + "usage_record WHERE NOT withdrawn"));
            h.createQuery("SELECT coalesce(sum(chip_hours), 0), coalesce(sum(flop), 0) FROM " + R + "usage_record WHERE NOT withdrawn")
                    .map((rs, c) -> s.put("chipHours", rs.getDouble(1)).put("flop", rs.getDouble(2))).one();
            s.put("runs", count(h, "SELECT count(*) FROM " + R + "run"));
            ObjectNode crossed = s.putObject("subjectsCrossingByRegime");
            h.createQuery("SELECT regime, subject_kind, count(*) FROM " + R + "finding WHERE verdict = 'CROSSED' AND in_force GROUP BY 1, 2 ORDER BY 1, 2")
                    .map((rs, c) -> ((ObjectNode) crossed.with(rs.getString(1))).put(rs.getString(2), rs.getLong(3))).list();
            s.put("statements", count(h, "SELECT count(*) FROM " + R + "statement"));
            return s;
        });
    }

    private static long count(Handle h, String sql) {
        return h.createQuery(sql).mapTo(Long.class).one();
    }

    public ArrayNode customers(Viewer v, String provider) throws Rejection {
        v.require("customer records", Role.REGULATOR, Role.COMPUTE_PROVIDER);
        String only = v.regulator() ? provider : v.id();
        if (!v.regulator() && provider != null && !provider.equals(v.id())) {
            throw Rejection.forbidden(v.id() + " may read its own customers only", null);
        }
        return jdbi.withHandle(h -> {
            ArrayNode out = Projector.JSON.createArrayNode();
            h.createQuery("""
                    SELECT c.provider, c.customer_id AS "customerId", c.customer_type AS "type", c.legal_name AS "legalName",
                           c.country, c.foreign_customer AS "foreign", c.verification_state AS "verificationState",
                           c.risk_rating AS "riskRating",
                           (SELECT count(*) FROM registry.screening_hit s WHERE s.provider = c.provider AND s.customer_id = c.customer_id) AS "screeningHits",
                           (SELECT coalesce(sum(u.flop), 0) FROM registry.usage_record u WHERE u.provider = c.provider AND u.customer_id = c.customer_id AND NOT u.withdrawn) AS "flop"
                    FROM registry.customer c WHERE (CAST(:p AS text) IS NULL OR c.provider = :p) ORDER BY 1, 2""")
                    .bind("p", only).map((rs, c) -> rows(rs, out.addObject())).list();
            return out;
        });
    }

    /** One customer: the KYC record as submitted (from the vault), its access events, screening hits and usage. */
    public ObjectNode customer(Viewer v, String provider, String customerId) throws Rejection {
        v.require("customer records", Role.REGULATOR, Role.COMPUTE_PROVIDER);
        if (!v.regulator() && !provider.equals(v.id())) {
            throw Rejection.forbidden(v.id() + " may read its own customers only", null);
        }
        ObjectNode out = jdbi.withHandle(h -> {
            ObjectNode c = h.createQuery("""
                    SELECT c.provider, c.customer_id AS "customerId", c.foreign_customer AS "foreign",
                           c.verification_state AS "verificationState", c.commitment, c.log_index AS "logIndex", v.payload
                    FROM registry.customer c JOIN registry_vault.sealed_payload v ON v.commitment = c.commitment
                    WHERE c.provider = :p AND c.customer_id = :c""")
                    .bind("p", provider).bind("c", customerId).map((rs, ctx) -> {
                        ObjectNode o = Projector.JSON.createObjectNode();
                        o.put("provider", rs.getString(1));
                        o.put("customerId", rs.getString(2));
                        o.put("foreign", rs.getBoolean(3));
                        o.put("verificationState", rs.getString(4));
                        o.put("commitment", rs.getString(5));
                        o.put("logIndex", rs.getLong(6));
                        try {
                            o.set("record", Projector.JSON.readTree(rs.getBytes(7)));
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException("a stored KYC record is not JSON", e);
                        }
                        return o;
                    }).findFirst().orElse(null);
            if (c == null) {
                return null;
            }
            ArrayNode events = c.putArray("accessEvents");
            h.createQuery("SELECT ip_address AS \"ipAddress\", at, action, log_index AS \"logIndex\" FROM registry.access_event"
                    + " WHERE provider = :p AND customer_id = :c ORDER BY log_index, seq")
                    .bind("p", provider).bind("c", customerId).map((rs, ctx) -> rows(rs, events.addObject())).list();
            c.set("screeningHits", hits(h, provider, customerId));
            h.createQuery("SELECT count(*) AS records, coalesce(sum(chip_hours), 0) AS \"chipHours\", coalesce(sum(flop), 0) AS flop"
                    + " FROM registry.usage_record WHERE provider = :p AND customer_id = :c AND NOT withdrawn")
                    .bind("p", provider).bind("c", customerId).map((rs, ctx) -> rows(rs, c.putObject("usage"))).one();
            return c;
        });
        if (out == null) {
            throw Rejection.notFound("no customer " + customerId + " at " + provider, "cgov kyc submit registers one.");
        }
        return out;
    }

    ArrayNode hits(Handle h, String provider, String customerId) {
        ArrayNode hits = Projector.JSON.createArrayNode();
        h.createQuery("SELECT list_name AS list, entry_id AS \"entryId\", score, matched_name AS \"matchedName\","
                + " query_name AS \"queryName\", fields, source FROM registry.screening_hit"
                + " WHERE provider = :p AND customer_id = :c ORDER BY score DESC, entry_id")
                .bind("p", provider).bind("c", customerId).map((rs, ctx) -> rows(rs, hits.addObject())).list();
        return hits;
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
        return jdbi.withHandle(h -> {
            ArrayNode out = Projector.JSON.createArrayNode();
            h.createQuery("""
                    SELECT record_id AS "recordId", provider, cluster, customer_id AS customer, chip, chip_count AS "chipCount",
                           start_at AS start, end_at AS "end", run_id AS "runId", job_id AS "jobId", chip_hours AS "chipHours",
                           flop, flop_low AS "flopLow", flop_high AS "flopHigh", log_index AS "logIndex"
                    FROM registry.usage_record
                    WHERE NOT withdrawn AND (CAST(:p AS text) IS NULL OR provider = :p)
                      AND (CAST(:c AS text) IS NULL OR customer_id = :c) AND (CAST(:r AS text) IS NULL OR run_id = :r)
                      AND (CAST(:prefix AS text) IS NULL OR starts_with(run_id, :prefix))
                    ORDER BY end_at, record_id LIMIT :limit""")
                    .bind("p", p).bind("c", customer).bind("r", run).bind("prefix", prefix).bind("limit", limit)
                    .map((rs, c) -> rows(rs, out.addObject())).list();
            return out;
        });
    }

    public ArrayNode runs(Viewer v, Instant now) throws Rejection {
        v.require("training runs", Role.REGULATOR, Role.DEVELOPER);
        String only = v.regulator() ? null : v.id();
        return live(h -> {
            ArrayNode out = Projector.JSON.createArrayNode();
            for (String[] id : h.createQuery("SELECT developer, run_id FROM registry.run WHERE CAST(:d AS text) IS NULL OR developer = :d ORDER BY 1, 2")
                    .bind("d", only).map((rs, c) -> new String[] {rs.getString(1), rs.getString(2)}).list()) {
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
        ObjectNode out = live(h -> run(h, developer, runId, now));
        if (out == null) {
            throw Rejection.notFound("no run " + runId + " of " + developer, "cgov runs declare registers one.");
        }
        return out;
    }

    private ObjectNode run(Handle h, String developer, String runId, Instant now) {
        ObjectNode r = h.createQuery("""
                SELECT developer, run_id AS "runId", name, planned_flop AS "plannedFlop", parameters, tokens,
                       base_run AS "baseRun", base_model_flop AS "baseModelFlop", data_domain AS "dataDomain",
                       cost_usd AS "costUsd", log_index AS "logIndex"
                FROM registry.run WHERE developer = :d AND run_id = :r""")
                .bind("d", developer).bind("r", runId).map((rs, c) -> rows(rs, Projector.JSON.createObjectNode()))
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
        return jdbi.withHandle(h -> {
            ArrayNode out = Projector.JSON.createArrayNode();
            h.createQuery("""
                    SELECT b.owner_key AS "ownerKey", min(b.name) AS name, min(b.country) AS country,
                           array_agg(DISTINCT b.provider || '/' || b.customer_id) AS accounts,
                           (SELECT coalesce(sum(u.flop), 0) FROM registry.usage_record u
                             WHERE NOT u.withdrawn AND (u.provider, u.customer_id) IN
                               (SELECT provider, customer_id FROM registry.beneficial_owner o WHERE o.owner_key = b.owner_key)) AS flop
                    FROM registry.beneficial_owner b GROUP BY b.owner_key ORDER BY 1""")
                    .map((rs, c) -> rows(rs, out.addObject())).list();
            for (JsonNode o : out) {
                ((ObjectNode) o).set("findings", findings(h, Monitoring.OWNER, o.get("ownerKey").asText()));
                ((ObjectNode) o).set("obligations", obligations(h, Monitoring.OWNER, o.get("ownerKey").asText()));
            }
            return out;
        });
    }

    public ArrayNode obligations(Viewer v) throws Rejection {
        v.require("obligations", Role.REGULATOR, Role.DEVELOPER, Role.COMPUTE_PROVIDER);
        return jdbi.withHandle(h -> subjectRows(h, v, "SELECT subject_kind AS \"subjectKind\", subject_id AS subject, regime,"
                + " what, due_by AS \"dueBy\", citation FROM registry.obligation", "due_by NULLS LAST, subject_id, regime, what"));
    }

    public ArrayNode alerts(Viewer v) throws Rejection {
        v.require("alerts", Role.REGULATOR, Role.DEVELOPER, Role.COMPUTE_PROVIDER);
        return jdbi.withHandle(h -> subjectRows(h, v, "SELECT subject_kind AS \"subjectKind\", subject_id AS subject, regime,"
                + " fraction, threshold, reached_at AS \"reachedAt\" FROM registry.alert", "reached_at, subject_id, regime, fraction"));
    }

    /** A developer sees its runs' rows, a provider its customers' accounts, the regulator everything. */
    private static ArrayNode subjectRows(Handle h, Viewer v, String select, String order) {
        String where;
        if (v.regulator()) {
            where = "starts_with(:prefix, '') OR true"; // binds :prefix too, so every branch takes the same parameters
        } else if (v.is(Role.DEVELOPER) && v.is(Role.COMPUTE_PROVIDER)) {
            where = "(subject_kind = 'run' AND starts_with(subject_id, :prefix)) OR (subject_kind = 'customer' AND starts_with(subject_id, :prefix))";
        } else if (v.is(Role.DEVELOPER)) {
            where = "subject_kind = 'run' AND starts_with(subject_id, :prefix)";
        } else {
            where = "subject_kind = 'customer' AND starts_with(subject_id, :prefix)";
        }
        ArrayNode out = Projector.JSON.createArrayNode();
        h.createQuery(select + " WHERE " + where + " ORDER BY " + order).bind("prefix", v.id() + "/")
                .map((rs, c) -> rows(rs, out.addObject())).list();
        return out;
    }

    private static ArrayNode findings(Handle h, String kind, String subject) {
        return ofSubject(h, "SELECT regime, verdict, in_force AS \"inForce\", measured, threshold, crossed_at AS \"crossedAt\""
                + " FROM registry.finding", kind, subject, "threshold, regime");
    }

    private static ArrayNode obligations(Handle h, String kind, String subject) {
        return ofSubject(h, "SELECT regime, what, due_by AS \"dueBy\", citation FROM registry.obligation", kind, subject,
                "due_by NULLS LAST, regime, what");
    }

    private static ArrayNode alerts(Handle h, String kind, String subject) {
        return ofSubject(h, "SELECT regime, fraction, threshold, reached_at AS \"reachedAt\" FROM registry.alert", kind,
                subject, "reached_at, regime, fraction");
    }

    /** One monitoring table's rows for one subject. */
    private static ArrayNode ofSubject(Handle h, String select, String kind, String subject, String order) {
        ArrayNode out = Projector.JSON.createArrayNode();
        h.createQuery(select + " WHERE subject_kind = :k AND subject_id = :s ORDER BY " + order)
                .bind("k", kind).bind("s", subject).map((rs, c) -> rows(rs, out.addObject())).list();
        return out;
    }

    /** Runs in a read transaction whose unqualified names are the live projection's (as the projector's are). */
    private <T> T live(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
        return jdbi.inTransaction(h -> {
            h.execute("SET LOCAL search_path TO " + RegistrySchemas.LIVE);
            return work.withHandle(h);
        });
    }

    /** Copies a result row into a JSON object by column label (timestamps as RFC 3339, nulls left out). */
    static ObjectNode rows(ResultSet rs, ObjectNode o) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            String name = md.getColumnLabel(i);
            Object value = rs.getObject(i);
            if (value == null) {
                continue;
            }
            if (value instanceof Timestamp t) {
                o.put(name, t.toInstant().toString());
            } else if (value instanceof java.sql.Date d) {
                o.put(name, d.toLocalDate().toString());
            } else if (value instanceof java.sql.Array a) {
                ArrayNode arr = o.putArray(name);
                for (Object x : (Object[]) a.getArray()) {
                    arr.add(String.valueOf(x));
                }
            } else if (value instanceof Number n) {
                if (n instanceof Double || n instanceof Float || n instanceof java.math.BigDecimal) {
                    o.put(name, n.doubleValue());
                } else {
                    o.put(name, n.longValue());
                }
            } else if (value instanceof Boolean b) {
                o.put(name, b);
            } else {
                o.put(name, value.toString());
            }
        }
        return o;
    }

}
