package org.computegov.registry.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.computegov.ledger.keys.VerifierKey;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/**
 * {@code registry-key}: an actor's key added or revoked, by the regulator or by the actor itself. A revocation may
 * state {@code compromisedAt}: from then on the key was in other hands, so what it signed after that time stops
 * counting, keys it added included (the statements stay in the log; the projection is rebuilt without them).
 */
final class KeyKind implements StatementKind<KeyKind.Plan> {
    private final Keys keys;
    private final KernelRules rules;

    KeyKind(Keys keys, KernelRules rules) {
        this.keys = keys;
        this.rules = rules;
    }

    record Plan(String actor, boolean add, VerifierKey vkey, String keyId, Instant compromisedAt) {}

    @Override
    public String wire() {
        return "key";
    }

    @Override
    public Set<Role> signers() {
        return Set.of(Role.REGULATOR);
    }

    @Override
    public boolean sealed() {
        return false;
    }

    @Override
    public boolean signableWithoutRole(Input in) {
        return in.issuer().equals(in.statement().text("actor")); // an actor manages its own keys
    }

    @Override
    public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
        JsonNode p = in.predicate();
        String actor = Checks.text(p, "actor", "predicate.actor");
        String action = Checks.text(p, "action", "predicate.action");
        if (!keys.actorExists(h, actor)) {
            throw Rejection.notFound("actor " + actor + " is not registered", "Register it first (cgov actor register).");
        }
        String keyText = Checks.text(p, "key", "predicate.key");
        switch (action) {
            case "add" -> {
                if (p.has("compromisedAt")) {
                    throw Rejection.badInput("compromisedAt belongs to a revocation", "predicate.compromisedAt", "Remove it.");
                }
                VerifierKey vkey = ActorKind.verifierKey(h, keys, keyText, actor, "predicate.key");
                Checks.requireSubject(in.statement(), "key:" + Keys.keyId(vkey));
                return new Plan(actor, true, vkey, Keys.keyId(vkey), null);
            }
            case "revoke" -> {
                String keyId = Keys.keyIdPart(keyText);
                Keys.KeyRow row = keys.key(h, keyId);
                if (keys.isRootKey(h, keyId)) {
                    throw Rejection.badInput(keyId + " is a root key: the root key is rotated, not revoked", "predicate.key",
                            "Rotate it with a root-key statement (cgov actor rotate-root).");
                }
                if (row == null || !row.actor().equals(actor)) {
                    throw Rejection.notFound("actor " + actor + " has no key " + keyId,
                            "Name the key as name+hexid (cgov actor list shows them).");
                }
                if (row.revoked()) {
                    throw Rejection.conflict("key-revoked", "Key already revoked", "key " + keyId + " is already revoked", null);
                }
                Checks.requireSubject(in.statement(), "key:" + keyId);
                return new Plan(actor, false, null, keyId, compromisedAt(p, in));
            }
            default -> throw Rejection.badInput("action must be add or revoke, got '" + action + "'", "predicate.action", null);
        }
    }

    private static Instant compromisedAt(JsonNode p, Input in) throws Rejection {
        JsonNode n = p.get("compromisedAt");
        if (n == null) {
            return null;
        }
        Instant t;
        try {
            t = Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            throw Rejection.badInput("compromisedAt is not an RFC 3339 UTC time", "predicate.compromisedAt",
                    "e.g. 2026-11-25T20:00:00Z: the earliest time the key may have been in other hands.");
        }
        Checks.time(t, "predicate.compromisedAt");
        if (t.isAfter(in.statement().issuedAt())) {
            throw Rejection.badInput("compromisedAt " + t + " is after the revocation itself (" + in.statement().issuedAt()
                    + ")", "predicate.compromisedAt", "A compromise is stated for the past.");
        }
        return t;
    }

    @Override
    public void apply(Handle h, Input in, Plan p, long index, Effects effects) {
        if (p.add()) {
            ActorKind.insertKey(h, p.actor(), p.vkey(), index);
        } else {
            h.createUpdate("UPDATE actor_key SET revoked_index = :i, compromised_at = :c WHERE key_id = :k").bind("i", index)
                    .bind("c", p.compromisedAt() == null ? null : Timestamp.from(p.compromisedAt()))
                    .bind("k", p.keyId()).execute();
        }
        effects.summary().put("actor", p.actor());
        effects.summary().put(p.add() ? "added" : "revoked", p.keyId());
        if (p.compromisedAt() != null) {
            effects.summary().put("compromisedAt", p.compromisedAt().toString());
            long after = h.createQuery("SELECT count(*) FROM statement WHERE key_id = :k AND issued_at > :t")
                    .bind("k", p.keyId()).bind("t", Timestamp.from(p.compromisedAt())).mapTo(Long.class).one();
            effects.summary().put("statementsDiscounted", after);
            if (after > 0) {
                effects.requireRebuild();
            }
        }
    }
}
