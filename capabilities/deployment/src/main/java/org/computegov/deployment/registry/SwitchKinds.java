package org.computegov.deployment.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.kernel.DeclaredKind;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/**
 * A shared cluster's off switch: {@code switch} names n holders (registered actors) and a threshold k;
 * {@code switch-vote} is one holder's halt or resume for the current epoch. A holder is the actor whose registered
 * key signed the vote (the kernel has checked the signature), never a name inside it. The kernel refuses replays
 * (statement ids) and stale statements (its clock window); here a vote by a non-holder, for another epoch, for the
 * state the switch is already in, or a second vote by the same holder in an epoch is refused and never logged. So
 * every logged vote counts, and k of them for one epoch flip the switch and open the next epoch: an old halt vote
 * cannot halt again after a resume.
 */
final class SwitchKinds {
    private SwitchKinds() {}

    static final String SWITCH = "switch";
    static final String VOTE = "switch-vote";

    static final class SwitchKind extends DeclaredKind<SwitchKind.Plan> {
        record Plan(String id, List<String> holders, int threshold) {}

        SwitchKind() {
            super(SWITCH, false, Role.COMPUTE_PROVIDER);
        }

        @Override
        public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            JsonNode p = in.predicate();
            String id = Fields.id(p, "switchId");
            Checks.requireSubject(in.statement(), "switch:" + id);
            List<String> holders = Fields.texts(p, "holders", 64);
            if (holders.isEmpty() || new HashSet<>(holders).size() != holders.size()) {
                throw Rejection.badInput("predicate.holders must name one or more distinct actors", "predicate.holders",
                        "Name each holder once (cgov switch create ID --holder A --holder B …).");
            }
            for (String a : holders) {
                if (!Fields.exists(h, "SELECT count(*) FROM actor WHERE id = ?", a)) {
                    throw Rejection.notFound("holder " + a + " is not a registered actor", "Holders vote with their registered keys.");
                }
            }
            JsonNode t = p.get("threshold");
            if (t == null || !t.canConvertToInt() || !t.isIntegralNumber() || t.asInt() < 1 || t.asInt() > holders.size()) {
                throw Rejection.badInput("predicate.threshold must be a whole number from 1 to the number of holders ("
                        + holders.size() + ")", "predicate.threshold",
                        "k of n: give a threshold of at least 1 and at most the number of holders.");
            }
            if (Fields.exists(h, "SELECT count(*) FROM off_switch WHERE id = ?", id)) {
                throw Rejection.conflict("switch-exists", "Switch already created", "switch " + id + " exists",
                        "Choose another id; 'cgov switch status " + id + "' shows the existing one.");
            }
            return new Plan(id, holders, t.asInt());
        }

        @Override
        public void apply(Handle h, Input in, Plan s, long index, Effects effects) {
            h.createUpdate("""
                    INSERT INTO off_switch (id, owner, holders, threshold, status, epoch, log_index)
                    VALUES (:id, :owner, :holders, :k, 'running', 0, :idx)""").bind("id", s.id()).bind("owner", in.issuer())
                    .bind("holders", Json.MAPPER.valueToTree(s.holders()).toString()).bind("k", s.threshold())
                    .bind("idx", index).execute();
            effects.summary().put("switch", s.id()).put("holders", s.holders().size()).put("threshold", s.threshold());
        }
    }

    static final class VoteKind extends DeclaredKind<VoteKind.Plan> {
        record Plan(String id, long epoch, String action, boolean flips, int threshold) {}

        VoteKind() {
            super(VOTE, false, Role.values()); // any actor may hold a switch; holding it is checked below
        }

        @Override
        public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            JsonNode p = in.predicate();
            String id = Fields.id(p, "switchId");
            Checks.requireSubject(in.statement(), "switch:" + id);
            String action = Fields.oneOf(p, "action", List.of("halt", "resume"));
            JsonNode e = p.get("epoch");
            if (e == null || !e.isIntegralNumber() || e.asLong() < 0) {
                throw Rejection.badInput("predicate.epoch must be the switch's current epoch (a whole number)", "predicate.epoch",
                        "cgov switch status shows it.");
            }
            Map<String, Object> s = h.createQuery("SELECT holders, threshold, status, epoch FROM off_switch WHERE id = :id")
                    .bind("id", id).mapToMap().findOne().orElseThrow(() -> Rejection.notFound("no switch " + id, null));
            boolean holder = false;
            for (JsonNode n : DeploymentReads.tree((String) s.get("holders"))) {
                holder |= n.asText().equals(in.issuer());
            }
            if (!holder) {
                throw Rejection.forbidden(in.issuer() + " does not hold switch " + id, "Only its holders' votes count.");
            }
            long epoch = ((Number) s.get("epoch")).longValue();
            if (e.asLong() != epoch) {
                throw Rejection.conflict("stale-vote", "Vote for another epoch", "switch " + id + " is at epoch " + epoch
                        + "; this vote is for epoch " + e.asLong(), "Vote for the current epoch (cgov switch status).");
            }
            String pending = "running".equals(s.get("status")) ? "halt" : "resume";
            if (!action.equals(pending)) {
                throw Rejection.conflict("wrong-action", "Switch already " + s.get("status"), "switch " + id + " is "
                        + s.get("status") + "; only a " + pending + " vote counts now", null);
            }
            if (Fields.exists(h, "SELECT count(*) FROM switch_vote WHERE switch_id = ? AND epoch = ? AND holder = ?", id, epoch, in.issuer())) {
                throw Rejection.conflict("duplicate-vote", "Already voted", in.issuer() + " has voted in epoch " + epoch
                        + " of switch " + id, "Each holder counts once per epoch.");
            }
            long votes = h.createQuery("SELECT count(*) FROM switch_vote WHERE switch_id = :id AND epoch = :e").bind("id", id)
                    .bind("e", epoch).mapTo(Long.class).one();
            int k = ((Number) s.get("threshold")).intValue();
            return new Plan(id, epoch, action, votes + 1 >= k, k);
        }

        @Override
        public void apply(Handle h, Input in, Plan v, long index, Effects effects) {
            h.createUpdate("""
                    INSERT INTO switch_vote (switch_id, epoch, holder, action, issued_at, log_index)
                    VALUES (:id, :e, :holder, :a, :at, :idx)""").bind("id", v.id()).bind("e", v.epoch()).bind("holder", in.issuer())
                    .bind("a", v.action()).bind("at", in.statement().issuedAt()).bind("idx", index).execute();
            if (v.flips()) {
                h.createUpdate("UPDATE off_switch SET status = :s, epoch = epoch + 1 WHERE id = :id")
                        .bind("s", v.action().equals("halt") ? "halted" : "running").bind("id", v.id()).execute();
            }
            effects.summary().put("switch", v.id()).put("epoch", v.epoch()).put("vote", v.action())
                    .put("status", v.flips() ? (v.action().equals("halt") ? "halted" : "running")
                            : (v.action().equals("halt") ? "running" : "halted"));
            effects.summary().put("flipped", v.flips());
            effects.summary().put("action", v.action().toUpperCase(Locale.ROOT));
        }
    }
}
