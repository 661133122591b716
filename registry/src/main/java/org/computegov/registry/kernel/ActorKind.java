package org.computegov.registry.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.keys.VerifierKey;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.computegov.registry.statement.StatementReader;
import org.jdbi.v3.core.Handle;

/** {@code registry-actor}: the regulator registers an organization with its roles, jurisdiction and first keys. */
final class ActorKind implements StatementKind<ActorKind.Plan> {
    private final Keys keys;

    ActorKind(Keys keys) {
        this.keys = keys;
    }

    record Plan(String id, String name, List<Role> roles, String jurisdiction, List<VerifierKey> keys) {}

    @Override
    public String wire() {
        return "actor";
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
    public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
        JsonNode a = in.predicate().get("actor");
        if (a == null || !a.isObject()) {
            throw Rejection.badInput("an actor statement needs predicate.actor", "predicate.actor",
                    "{\"id\", \"name\", \"roles\": [...], \"jurisdiction\": \"US\", \"keys\": [vkey, ...]}");
        }
        String id = Checks.text(a, "id", "predicate.actor.id");
        if (!StatementReader.ACTOR_ID.matcher(id).matches()) {
            throw Rejection.badInput("actor id '" + id + "' is not valid", "predicate.actor.id",
                    "Lowercase letters, digits, '.' and '-', 1-64 characters.");
        }
        Checks.requireSubject(in.statement(), "actor:" + id);
        String name = Checks.text(a, "name", "predicate.actor.name");
        String jurisdiction = Checks.country(Checks.text(a, "jurisdiction", "predicate.actor.jurisdiction"),
                "predicate.actor.jurisdiction");
        List<Role> roles = new ArrayList<>();
        JsonNode rs = a.get("roles");
        if (rs == null || !rs.isArray() || rs.isEmpty()) {
            throw Rejection.badInput("an actor needs at least one role", "predicate.actor.roles", roleHint());
        }
        for (JsonNode r : rs) {
            Role role = Role.parse(r.asText());
            if (role == null) {
                throw Rejection.badInput("unknown role '" + r.asText() + "'", "predicate.actor.roles", roleHint());
            }
            if (!roles.contains(role)) {
                roles.add(role);
            }
        }
        if (keys.actorExists(h, id)) {
            throw Rejection.conflict("actor-exists", "Actor already registered", "actor " + id + " is already registered",
                    "Manage its keys with key statements.");
        }
        List<VerifierKey> vkeys = new ArrayList<>();
        JsonNode ks = a.get("keys");
        if (ks == null || !ks.isArray() || ks.isEmpty()) {
            throw Rejection.badInput("an actor needs at least one key", "predicate.actor.keys",
                    "Give verifier keys from 'cgov keys generate --name " + id + "/main'.");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ks.size(); i++) {
            VerifierKey k = verifierKey(h, keys, ks.get(i).asText(), id, "predicate.actor.keys[" + i + "]");
            if (!names.add(k.name())) {
                throw Rejection.badInput("key " + k.name() + " is listed twice", "predicate.actor.keys[" + i + "]",
                        "List each key once, under its own name.");
            }
            vkeys.add(k);
        }
        return new Plan(id, name, roles, jurisdiction, vkeys);
    }

    @Override
    public void apply(Handle h, Input in, Plan p, long index, Effects effects) {
        h.createUpdate("INSERT INTO actor (id, name, roles, jurisdiction, log_index) VALUES (:id, :name, :roles, :j, :i)")
                .bind("id", p.id()).bind("name", p.name())
                .bindArray("roles", String.class, p.roles().stream().map(Role::wire).toList())
                .bind("j", p.jurisdiction()).bind("i", index).execute();
        for (VerifierKey k : p.keys()) {
            insertKey(h, p.id(), k, index);
        }
        effects.summary().put("actor", p.id());
        effects.summary().put("keys", p.keys().size());
    }

    static void insertKey(Handle h, String actor, VerifierKey k, long index) {
        h.createUpdate("""
                INSERT INTO actor_key (key_id, actor_id, vkey, public_key, added_index) VALUES (:k, :a, :v, :p, :i)""")
                .bind("k", Keys.keyId(k)).bind("a", actor).bind("v", k.encode()).bind("p", k.publicKey())
                .bind("i", index).execute();
    }

    private static String roleHint() {
        return "Roles: " + String.join(", ", Arrays.stream(Role.values()).map(Role::wire).toList()) + ".";
    }

    /** A new Ed25519 verifier key named {@code <actor>/<name>} whose id no key has taken. */
    static VerifierKey verifierKey(Handle h, Keys keys, String text, String actor, String field) throws Rejection {
        VerifierKey vkey;
        try {
            vkey = VerifierKey.parse(text);
            vkey.ed25519Key();
        } catch (FormatException | RuntimeException e) {
            throw Rejection.badInput("not an Ed25519 verifier key: " + e.getMessage(), field,
                    "Use the vkey 'cgov keys generate' prints: name+hexid+base64.");
        }
        if (!vkey.name().startsWith(actor + "/") || vkey.name().length() == actor.length() + 1) {
            throw Rejection.badInput("key name '" + vkey.name() + "' must be '" + actor + "/<key name>'", field,
                    "Generate it with 'cgov keys generate --name " + actor + "/main'.");
        }
        if (keys.taken(h, vkey)) {
            throw Rejection.conflict("key-exists", "Key already registered", "a key named " + vkey.name()
                    + " is already registered", "Give the new key a new name, e.g. " + actor + "/key-2.");
        }
        return vkey;
    }
}
