package org.computegov.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.computegov.ledger.keys.Ed25519PublicKey;
import org.computegov.registry.statement.Role;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.KernelReads;
import org.computegov.registry.kernel.Registry;

/**
 * What the console asks of the registry, in one place: the same reads the API answers (so a page never shows what
 * the API would refuse the same viewer), and the keys that authenticate enrolments.
 */
public final class ConsoleRegistry {
    private final Registry registry;
    private final KernelReads reads;

    public ConsoleRegistry(Registry registry) {
        this.registry = registry;
        this.reads = new KernelReads(registry.store(), registry.catalogue());
    }

    /** The registry itself, for sections that call a capability's reads with the signed-in user's viewer. */
    public Registry registry() {
        return registry;
    }

    public Optional<Actor> actor(String id) {
        for (JsonNode a : reads.actors()) {
            if (a.path("id").asText().equals(id)) {
                Set<Role> roles = EnumSet.noneOf(Role.class);
                a.path("roles").forEach(r -> {
                    Role role = Role.parse(r.asText());
                    if (role != null) {
                        roles.add(role);
                    }
                });
                return Optional.of(new Actor(id, a.path("name").asText(), roles, a.path("jurisdiction").asText(null)));
            }
        }
        return Optional.empty();
    }

    /** The public list of actors, roles and keys. */
    public ArrayNode actors() {
        return reads.actors();
    }

    /** Public statistics: counts and totals, no identities. */
    public ObjectNode stats() {
        return reads.stats();
    }

    public Ed25519PublicKey activeKey(String keyId) {
        return registry.activeKey(keyId);
    }

    public Actor actorOfKey(String keyId) {
        return registry.actorOfKey(keyId);
    }

    public Duration clockSkew() {
        return registry.rules().clockSkew();
    }
}
