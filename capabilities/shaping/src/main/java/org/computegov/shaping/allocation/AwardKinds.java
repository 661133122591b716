package org.computegov.shaping.allocation;

import static org.computegov.shaping.allocation.ProposalKinds.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/**
 * Awards and their life: the award (regulator), progress reports and change requests (the researcher), and the
 * programme officer's decisions on them (accept a report, which releases the second half; approve or deny a change;
 * revoke).
 */
final class AwardKinds {
    private AwardKinds() {}

    /** The stored award row a statement acts on, or 404. */
    static Map<String, Object> award(Handle h, String id) throws Rejection {
        return h.createQuery("""
                SELECT a.id, a.status, a.end_day, a.amounts, a.progress_accepted, p.researcher, p.tier
                FROM alloc_award a JOIN alloc_proposal p ON p.id = a.proposal WHERE a.id = :id""").bind("id", id)
                .mapToMap().findOne().orElseThrow(() -> Rejection.notFound("no award " + id, null));
    }

    static double awardedTotal(JsonNode amounts) {
        double t = 0;
        for (JsonNode a : amounts) {
            t += a.path("awarded").asDouble();
        }
        return t;
    }

    /** {@code registry-alloc-award}: credits awarded per resource on a reviewed proposal, to a Slurm account. */
    static final class AwardKind extends AllocKind<AwardKind.Plan> {
        static final String WIRE = "alloc-award";

        record Plan(String id, String proposal, String account, List<String> users, LocalDate start, LocalDate end,
                ObjectNode amounts) {}

        AwardKind() {
            super(WIRE, false, Role.REGULATOR);
        }

        @Override
        String subjectField() {
            return "award";
        }

        @Override
        public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            Body b = body(in, "award", "proposal", "account", "users", "start", "end", "awarded");
            String id = b.id("award");
            String proposal = b.id("proposal");
            String account = b.account("account");
            List<String> users = new ArrayList<>();
            JsonNode us = b.node().path("users");
            if (!us.isMissingNode() && (!us.isArray() || us.size() > 1000)) {
                throw Rejection.badInput(b.path("users") + " must be an array of Slurm user names", b.path("users"), null);
            }
            for (int i = 0; i < us.size(); i++) {
                users.add(new Body(Json.object().put("u", us.get(i).asText()), b.path("users[" + i + "]")).account("u"));
            }
            LocalDate start = b.date("start");
            LocalDate end = b.date("end");
            if (end.isBefore(start)) {
                throw Rejection.badInput("the award ends before it starts", b.path("end"), null);
            }
            Map<String, Double> awarded = b.credits("awarded", true);
            var p = h.createQuery("SELECT tier, requested FROM alloc_proposal WHERE id = :id").bind("id", proposal)
                    .mapToMap().findOne().orElseThrow(() -> Rejection.notFound("no proposal " + proposal, null));
            if (h.createQuery("SELECT count(*) FROM alloc_award WHERE proposal = :p OR id = :id").bind("p", proposal)
                    .bind("id", id).mapTo(Long.class).one() > 0) {
                throw Rejection.conflict("award-exists", "Award exists", "award " + id + " or an award on proposal "
                        + proposal + " exists", "One award per proposal; changes go through change requests.");
            }
            List<JsonNode> reviews = h.createQuery("SELECT recommended FROM alloc_review WHERE proposal = :p")
                    .bind("p", proposal).mapTo(String.class).map(ProposalKinds::tree).list();
            if (reviews.isEmpty()) {
                throw Rejection.badInput("proposal " + proposal + " has no review yet", b.path("proposal"),
                        "An award follows review: an evaluator scores the proposal first (cgov alloc review).");
            }
            JsonNode requested = tree((String) p.get("requested"));
            Tier tier = Tier.valueOf((String) p.get("tier"));
            double total = 0;
            ObjectNode amounts = Json.object();
            for (var e : awarded.entrySet()) {
                if (!requested.has(e.getKey())) {
                    throw Rejection.badInput("the proposal requests no " + e.getKey(), b.path("awarded." + e.getKey()), null);
                }
                double rec = 0;
                for (JsonNode r : reviews) {
                    rec += r.path(e.getKey()).asDouble(0);
                }
                amounts.putObject(e.getKey()).put("requested", requested.get(e.getKey()).asDouble())
                        .put("recommended", rec / reviews.size()).put("awarded", e.getValue());
                total += e.getValue();
            }
            if (total > tier.maxCredits()) {
                throw Rejection.badInput(String.format(Locale.ROOT, "%,.0f credits exceed the %s tier's %,d", total,
                        tier.name().toLowerCase(Locale.ROOT), tier.maxCredits()), b.path("awarded"), null);
            }
            return new Plan(id, proposal, account, users, start, end, amounts);
        }

        @Override
        public void apply(Handle h, Input in, Plan p, long index, Effects effects) {
            var users = Json.array();
            p.users().forEach(users::add);
            h.createUpdate("""
                    INSERT INTO alloc_award (id, proposal, account, users, start_day, end_day, status, progress_accepted,
                        amounts, log_index)
                    VALUES (:id, :p, :a, :u, :s, :e, 'ACTIVE', false, :amounts, :i)""").bind("id", p.id())
                    .bind("p", p.proposal()).bind("a", p.account()).bind("u", users.toString()).bind("s", p.start())
                    .bind("e", p.end()).bind("amounts", p.amounts().toString()).bind("i", index).execute();
            effects.summary().put("award", p.id()).put("account", p.account()).put("credits", awardedTotal(p.amounts()))
                    .put("released", awardedTotal(p.amounts()) / 2);
        }
    }

    /** {@code registry-alloc-report}: the researcher's progress report on an award. */
    static final class ReportKind extends AllocKind<ReportKind.Plan> {
        static final String WIRE = "alloc-report";

        record Plan(String award, String summary, LocalDate day) {}

        ReportKind() {
            super(WIRE, false, Role.DEVELOPER);
        }

        @Override
        String subjectField() {
            return "award";
        }

        @Override
        public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            Body b = body(in, "award", "summary");
            String id = b.id("award");
            var a = award(h, id);
            researcherOf(a, in, id);
            if ("REVOKED".equals(a.get("status"))) {
                throw Rejection.conflict("award-revoked", "Award revoked", "award " + id + " is revoked", null);
            }
            return new Plan(id, b.text("summary", 20_000), day(in));
        }

        @Override
        public void apply(Handle h, Input in, Plan p, long index, Effects effects) {
            h.createUpdate("INSERT INTO alloc_report (log_index, award, summary, day) VALUES (:i, :a, :s, :d)")
                    .bind("i", index).bind("a", p.award()).bind("s", p.summary()).bind("d", p.day()).execute();
            effects.summary().put("award", p.award()).put("report", index);
        }
    }

    static void researcherOf(Map<String, Object> award, Input in, String id) throws Rejection {
        if (!in.issuer().equals(award.get("researcher"))) {
            throw Rejection.forbidden("award " + id + " is " + award.get("researcher") + "'s, not " + in.issuer() + "'s",
                    "Only the researcher whose proposal was awarded reports on it or requests changes.");
        }
    }

    /** {@code registry-alloc-change}: the researcher asks for more credits, a later end, or a renewal. */
    static final class ChangeKind extends AllocKind<ChangeKind.Plan> {
        static final String WIRE = "alloc-change";
        static final List<String> TYPES = List.of("supplement", "extension", "renewal");

        record Plan(String award, String id, String type, Map<String, Double> credits, LocalDate end, String justification) {}

        ChangeKind() {
            super(WIRE, false, Role.DEVELOPER);
        }

        @Override
        String subjectField() {
            return "award";
        }

        @Override
        public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            Body b = body(in, "award", "change", "type", "credits", "end", "justification");
            String awardId = b.id("award");
            String id = b.id("change");
            String type = b.text("type", 32);
            if (!TYPES.contains(type)) {
                throw Rejection.badInput("type must be supplement, extension or renewal", b.path("type"), null);
            }
            var a = award(h, awardId);
            researcherOf(a, in, awardId);
            if ("REVOKED".equals(a.get("status"))) {
                throw Rejection.conflict("award-revoked", "Award revoked", "award " + awardId + " is revoked", null);
            }
            Map<String, Double> credits = b.credits("credits", type.equals("supplement"));
            JsonNode amounts = tree((String) a.get("amounts"));
            for (String r : credits.keySet()) {
                if (!amounts.has(r)) {
                    throw Rejection.badInput("award " + awardId + " has no " + r, b.path("credits." + r), null);
                }
            }
            LocalDate end = null;
            if (!type.equals("supplement")) {
                end = b.date("end");
                LocalDate current = ((java.sql.Date) a.get("end_day")).toLocalDate();
                if (!end.isAfter(current)) {
                    throw Rejection.badInput("a " + type + " ends after the award's end " + current, b.path("end"), null);
                }
            }
            if (h.createQuery("SELECT count(*) FROM alloc_change WHERE award = :a AND id = :id").bind("a", awardId)
                    .bind("id", id).mapTo(Long.class).one() > 0) {
                throw Rejection.conflict("change-exists", "Change request exists", "award " + awardId
                        + " has a change request " + id, "Give the request another id.");
            }
            return new Plan(awardId, id, type, credits, end, b.text("justification", 20_000));
        }

        @Override
        public void apply(Handle h, Input in, Plan p, long index, Effects effects) {
            h.createUpdate("""
                    INSERT INTO alloc_change (award, id, change, credits, new_end, justification, state, log_index)
                    VALUES (:a, :id, :t, :c, :e, :j, 'PENDING', :i)""").bind("a", p.award()).bind("id", p.id())
                    .bind("t", p.type()).bind("c", ProposalKinds.json(p.credits())).bind("e", p.end())
                    .bind("j", p.justification()).bind("i", index).execute();
            if (p.type().equals("renewal")) {
                h.createUpdate("UPDATE alloc_award SET status = 'RENEWAL_REQUESTED' WHERE id = :a AND status = 'ACTIVE'")
                        .bind("a", p.award()).execute();
            }
            effects.summary().put("award", p.award()).put("change", p.id()).put("type", p.type());
        }
    }
}
