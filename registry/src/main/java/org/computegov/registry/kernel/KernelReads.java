package org.computegov.registry.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.computegov.registry.statement.Role;

/**
 * The kernel's reads: the public actor list with keys, the kinds this registry runs, and public statistics (the
 * kernel's counts and each capability's aggregate figures: no identities).
 */
public final class KernelReads {
    private final ReadStore store;
    private final Catalogue catalogue;

    public KernelReads(ReadStore store, Catalogue catalogue) {
        this.store = store;
        this.catalogue = catalogue;
    }

    public ArrayNode actors() {
        return store.get(h -> {
            ArrayNode out = Json.array();
            h.createQuery("SELECT id, name, roles, jurisdiction, log_index FROM actor ORDER BY id").map((rs, c) -> {
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
                h.createQuery("SELECT key_id AS \"keyId\", vkey, added_index AS \"addedIndex\", revoked_index AS \"revokedIndex\","
                        + " compromised_at AS \"compromisedAt\" FROM actor_key WHERE actor_id = :a ORDER BY added_index, key_id")
                        .bind("a", a.get("id").asText()).map((rs, c) -> Json.row(rs, keys.addObject())).list();
            }
            return out;
        });
    }

    /** The statement kinds: wire name, predicate type, signer roles, sealed or public, and which part runs it. */
    public ArrayNode kinds() {
        ArrayNode out = Json.array();
        for (StatementKind<?> k : catalogue.kinds()) {
            ObjectNode o = out.addObject();
            o.put("kind", k.wire());
            o.put("predicateType", k.predicateType());
            ArrayNode roles = o.putArray("signers");
            k.signers().stream().map(Role::wire).sorted().forEach(roles::add);
            o.put("sealed", k.sealed());
            o.put("capability", catalogue.owner(k.wire()));
        }
        return out;
    }

    /** Public statistics: counts and totals only, no identities. */
    public ObjectNode stats() {
        return store.get(h -> {
            ObjectNode s = Json.object();
            ObjectNode roles = s.putObject("actorsByRole");
            h.createQuery("SELECT r, count(*) FROM actor, unnest(roles) r GROUP BY r ORDER BY r")
                    .map((rs, c) -> roles.put(rs.getString(1), rs.getLong(2))).list();
            for (Capability c : catalogue.capabilities()) {
                c.stats(h, s);
            }
            s.put("statements", h.createQuery("SELECT count(*) FROM statement").mapTo(Long.class).one());
            return s;
        });
    }
}
