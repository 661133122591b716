package org.computegov.shaping.allocation;

import static org.computegov.shaping.allocation.ProposalKinds.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/**
 * {@code registry-alloc-decision}: the programme officer's decision on an award: {@code accept-report} (the latest
 * progress report; the second half of the award is released), {@code approve} or {@code deny} a change request, or
 * {@code revoke} the award.
 */
final class DecisionKind extends AllocKind<DecisionKind.Plan> {
    static final String WIRE = "alloc-decision";
    static final List<String> ACTIONS = List.of("accept-report", "approve", "deny", "revoke");

    /** What to write: the report or change decided, and the award's new amounts, end and status. */
    record Plan(String award, String action, Long report, String change, String changeType, ObjectNode amounts,
            LocalDate end, String status) {}

    DecisionKind() {
        super(WIRE, false, Role.REGULATOR);
    }

    @Override
    String subjectField() {
        return "award";
    }

    @Override
    public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
        Body b = body(in, "award", "action", "change", "reason");
        String id = b.id("award");
        String action = b.text("action", 32);
        if (!ACTIONS.contains(action)) {
            throw Rejection.badInput("action must be accept-report, approve, deny or revoke", b.path("action"), null);
        }
        Map<String, Object> a = AwardKinds.award(h, id);
        String status = (String) a.get("status");
        if ("REVOKED".equals(status)) {
            throw Rejection.conflict("award-revoked", "Award revoked", "award " + id + " is revoked already", null);
        }
        ObjectNode amounts = (ObjectNode) tree((String) a.get("amounts"));
        LocalDate end = ((java.sql.Date) a.get("end_day")).toLocalDate();
        switch (action) {
            case "revoke" -> {
                return new Plan(id, action, null, null, null, amounts, end, "REVOKED");
            }
            case "accept-report" -> {
                Long report = h.createQuery("""
                        SELECT max(log_index) FROM alloc_report WHERE award = :a AND accepted_at IS NULL""")
                        .bind("a", id).mapTo(Long.class).one();
                if (report == null) {
                    throw Rejection.badInput("award " + id + " has no progress report waiting", b.path("action"),
                            "The researcher reports first (cgov alloc report).");
                }
                return new Plan(id, action, report, null, null, amounts, end, status);
            }
            default -> {
                String change = b.id("change");
                var c = h.createQuery("SELECT change, credits, new_end, state FROM alloc_change WHERE award = :a AND id = :c")
                        .bind("a", id).bind("c", change).mapToMap().findOne()
                        .orElseThrow(() -> Rejection.notFound("award " + id + " has no change request " + change, null));
                if (!"PENDING".equals(c.get("state"))) {
                    throw Rejection.conflict("change-decided", "Change decided", "change request " + change + " is "
                            + c.get("state"), null);
                }
                String type = (String) c.get("change");
                String next = type.equals("renewal") ? "ACTIVE" : status;
                if (action.equals("deny")) {
                    return new Plan(id, action, null, change, type, amounts, end, next);
                }
                JsonNode credits = tree((String) c.get("credits"));
                credits.fields().forEachRemaining(e -> {
                    ObjectNode r = (ObjectNode) amounts.get(e.getKey());
                    r.put("awarded", r.path("awarded").asDouble() + e.getValue().asDouble());
                });
                Tier tier = Tier.valueOf((String) a.get("tier"));
                double total = AwardKinds.awardedTotal(amounts);
                if (total > tier.maxCredits()) {
                    throw Rejection.badInput(String.format(Locale.ROOT, "approving would award %,.0f credits, over the %s"
                            + " tier's %,d", total, tier.name().toLowerCase(Locale.ROOT), tier.maxCredits()),
                            b.path("change"), "Deny it, or award less under a new proposal.");
                }
                LocalDate newEnd = c.get("new_end") == null ? end : ((java.sql.Date) c.get("new_end")).toLocalDate();
                return new Plan(id, action, null, change, type, amounts, newEnd, next);
            }
        }
    }

    @Override
    public void apply(Handle h, Input in, Plan p, long index, Effects effects) {
        if (p.report() != null) {
            h.createUpdate("UPDATE alloc_report SET accepted_at = :i WHERE log_index = :r").bind("i", index)
                    .bind("r", p.report()).execute();
            h.createUpdate("UPDATE alloc_award SET progress_accepted = true WHERE id = :a").bind("a", p.award()).execute();
        }
        if (p.change() != null) {
            h.createUpdate("UPDATE alloc_change SET state = :s, decided_at = :i WHERE award = :a AND id = :c")
                    .bind("s", p.action().equals("approve") ? "APPROVED" : "DENIED").bind("i", index)
                    .bind("a", p.award()).bind("c", p.change()).execute();
        }
        h.createUpdate("UPDATE alloc_award SET status = :s, amounts = :m, end_day = :e WHERE id = :a")
                .bind("s", p.status()).bind("m", p.amounts().toString()).bind("e", p.end()).bind("a", p.award()).execute();
        effects.summary().put("award", p.award()).put("action", p.action()).put("status", p.status())
                .put("credits", AwardKinds.awardedTotal(p.amounts())).put("end", p.end().toString());
    }
}
