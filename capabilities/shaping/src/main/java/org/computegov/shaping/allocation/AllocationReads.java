package org.computegov.shaping.allocation;

import static org.computegov.shaping.allocation.ProposalKinds.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.computegov.accounting.AccountUsage;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.kernel.Published;
import org.computegov.registry.kernel.ReadStore;
import org.computegov.registry.kernel.Viewer;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/**
 * The allocation reads. Programmes, calls and resources with their rates are public; proposals are read by the
 * regulator and reviewers (a researcher reads its own, with scores but not who gave them); awards and their
 * draw-down by the regulator, the researcher and the providers whose resources they draw on; the Slurm export by
 * the providers of the cluster and the regulator. Each read checks the viewer itself.
 */
@Published
public final class AllocationReads {
    private final ReadStore store;
    private final AccountUsage usage;
    private final org.computegov.knowledge.hardware.HardwareCatalog catalog;

    AllocationReads(ReadStore store, AccountUsage usage, org.computegov.knowledge.hardware.HardwareCatalog catalog) {
        this.store = store;
        this.usage = usage;
        this.catalog = catalog;
    }

    /** Dense FP16 peak FLOP one GPU-hour of a chip delivers (credits ↔ GPU-hours ↔ FLOP); null if not in the catalog. */
    private Double peakFlopPerGpuHour(String chip) {
        try {
            return org.computegov.shaping.concern.Capacity.peakTrainingFlops(catalog.find(chip), 1) * 3600;
        } catch (InvalidInputException e) {
            return null;
        }
    }

    public JsonNode programmes() {
        return store.get(h -> {
            ArrayNode out = Json.array();
            h.createQuery("SELECT id, name, officer FROM alloc_programme ORDER BY id").map((rs, c) -> {
                ObjectNode p = Json.row(rs, out.addObject());
                ArrayNode calls = p.putArray("calls");
                h.createQuery("""
                        SELECT id, title, CAST(opens AS text) AS opens, CAST(closes AS text) AS closes, tiers, resources
                        FROM alloc_call WHERE programme = :p ORDER BY id""").bind("p", p.get("id").asText())
                        .map((r2, c2) -> {
                            ObjectNode call = Json.row(r2, calls.addObject());
                            call.set("tiers", tree(r2.getString("tiers")));
                            call.set("resources", tree(r2.getString("resources")));
                            return call;
                        }).list();
                ArrayNode res = p.putArray("resources");
                h.createQuery("""
                        SELECT id, provider, chip, cluster, gres_type AS "gresType" FROM alloc_resource
                        WHERE programme = :p ORDER BY id""").bind("p", p.get("id").asText()).map((r2, c2) -> {
                            ObjectNode r = Json.row(r2, res.addObject());
                            r.put("tres", new Resource(r.get("id").asText(), null, null, null,
                                    r.path("gresType").isNull() ? null : r.path("gresType").asText()).tres());
                            Double flop = peakFlopPerGpuHour(r.get("chip").asText());
                            r.put("peakFlopPerGpuHour", flop);
                            ArrayNode rates = r.putArray("rates");
                            h.createQuery("""
                                    SELECT CAST(effective_from AS text) AS "effectiveFrom",
                                           credits_per_gpu_hour AS "creditsPerGpuHour" FROM alloc_rate
                                    WHERE resource = :r ORDER BY effective_from""").bind("r", r.get("id").asText())
                                    .map((r3, c3) -> {
                                        ObjectNode rate = Json.row(r3, rates.addObject());
                                        // At peak: a run's FLOP per credit is this times its utilization.
                                        rate.put("peakFlopPerCredit", flop == null ? null
                                                : flop / r3.getDouble("creditsPerGpuHour"));
                                        return rate;
                                    }).list();
                            return r;
                        }).list();
                return p;
            }).list();
            return out;
        });
    }

    public JsonNode proposals(Viewer v) throws Rejection {
        return proposals(v, null, Long.MAX_VALUE, 0);
    }

    /** How many proposals {@link #proposals(Viewer)} holds for this viewer. */
    public long proposalCount(Viewer v) throws Rejection {
        v.require("allocation proposals", Role.REGULATOR, Role.EVALUATOR, Role.DEVELOPER);
        boolean all = v.regulator() || v.is(Role.EVALUATOR);
        return store.read(h -> {
            var q = h.createQuery("SELECT count(*) FROM alloc_proposal" + (all ? "" : " WHERE researcher = :me"));
            if (!all) {
                q.bind("me", v.id());
            }
            return q.mapTo(Long.class).one();
        });
    }

    /**
     * One page of {@link #proposals(Viewer)} ({@code limit} rows after the first {@code offset}, by id), or with
     * {@code id} set only that proposal (if the viewer may read it).
     */
    public JsonNode proposals(Viewer v, String id, long limit, long offset) throws Rejection {
        v.require("allocation proposals", Role.REGULATOR, Role.EVALUATOR, Role.DEVELOPER);
        boolean all = v.regulator() || v.is(Role.EVALUATOR);
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit " + limit + ", offset " + offset);
        }
        List<String> where = new ArrayList<>();
        if (!all) {
            where.add("researcher = :me");
        }
        if (id != null) {
            where.add("id = :id");
        }
        return store.read(h -> {
            ArrayNode out = Json.array();
            var q = h.createQuery("""
                    SELECT id, call, researcher, project, pi_name AS "piName", pi_orcid AS "piOrcid", field, tier,
                           requested, justification, CAST(submitted AS text) AS submitted, log_index AS "logIndex"
                    FROM alloc_proposal""" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY id"
                    + (limit == Long.MAX_VALUE ? "" : " LIMIT " + limit) + (offset == 0 ? "" : " OFFSET " + offset));
            if (!all) {
                q.bind("me", v.id());
            }
            if (id != null) {
                q.bind("id", id);
            }
            q.map((rs, c) -> {
                        ObjectNode p = Json.row(rs, out.addObject());
                        p.set("requested", tree(rs.getString("requested")));
                        ArrayNode reviews = p.putArray("reviews");
                        h.createQuery("SELECT reviewer, score, recommended, comments FROM alloc_review WHERE proposal = :p"
                                + " ORDER BY log_index").bind("p", rs.getString("id")).map((r2, c2) -> {
                                    String reviewer = r2.getString("reviewer");
                                    // A researcher sees the scores, not who gave them; a reviewer sees its own review.
                                    if (!v.regulator() && !reviewer.equals(v.id()) && v.is(Role.EVALUATOR)) {
                                        return null;
                                    }
                                    ObjectNode r = reviews.addObject();
                                    if (v.regulator() || reviewer.equals(v.id())) {
                                        r.put("reviewer", reviewer);
                                    }
                                    r.put("score", r2.getInt("score"));
                                    r.set("recommended", tree(r2.getString("recommended")));
                                    r.put("comments", r2.getString("comments"));
                                    return r;
                                }).list();
                        return p;
                    }).list();
            return out;
        });
    }

    /** Awards the viewer may see, each with its draw-down on {@code asOf}. */
    public JsonNode awards(Viewer v, LocalDate asOf) throws Rejection {
        return awards(v, asOf, Long.MAX_VALUE, 0);
    }

    /**
     * One page of {@link #awards(Viewer, LocalDate)}: {@code limit} awards after the first {@code offset}, by id, the
     * viewer's visibility said in SQL ({@link Loaded#visibleTo} in words: the regulator, the researcher, a provider of
     * one of the award's resources), so only the page's awards are loaded and drawn down.
     */
    public JsonNode awards(Viewer v, LocalDate asOf, long limit, long offset) throws Rejection {
        v.require("allocation awards", Role.REGULATOR, Role.DEVELOPER, Role.COMPUTE_PROVIDER);
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit " + limit + ", offset " + offset);
        }
        return store.read(h -> {
            ArrayNode out = Json.array();
            var q = h.createQuery("SELECT a.id FROM alloc_award a" + awardsVisible(v) + " ORDER BY a.id"
                    + (limit == Long.MAX_VALUE ? "" : " LIMIT " + limit) + (offset == 0 ? "" : " OFFSET " + offset));
            if (!v.regulator()) {
                q.bind("me", v.id());
            }
            for (String id : q.mapTo(String.class).list()) {
                Loaded a = load(h, id);
                if (a.visibleTo(v)) { // the same rule again, in Java: SQL and Loaded must agree
                    out.add(view(h, a, asOf, false));
                }
            }
            return out;
        });
    }

    /** How many awards {@link #awards(Viewer, LocalDate)} holds for this viewer. */
    public long awardCount(Viewer v) throws Rejection {
        v.require("allocation awards", Role.REGULATOR, Role.DEVELOPER, Role.COMPUTE_PROVIDER);
        return store.read(h -> {
            var q = h.createQuery("SELECT count(*) FROM alloc_award a" + awardsVisible(v));
            if (!v.regulator()) {
                q.bind("me", v.id());
            }
            return q.mapTo(Long.class).one();
        });
    }

    /** Which awards a viewer reads, as a WHERE clause on {@code alloc_award a} (binding {@code :me} unless the regulator). */
    private static String awardsVisible(Viewer v) {
        return v.regulator() ? "" : " WHERE EXISTS (SELECT 1 FROM alloc_proposal p WHERE p.id = a.proposal AND p.researcher = :me)"
                + " OR EXISTS (SELECT 1 FROM alloc_resource r WHERE r.provider = :me"
                + " AND (CAST(a.amounts AS jsonb) -> r.id) IS NOT NULL)";
    }

    /** One award with its draw-down on {@code asOf}, its reports and change requests. */
    public JsonNode award(Viewer v, String id, LocalDate asOf) throws Rejection {
        v.require("allocation awards", Role.REGULATOR, Role.DEVELOPER, Role.COMPUTE_PROVIDER);
        return store.read(h -> {
            if (h.createQuery("SELECT count(*) FROM alloc_award WHERE id = :id").bind("id", id).mapTo(Long.class).one() == 0) {
                throw Rejection.notFound("no award " + id, "cgov alloc show lists the awards you may read.");
            }
            Loaded a = load(h, id);
            if (!a.visibleTo(v)) {
                throw Rejection.forbidden(v.id() + " may not read award " + id, "The regulator, the researcher and the"
                        + " providers of its resources read an award.");
            }
            return view(h, a, asOf, true);
        });
    }

    /** The awards on a cluster as a {@code sacctmgr load} file ({@code file}) with the limits per account. */
    public JsonNode export(Viewer v, String cluster, String format, LocalDate asOf) throws Rejection {
        v.require("the Slurm export", Role.REGULATOR, Role.COMPUTE_PROVIDER);
        if (format != null && !format.equals("sacctmgr")) {
            throw Rejection.badInput("format must be sacctmgr, got '" + format + "'", "format", null);
        }
        if (cluster == null) {
            throw Rejection.badInput("cluster is missing", "cluster", "Name the Slurm cluster to export for.");
        }
        return store.read(h -> {
            List<String> providers = h.createQuery("SELECT DISTINCT provider FROM alloc_resource WHERE cluster = :c")
                    .bind("c", cluster).mapTo(String.class).list();
            if (!v.regulator() && !providers.contains(v.id())) {
                throw Rejection.forbidden(v.id() + " offers no resource on cluster " + cluster,
                        "A provider exports the awards on its own clusters.");
            }
            List<SacctmgrLoadFile.AccountLimit> limits = new ArrayList<>();
            for (String id : h.createQuery("SELECT id FROM alloc_award ORDER BY id").mapTo(String.class).list()) {
                Loaded a = load(h, id);
                if (a.resources().stream().noneMatch(r -> r.cluster().equals(cluster))) {
                    continue;
                }
                DrawDown d = drawDown(h, a, asOf);
                try {
                    limits.add(SacctmgrLoadFile.limitFor(a.award(), d, a.resources(), cluster, a.rates(),
                            a.project(), a.researcher(), a.users()));
                } catch (InvalidInputException e) {
                    throw Rejection.badInput(e.getMessage(), "cluster", e.hint());
                }
            }
            try {
                ObjectNode out = Json.object().put("cluster", cluster).put("asOf", asOf.toString()).put("format", "sacctmgr");
                ArrayNode accounts = out.putArray("accounts");
                for (SacctmgrLoadFile.AccountLimit l : limits) {
                    ObjectNode a = accounts.addObject().put("account", l.account());
                    l.grpTresMins().forEach(a.putObject("grpTresMins")::put);
                }
                out.put("file", SacctmgrLoadFile.write(cluster, asOf, limits));
                return out;
            } catch (InvalidInputException e) {
                throw Rejection.badInput(e.getMessage(), "cluster", e.hint());
            }
        });
    }

    /** An award as stored, with what draw-down needs. */
    private record Loaded(Award award, String researcher, String project, List<String> users, List<Resource> resources,
            RateSchedule rates, ObjectNode row) {
        boolean visibleTo(Viewer v) {
            return v.regulator() || researcher.equals(v.id())
                    || resources.stream().anyMatch(r -> r.provider().equals(v.id()));
        }
    }

    private static Loaded load(Handle h, String id) {
        ObjectNode row = h.createQuery("""
                SELECT a.id AS award, a.proposal, a.account, a.users, CAST(a.start_day AS text) AS start,
                       CAST(a.end_day AS text) AS "end", a.status, a.progress_accepted AS "progressAccepted", a.amounts,
                       p.researcher, p.project, p.pi_name AS "piName", p.pi_orcid AS "piOrcid", p.field, p.tier, p.call,
                       a.log_index AS "logIndex"
                FROM alloc_award a JOIN alloc_proposal p ON p.id = a.proposal WHERE a.id = :id""").bind("id", id)
                .map((rs, c) -> Json.row(rs, Json.object())).one();
        JsonNode amounts = tree(row.get("amounts").asText());
        row.set("amounts", amounts);
        row.set("users", tree(row.get("users").asText()));
        Map<String, Award.Amounts> m = new LinkedHashMap<>();
        amounts.fields().forEachRemaining(e -> m.put(e.getKey(), new Award.Amounts(e.getValue().path("requested").asDouble(),
                e.getValue().path("recommended").asDouble(), e.getValue().path("awarded").asDouble())));
        Award award = new Award(id, row.get("proposal").asText(), row.get("account").asText(),
                Tier.valueOf(row.get("tier").asText()), m, LocalDate.parse(row.get("start").asText()),
                LocalDate.parse(row.get("end").asText()), AwardStatus.valueOf(row.get("status").asText()),
                row.get("progressAccepted").asBoolean());
        List<Resource> resources = new ArrayList<>();
        List<ExchangeRate> rates = new ArrayList<>();
        for (String r : m.keySet()) {
            h.createQuery("SELECT id, provider, chip, cluster, gres_type FROM alloc_resource WHERE id = :r").bind("r", r)
                    .map((rs, c) -> resources.add(new Resource(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5)))).list();
            h.createQuery("SELECT effective_from, credits_per_gpu_hour FROM alloc_rate WHERE resource = :r").bind("r", r)
                    .map((rs, c) -> rates.add(new ExchangeRate(r, rs.getDate(1).toLocalDate(), rs.getDouble(2)))).list();
        }
        List<String> users = new ArrayList<>();
        row.get("users").forEach(u -> users.add(u.asText()));
        return new Loaded(award, row.get("researcher").asText(), row.get("project").asText(), users, resources,
                new RateSchedule(rates), row);
    }

    /** Charges the account's usage records at the award's providers to the resource they ran on. */
    private DrawDown drawDown(Handle h, Loaded a, LocalDate asOf) {
        List<UsageCharge> charges = new ArrayList<>();
        for (String provider : a.resources().stream().map(Resource::provider).distinct().toList()) {
            for (AccountUsage.Line l : usage.records(h, provider, a.award().account())) {
                String resource = a.resources().stream().filter(r -> r.provider().equals(l.provider())
                        && r.cluster().equals(l.cluster()) && r.chip().equals(l.chip())).map(Resource::id).findFirst()
                        .orElse(l.provider() + "/" + l.cluster() + "/" + l.chip());
                charges.add(new UsageCharge(l.recordId(), l.customer(), resource,
                        LocalDate.ofInstant(l.start(), ZoneOffset.UTC), l.chipHours()));
            }
        }
        try {
            return DrawDown.of(a.award(), a.rates(), charges, asOf);
        } catch (InvalidInputException e) {
            throw new IllegalStateException("draw-down of " + a.award().id() + ": " + e.getMessage(), e);
        }
    }

    private ObjectNode view(Handle h, Loaded a, LocalDate asOf, boolean detail) {
        ObjectNode out = a.row().deepCopy();
        DrawDown d = drawDown(h, a, asOf);
        out.put("statusOn", d.status().name());
        out.put("asOf", asOf.toString());
        out.set("drawDown", Json.MAPPER.valueToTree(d.lines()));
        out.set("refused", Json.MAPPER.valueToTree(d.refused()));
        if (detail) {
            ArrayNode reports = out.putArray("reports");
            h.createQuery("""
                    SELECT log_index AS "logIndex", CAST(day AS text) AS day, summary, accepted_at AS "acceptedAt"
                    FROM alloc_report WHERE award = :a ORDER BY log_index""").bind("a", a.award().id())
                    .map((rs, c) -> Json.row(rs, reports.addObject())).list();
            ArrayNode changes = out.putArray("changes");
            h.createQuery("""
                    SELECT id, change AS type, credits, CAST(new_end AS text) AS "end", justification, state,
                           log_index AS "logIndex", decided_at AS "decidedAt"
                    FROM alloc_change WHERE award = :a ORDER BY log_index""").bind("a", a.award().id())
                    .map((rs, c) -> {
                        ObjectNode ch = Json.row(rs, changes.addObject());
                        ch.set("credits", tree(rs.getString("credits")));
                        return ch;
                    }).list();
        }
        return out;
    }

    static LocalDate today(java.time.Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }
}
