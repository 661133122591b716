package org.computegov.shaping.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/** Proposals (researchers, as developers) and their reviews (evaluators); both sealed: drafts and scores are not public. */
final class ProposalKinds {
    private ProposalKinds() {}

    static String json(Map<String, Double> credits) {
        var o = Json.object();
        credits.forEach(o::put);
        return o.toString();
    }

    static List<String> list(String json) {
        List<String> out = new ArrayList<>();
        try {
            Json.MAPPER.readTree(json).forEach(n -> out.add(n.asText()));
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON is not JSON", e);
        }
        return out;
    }

    static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON is not JSON", e);
        }
    }

    /**
     * {@code registry-alloc-proposal}: a project under an open call, with its PI (name and ORCID iD, whose check
     * character is verified), field, tier, credits requested per resource of the call, and a justification.
     */
    static final class ProposalKind extends AllocKind<ProposalKind.Plan> {
        static final String WIRE = "alloc-proposal";

        record Plan(String id, String call, String project, String piName, String orcid, String field, Tier tier,
                Map<String, Double> requested, String justification, LocalDate day) {}

        ProposalKind() {
            super(WIRE, true, Role.DEVELOPER);
        }

        @Override
        String subjectField() {
            return "proposal";
        }

        @Override
        public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            Body b = body(in, "proposal", "call", "project", "piName", "piOrcid", "field", "tier", "requested", "justification");
            String id = b.id("proposal");
            String call = b.id("call");
            String orcid;
            try {
                orcid = Orcid.parse(b.path("piOrcid"), b.text("piOrcid", 64));
            } catch (InvalidInputException e) {
                throw Rejection.badInput(e.getMessage(), b.path("piOrcid"), e.hint());
            }
            Tier tier = Tier.parse(b.text("tier", 32)).orElseThrow(() -> Rejection.badInput(
                    "tier must be explore, discover or accelerate", b.path("tier"), null));
            Map<String, Double> requested = b.credits("requested", true);
            var c = h.createQuery("SELECT opens, closes, tiers, resources FROM alloc_call WHERE id = :id").bind("id", call)
                    .mapToMap().findOne().orElseThrow(() -> Rejection.notFound("no call " + call, "Propose under an open call."));
            LocalDate day = day(in);
            LocalDate opens = ((java.sql.Date) c.get("opens")).toLocalDate();
            LocalDate closes = ((java.sql.Date) c.get("closes")).toLocalDate();
            if (day.isBefore(opens) || day.isAfter(closes)) {
                throw Rejection.badInput("call " + call + " is open from " + opens + " to " + closes + ", not on " + day,
                        b.path("call"), "Propose while the call is open.");
            }
            if (!list((String) c.get("tiers")).contains(tier.name())) {
                throw Rejection.badInput("call " + call + " offers the tiers " + c.get("tiers") + ", not " + tier,
                        b.path("tier"), null);
            }
            List<String> offered = list((String) c.get("resources"));
            for (String r : requested.keySet()) {
                if (!offered.contains(r)) {
                    throw Rejection.badInput("call " + call + " offers " + offered + ", not " + r, b.path("requested." + r), null);
                }
            }
            double total = requested.values().stream().mapToDouble(Double::doubleValue).sum();
            if (total > tier.maxCredits()) {
                throw Rejection.badInput(String.format(java.util.Locale.ROOT, "%,.0f credits requested exceed the %s tier's %,d",
                        total, tier.name().toLowerCase(java.util.Locale.ROOT), tier.maxCredits()), b.path("requested"),
                        "Request less, or propose under a larger tier.");
            }
            if (exists(h, "alloc_proposal", id)) {
                throw Rejection.conflict("proposal-exists", "Proposal exists", "proposal " + id + " exists",
                        "Give the proposal another id.");
            }
            return new Plan(id, call, b.text("project", 300), b.text("piName", 200), orcid, b.text("field", 200), tier,
                    requested, b.text("justification", 20_000), day);
        }

        @Override
        public void apply(Handle h, Input in, Plan p, long index, Effects effects) {
            h.createUpdate("""
                    INSERT INTO alloc_proposal (id, call, researcher, project, pi_name, pi_orcid, field, tier, requested,
                        justification, submitted, log_index)
                    VALUES (:id, :call, :r, :project, :pi, :orcid, :field, :tier, :req, :just, :day, :i)""")
                    .bind("id", p.id()).bind("call", p.call()).bind("r", in.issuer()).bind("project", p.project())
                    .bind("pi", p.piName()).bind("orcid", p.orcid()).bind("field", p.field()).bind("tier", p.tier().name())
                    .bind("req", json(p.requested())).bind("just", p.justification()).bind("day", p.day())
                    .bind("i", index).execute();
            effects.summary().put("proposal", p.id()).put("call", p.call()).put("tier", p.tier().name());
        }
    }

    /** {@code registry-alloc-review}: an evaluator scores a proposal (1-5) and recommends credits per resource. */
    static final class ReviewKind extends AllocKind<ReviewKind.Plan> {
        static final String WIRE = "alloc-review";

        record Plan(String proposal, int score, Map<String, Double> recommended, String comments) {}

        ReviewKind() {
            super(WIRE, true, Role.EVALUATOR);
        }

        @Override
        String subjectField() {
            return "proposal";
        }

        @Override
        public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            Body b = body(in, "proposal", "score", "recommended", "comments");
            String proposal = b.id("proposal");
            String requested = h.createQuery("SELECT requested FROM alloc_proposal WHERE id = :id").bind("id", proposal)
                    .mapTo(String.class).findOne().orElseThrow(() -> Rejection.notFound("no proposal " + proposal, null));
            JsonNode s = b.node().get("score");
            if (s == null || !s.isIntegralNumber() || s.intValue() < 1 || s.intValue() > 5) {
                throw Rejection.badInput("score must be a whole number from 1 to 5", b.path("score"), null);
            }
            Map<String, Double> recommended = b.credits("recommended", true);
            JsonNode req = tree(requested);
            for (String r : recommended.keySet()) {
                if (!req.has(r)) {
                    throw Rejection.badInput("the proposal requests no " + r, b.path("recommended." + r), null);
                }
            }
            if (h.createQuery("SELECT count(*) FROM alloc_award WHERE proposal = :p").bind("p", proposal).mapTo(Long.class).one() > 0) {
                throw Rejection.conflict("proposal-decided", "Proposal decided", "proposal " + proposal
                        + " has an award already", "Reviews come before the award.");
            }
            if (h.createQuery("SELECT count(*) FROM alloc_review WHERE proposal = :p AND reviewer = :r").bind("p", proposal)
                    .bind("r", in.issuer()).mapTo(Long.class).one() > 0) {
                throw Rejection.conflict("review-exists", "Review exists", in.issuer() + " has reviewed " + proposal,
                        "One review per reviewer and proposal.");
            }
            return new Plan(proposal, s.intValue(), recommended, b.node().hasNonNull("comments") ? b.text("comments", 20_000) : "");
        }

        @Override
        public void apply(Handle h, Input in, Plan p, long index, Effects effects) {
            h.createUpdate("""
                    INSERT INTO alloc_review (proposal, reviewer, score, recommended, comments, log_index)
                    VALUES (:p, :r, :s, :rec, :c, :i)""").bind("p", p.proposal()).bind("r", in.issuer())
                    .bind("s", p.score()).bind("rec", json(p.recommended())).bind("c", p.comments()).bind("i", index).execute();
            effects.summary().put("proposal", p.proposal()).put("score", p.score());
        }
    }
}
