package org.computegov.deployment.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.computegov.deployment.orders.CorrectiveOrder;
import org.computegov.deployment.orders.OrderStanding;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.kernel.Published;
import org.computegov.registry.kernel.ReadStore;
import org.computegov.registry.kernel.Viewer;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/**
 * The deployment capability's reads. Models, certificates, authorizations, deployments, incidents and switches are
 * public (their statements are in the public log anyway); orders are for the regulator and the provider addressed;
 * attribution names the deployer's KYC identity to the regulator only.
 */
@Published
public final class DeploymentReads {
    private final ReadStore store;
    private final NotificationRegimes regimes;

    DeploymentReads(ReadStore store, NotificationRegimes regimes) {
        this.store = store;
        this.regimes = regimes;
    }

    static JsonNode tree(String json) {
        try {
            return json == null ? Json.array() : Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a stored JSON column is not JSON", e);
        }
    }

    private static ArrayNode rows(Handle h, String sql, String... jsonColumns) {
        ArrayNode out = Json.array();
        for (Map<String, Object> r : h.createQuery(sql).mapToMap().list()) {
            out.add(row(r, jsonColumns));
        }
        return out;
    }

    /** A row as JSON: snake_case columns to camelCase, times as RFC 3339, the named JSON columns parsed. */
    private static ObjectNode row(Map<String, Object> r, String... jsonColumns) {
        ObjectNode o = Json.object();
        r.forEach((k, v) -> {
            String name = camel(k);
            if (List.of(jsonColumns).contains(k)) {
                o.set(name, tree((String) v));
            } else if (v instanceof java.sql.Timestamp || v instanceof java.time.OffsetDateTime) {
                o.put(name, Fields.instantOf(v).toString());
            } else {
                o.set(name, Json.MAPPER.valueToTree(v instanceof java.sql.Date d ? d.toString() : v));
            }
        });
        return o;
    }

    private static String camel(String snake) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    public ArrayNode models() throws Rejection {
        return models(Long.MAX_VALUE, 0);
    }

    /** One page of {@link #models()}: {@code limit} rows after the first {@code offset}, in the same order. */
    public ArrayNode models(long limit, long offset) throws Rejection {
        return store.read(h -> rows(h, """
                SELECT developer, model_id, name, root, training_run, base_model, serialization, log_index FROM model
                ORDER BY developer, model_id""" + page(limit, offset), "serialization"));
    }

    /** A public list's length, for its pager: {@code model}, {@code evaluator}, {@code certificate},
     * {@code authorization_grant}, {@code deployment}, {@code incident} or {@code off_switch}. */
    public long count(String table) throws Rejection {
        if (!List.of("model", "evaluator", "certificate", "authorization_grant", "deployment", "incident", "off_switch")
                .contains(table)) {
            throw new IllegalArgumentException("no public list " + table);
        }
        return store.read(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    /** LIMIT and OFFSET, as literals (whole numbers only): every list here is read in a total order. */
    private static String page(long limit, long offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit " + limit + ", offset " + offset);
        }
        return (limit == Long.MAX_VALUE ? "" : " LIMIT " + limit) + (offset == 0 ? "" : " OFFSET " + offset);
    }

    /** One model with its certificates, authorizations and the notification regimes that apply to it. */
    public ObjectNode model(String developer, String id) throws Rejection {
        return model(developer, id, true);
    }

    /**
     * One model as {@link #model(String, String)}, but with {@code lists} false without its certificates and
     * authorizations: their counts instead ({@code certificateCount}, {@code certificatesPassed},
     * {@code authorizationCount}, {@code authorizationsValid}), for a page that reads them a page at a time with
     * {@link #certificates(String, long, long)} and {@link #authorizations(String, long, long)}. The notification
     * regimes still weigh every certificate's results (read without the rest of the rows).
     */
    public ObjectNode model(String developer, String id, boolean lists) throws Rejection {
        return store.read(h -> {
            Map<String, Object> m = h.createQuery("SELECT * FROM model WHERE developer = :d AND model_id = :id")
                    .bind("d", developer).bind("id", id).mapToMap().findOne()
                    .orElseThrow(() -> Rejection.notFound("no model " + developer + "/" + id, "cgov model list shows them."));
            ObjectNode o = row(m, "serialization");
            String root = (String) m.get("root");
            ArrayNode certs = rows(h, (lists ? "SELECT evaluator, cert_id, suite, suite_version, verdict, evaluated_on, results, log_index"
                    : "SELECT results") + " FROM certificate WHERE root = '" + root + "' ORDER BY log_index", "results");
            if (lists) {
                o.set("certificates", certs);
                o.set("authorizations", rows(h, "SELECT id, state, reason, regions, providers, valid_from, valid_until, log_index"
                        + " FROM authorization_grant WHERE root = '" + root + "' ORDER BY log_index", "regions", "providers"));
            } else {
                h.createQuery("SELECT count(*), count(*) FILTER (WHERE verdict = 'passed') FROM certificate WHERE root = :r")
                        .bind("r", root).map((rs, c) -> o.put("certificateCount", rs.getLong(1))
                                .put("certificatesPassed", rs.getLong(2))).one();
                h.createQuery("SELECT count(*), count(*) FILTER (WHERE state = 'valid') FROM authorization_grant WHERE root = :r")
                        .bind("r", root).map((rs, c) -> o.put("authorizationCount", rs.getLong(1))
                                .put("authorizationsValid", rs.getLong(2))).one();
            }
            String run = (String) m.get("training_run");
            Optional<Double> flop = Optional.empty();
            Map<String, Instant> crossed = new java.util.HashMap<>();
            if (run != null) {
                String full = developer + "/" + run;
                // From the per-provider totals accounting keeps (not the run's usage rows): null when none was reported.
                Double used = h.createQuery("SELECT sum(flop ORDER BY provider) FROM run_provider_usage WHERE run_id = :r")
                        .bind("r", full).mapTo(Double.class).one();
                Double planned = h.createQuery("SELECT planned_flop FROM run WHERE developer = :d AND run_id = :r")
                        .bind("d", developer).bind("r", run).mapTo(Double.class).findOne().orElse(null);
                // The larger of what was used and what was declared: a run still training is judged by its plan.
                flop = used == null ? Optional.ofNullable(planned) : Optional.of(planned == null ? used : Math.max(used, planned));
                // Each threshold regime's own crossing: a regime anchors on the one it names, not on the earliest of any.
                h.createQuery("SELECT regime, crossed_at FROM finding WHERE subject_kind = 'run' AND subject_id = :r"
                                + " AND crossed_at IS NOT NULL")
                        .bind("r", full).map((rs, ctx) -> Map.entry(rs.getString("regime"), rs.getTimestamp("crossed_at").toInstant()))
                        .forEach(e -> crossed.put(e.getKey(), e.getValue()));
            }
            Optional<Instant> firstDeployment = h.createQuery("""
                    SELECT min(s.issued_at) FROM deployment d JOIN statement s ON s.log_index = d.log_index WHERE d.root = :r""")
                    .bind("r", root).mapTo(Instant.class).findOne();
            Instant registered = h.createQuery("SELECT issued_at FROM statement WHERE log_index = :i")
                    .bind("i", m.get("log_index")).mapTo(Instant.class).one();
            List<JsonNode> results = new ArrayList<>();
            certs.forEach(c -> results.add(c.path("results")));
            flop.ifPresent(f -> o.put("trainingFlop", f));
            o.set("notification", regimes.evaluate(new NotificationRegimes.Facts(flop, crossed, results, firstDeployment, registered)));
            return o;
        });
    }

    public ArrayNode evaluators() throws Rejection {
        return evaluators(Long.MAX_VALUE, 0);
    }

    public ArrayNode evaluators(long limit, long offset) throws Rejection {
        return store.read(h -> rows(h, "SELECT evaluator, scope, valid_until, withdrawn, log_index FROM evaluator ORDER BY evaluator"
                + page(limit, offset)));
    }

    public ArrayNode certificates(String root) throws Rejection {
        return certificates(root, Long.MAX_VALUE, 0);
    }

    public ArrayNode certificates(String root, long limit, long offset) throws Rejection {
        return store.read(h -> {
            ArrayNode out = Json.array();
            // Two statements, not "(:r IS NULL OR root = :r)": a generic plan of that could not use the root index.
            var q = h.createQuery("""
                    SELECT evaluator, cert_id, root, suite, suite_version, verdict, evaluated_on, results, log_index FROM certificate
                    """ + (root == null ? "" : "WHERE root = :r ") + "ORDER BY log_index" + page(limit, offset));
            if (root != null) {
                q.bind("r", root);
            }
            for (Map<String, Object> r : q.mapToMap().list()) {
                out.add(row(r, "results"));
            }
            return out;
        });
    }

    public ArrayNode authorizations() throws Rejection {
        return authorizations(Long.MAX_VALUE, 0);
    }

    public ArrayNode authorizations(long limit, long offset) throws Rejection {
        return store.read(h -> rows(h, "SELECT * FROM authorization_grant ORDER BY log_index" + page(limit, offset),
                "regions", "providers", "usage"));
    }

    /** One page of a model's authorizations (those for the weights with this root), in log order. */
    public ArrayNode authorizations(String root, long limit, long offset) throws Rejection {
        return store.read(h -> {
            ArrayNode out = Json.array();
            for (Map<String, Object> r : h.createQuery("SELECT * FROM authorization_grant WHERE root = :r ORDER BY log_index"
                    + page(limit, offset)).bind("r", root).mapToMap().list()) {
                out.add(row(r, "regions", "providers", "usage"));
            }
            return out;
        });
    }

    /** One authorization with its standing and its log entry's index (for offline bundles). */
    public ObjectNode authorization(String id) throws Rejection {
        return store.read(h -> row(h.createQuery("SELECT * FROM authorization_grant WHERE id = :id").bind("id", id).mapToMap()
                .findOne().orElseThrow(() -> Rejection.notFound("no authorization " + id, null)), "regions", "providers", "usage"));
    }

    /**
     * The serving check online: whether a provider may serve the weights with this root here and now. Allowed when a
     * valid authorization for the root is in force and admits the region and provider; otherwise every reason.
     */
    public ObjectNode servingCheck(String root, String region, String provider, Instant now) throws Rejection {
        if (root == null || !root.matches("[0-9a-f]{64}")) {
            throw Rejection.badInput("root must be the model's OMS root (64 lowercase hex digits)", "root", "cgov model hash DIR prints it.");
        }
        return store.read(h -> {
            ObjectNode o = Json.object().put("root", root);
            ArrayNode reasons = Json.array();
            String allowedBy = null;
            for (Map<String, Object> a : h.createQuery("SELECT * FROM authorization_grant WHERE root = :r ORDER BY log_index DESC")
                    .bind("r", root).mapToMap().list()) {
                String id = (String) a.get("id");
                List<String> why = new ArrayList<>();
                if (!"valid".equals(a.get("state"))) {
                    why.add("authorization " + id + " is " + a.get("state") + (((String) a.get("reason")).isEmpty() ? "" : ": " + a.get("reason")));
                }
                if (now.isBefore(Fields.instantOf(a.get("valid_from")))) {
                    why.add("authorization " + id + " is in force only from " + Fields.instantOf(a.get("valid_from")));
                }
                Instant until = Fields.instantOf(a.get("valid_until"));
                if (until != null && !now.isBefore(until)) {
                    why.add("authorization " + id + " expired at " + until);
                }
                admits(tree((String) a.get("regions")), region, "region", id, why);
                admits(tree((String) a.get("providers")), provider, "provider", id, why);
                if (why.isEmpty()) {
                    allowedBy = id;
                    break;
                }
                why.forEach(reasons::add);
            }
            if (allowedBy == null && reasons.isEmpty()) {
                reasons.add("no authorization names root " + root);
            }
            o.put("allowed", allowedBy != null);
            if (allowedBy != null) {
                o.put("authorizationId", allowedBy);
            } else {
                o.set("reasons", reasons);
            }
            return o;
        });
    }

    private static void admits(JsonNode list, String value, String what, String id, List<String> why) {
        if (value == null || list.isEmpty()) {
            return;
        }
        for (JsonNode v : list) {
            if (v.asText().equals(value)) {
                return;
            }
        }
        why.add(what + " " + value + " is not authorized by " + id);
    }

    public ArrayNode deployments() throws Rejection {
        return deployments(Long.MAX_VALUE, 0);
    }

    public ArrayNode deployments(long limit, long offset) throws Rejection {
        return store.read(h -> rows(h, """
                SELECT d.provider, d.deployment_id, d.deployer, d.root, m.developer || '/' || m.model_id AS model, d.endpoint,
                    d.region, d.authorization_id, d.log_index
                FROM deployment d LEFT JOIN model m ON m.root = d.root ORDER BY d.provider, d.deployment_id""" + page(limit, offset)));
    }

    public ArrayNode incidents() throws Rejection {
        return incidents(Long.MAX_VALUE, 0);
    }

    public ArrayNode incidents(long limit, long offset) throws Rejection {
        return store.read(h -> rows(h, """
                SELECT filer, incident_id, provider || '/' || deployment_id AS deployment, severity, description, occurred_at,
                    log_index FROM incident ORDER BY log_index""" + page(limit, offset)));
    }

    /** One page of the incidents filed against one deployment, oldest first. */
    public ArrayNode incidents(String provider, String deploymentId, long limit, long offset) throws Rejection {
        return store.read(h -> {
            ArrayNode out = Json.array();
            for (Map<String, Object> r : h.createQuery("""
                    SELECT filer, incident_id, provider || '/' || deployment_id AS deployment, severity, description, occurred_at,
                        log_index FROM incident WHERE provider = :p AND deployment_id = :d ORDER BY log_index""" + page(limit, offset))
                    .bind("p", provider).bind("d", deploymentId).mapToMap().list()) {
                out.add(row(r));
            }
            return out;
        });
    }

    public long incidentCount(String provider, String deploymentId) throws Rejection {
        return store.read(h -> h.createQuery("SELECT count(*) FROM incident WHERE provider = :p AND deployment_id = :d")
                .bind("p", provider).bind("d", deploymentId).mapTo(Long.class).one());
    }

    /**
     * Attribution in one read: a deployment's provider and deployer (the deployer's KYC record at that provider for
     * the regulator only), the model and its developer, the training run, and the providers whose usage records
     * trained it with their compute. An incident id ({@code filer/id}) may name the deployment instead.
     */
    public ObjectNode attribution(Viewer viewer, String provider, String deploymentId) throws Rejection {
        return attribution(viewer, provider, deploymentId, true);
    }

    /** {@link #attribution(Viewer, String, String)}, without the incidents unless {@code withIncidents} (a page reads
     * them a page at a time with {@link #incidents(String, String, long, long)}). */
    public ObjectNode attribution(Viewer viewer, String provider, String deploymentId, boolean withIncidents)
            throws Rejection {
        return store.read(h -> {
            Map<String, Object> d = h.createQuery("SELECT * FROM deployment WHERE provider = :p AND deployment_id = :d")
                    .bind("p", provider).bind("d", deploymentId).mapToMap().findOne()
                    .orElseThrow(() -> Rejection.notFound("no deployment " + provider + "/" + deploymentId, "cgov deploy list shows them."));
            ObjectNode o = Json.object();
            o.set("deployment", row(d));
            ObjectNode deployer = o.putObject("deployer").put("provider", provider).put("customerId", (String) d.get("deployer"));
            if (viewer.regulator()) {
                h.createQuery("""
                        SELECT legal_name, country, customer_type, verification_state, verified_on, risk_rating FROM customer
                        WHERE provider = :p AND customer_id = :c""").bind("p", provider).bind("c", d.get("deployer")).mapToMap()
                        .findOne().ifPresentOrElse(k -> deployer.set("kyc", row(k)), () -> deployer.putNull("kyc"));
            }
            Map<String, Object> m = h.createQuery("SELECT * FROM model WHERE root = :r").bind("r", d.get("root")).mapToMap()
                    .findOne().orElseThrow(() -> new IllegalStateException("a deployment's model is always registered"));
            o.set("model", row(m, "serialization"));
            o.put("developer", (String) m.get("developer"));
            String run = (String) m.get("training_run");
            if (run == null) {
                o.putNull("trainingRun");
                o.set("trainingProviders", Json.array());
            } else {
                String full = m.get("developer") + "/" + run;
                o.set("trainingRun", h.createQuery("SELECT developer, run_id, name, planned_flop, log_index FROM run WHERE developer = :d AND run_id = :r")
                        .bind("d", m.get("developer")).bind("r", run).mapToMap().findOne().map(r -> (JsonNode) row(r))
                        .orElse(Json.object().put("runId", full)));
                ArrayNode ps = o.putArray("trainingProviders");
                for (Map<String, Object> p : h.createQuery("""
                        SELECT provider, records, flop, chip_hours FROM run_provider_usage WHERE run_id = :r ORDER BY provider""").bind("r", full).mapToMap().list()) {
                    ps.add(row(p));
                }
            }
            if (!withIncidents) {
                return o;
            }
            o.set("incidents", rows(h, "SELECT filer, incident_id, severity, description, occurred_at, log_index FROM incident"
                    + " WHERE provider = '" + provider.replace("'", "''") + "' AND deployment_id = '" + deploymentId.replace("'", "''")
                    + "' ORDER BY log_index"));
            return o;
        });
    }

    /** Orders with their standing now (open, acknowledged, complied, complied late, overdue with escalation level). */
    public ArrayNode orders(Viewer viewer, Instant now) throws Rejection {
        return orders(viewer, now, null, null, Long.MAX_VALUE, 0);
    }

    /**
     * One page of {@link #orders(Viewer, Instant)}, oldest first; with {@code provider} and {@code deploymentId}, only
     * the orders to that deployment.
     */
    public ArrayNode orders(Viewer viewer, Instant now, String provider, String deploymentId, long limit, long offset)
            throws Rejection {
        viewer.require("corrective orders", Role.REGULATOR, Role.COMPUTE_PROVIDER);
        return store.read(h -> {
            ArrayNode out = Json.array();
            for (Map<String, Object> r : h.createQuery("SELECT * FROM corrective_order WHERE " + ORDERS_VISIBLE
                    + " ORDER BY log_index" + page(limit, offset)).bind("all", viewer.regulator()).bind("me", viewer.id())
                    .bind("p", provider).bind("d", deploymentId).mapToMap().list()) {
                CorrectiveOrder o = new CorrectiveOrder((String) r.get("id"), (String) r.get("deployment_id"),
                        (String) r.get("provider"), CorrectiveOrder.Measure.valueOf(((String) r.get("measure"))
                                .toUpperCase(java.util.Locale.ROOT).replace('-', '_')), Fields.instantOf(r.get("issued_at")),
                        Fields.instantOf(r.get("ack_by")), Fields.instantOf(r.get("comply_by")),
                        Duration.ofSeconds(((Number) r.get("escalation_s")).longValue()));
                OrderStanding s = OrderStanding.at(o, Optional.ofNullable(Fields.instantOf(r.get("acknowledged_at"))),
                        Optional.ofNullable(Fields.instantOf(r.get("complied_at"))), now);
                ObjectNode row = row(r);
                row.put("standing", s.state().name().toLowerCase(java.util.Locale.ROOT)).put("escalation", s.escalation())
                        .put("explanation", s.explanation());
                s.nextEscalation().ifPresent(t -> row.put("nextEscalation", t.toString()));
                out.add(row);
            }
            return out;
        });
    }

    /** The orders the viewer may read (the regulator all, a provider its own), optionally to one deployment. */
    private static final String ORDERS_VISIBLE = "(:all OR provider = :me) AND (CAST(:p AS text) IS NULL OR"
            + " (provider = :p AND deployment_id = :d))";

    /**
     * How many orders {@link #orders(Viewer, Instant, String, String, long, long)} holds, and how many of them are
     * overdue at {@code now}: [all, overdue]. Overdue is {@link OrderStanding}'s rule said in SQL (not complied with
     * by now, and past the compliance deadline, or past the acknowledgement deadline without a timely acknowledgement),
     * so the figure needs no row read.
     */
    public long[] orderCounts(Viewer viewer, Instant now, String provider, String deploymentId) throws Rejection {
        viewer.require("corrective orders", Role.REGULATOR, Role.COMPUTE_PROVIDER);
        return store.read(h -> h.createQuery("""
                SELECT count(*), count(*) FILTER (WHERE (complied_at IS NULL OR complied_at > :now) AND (:now > comply_by
                    OR (:now > ack_by AND (acknowledged_at IS NULL OR acknowledged_at > ack_by))))
                FROM corrective_order WHERE """ + ORDERS_VISIBLE).bind("now", java.sql.Timestamp.from(now))
                .bind("all", viewer.regulator()).bind("me", viewer.id()).bind("p", provider).bind("d", deploymentId)
                .map((rs, c) -> new long[] {rs.getLong(1), rs.getLong(2)}).one());
    }

    /** A switch's status: running or halted, its epoch, the votes counted so far in it and how many more flip it. */
    public ObjectNode switchStatus(String id) throws Rejection {
        return store.read(h -> {
            Map<String, Object> s = h.createQuery("SELECT * FROM off_switch WHERE id = :id").bind("id", id).mapToMap().findOne()
                    .orElseThrow(() -> Rejection.notFound("no switch " + id, null));
            ObjectNode o = row(s, "holders");
            long epoch = ((Number) s.get("epoch")).longValue();
            ArrayNode votes = rows(h, "SELECT holder, action, issued_at, log_index FROM switch_vote WHERE switch_id = '"
                    + id.replace("'", "''") + "' AND epoch = " + epoch + " ORDER BY log_index");
            o.set("votesThisEpoch", votes);
            o.put("pendingAction", "running".equals(s.get("status")) ? "halt" : "resume");
            o.put("votesNeeded", ((Number) s.get("threshold")).intValue() - votes.size());
            return o;
        });
    }

    public ArrayNode switches() throws Rejection {
        return switches(Long.MAX_VALUE, 0);
    }

    public ArrayNode switches(long limit, long offset) throws Rejection {
        return store.read(h -> rows(h, "SELECT id, owner, holders, threshold, status, epoch, log_index FROM off_switch ORDER BY id"
                + page(limit, offset), "holders"));
    }

    /** How many switches are halted. */
    public long haltedSwitches() throws Rejection {
        return store.read(h -> h.createQuery("SELECT count(*) FROM off_switch WHERE status = 'halted'").mapTo(Long.class).one());
    }
}
