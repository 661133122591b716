package org.computegov.registry.kernel;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.keys.Ed25519PublicKey;
import org.computegov.ledger.keys.KeyIds;
import org.computegov.ledger.keys.VerifierKey;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/**
 * Actors and their keys as the projection knows them, with the root regulator key: the genesis key from the rules
 * until a root-key statement rotates it, then the latest rotated-to key. A root key rotated away is revoked.
 */
final class Keys {
    private final KernelRules rules;

    Keys(KernelRules rules) {
        this.rules = rules;
    }

    /**
     * A registered key.
     *
     * @param compromisedAt since when the key was in other hands (its revocation said so), or null
     */
    record KeyRow(String actor, Ed25519PublicKey publicKey, boolean revoked, Instant compromisedAt) {}

    static String keyId(VerifierKey vkey) {
        return vkey.name() + "+" + KeyIds.hex(vkey.keyId());
    }

    /**
     * The key id ({@code name+hexid}) a key statement names, given as the key id or as the whole vkey. The vkey's
     * base64 may itself contain '+', and a key name never does, so the id ends at the second '+'.
     */
    static String keyIdPart(String text) {
        int first = text.indexOf('+');
        int second = first < 0 ? -1 : text.indexOf('+', first + 1);
        return second < 0 ? text : text.substring(0, second);
    }

    KeyRow key(Handle h, String keyId) {
        if (keyId.startsWith(rules.rootActor() + "/")) {
            KeyRow root = rootKey(h, keyId);
            if (root != null) {
                return root;
            }
        }
        return h.createQuery("""
                SELECT actor_id, public_key, revoked_index IS NOT NULL AS revoked, compromised_at FROM actor_key
                WHERE key_id = :k""")
                .bind("k", keyId)
                .map((rs, ctx) -> new KeyRow(rs.getString(1), parse(rs.getBytes(2)), rs.getBoolean(3),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .findFirst().orElse(null);
    }

    /** The root key of that id: current (usable), rotated away (revoked), or null when it is no root key. */
    private KeyRow rootKey(Handle h, String keyId) {
        String current = currentRootId(h);
        if (keyId.equals(rules.rootKeyId())) {
            try {
                return new KeyRow(rules.rootActor(), rules.root().ed25519Key(), !keyId.equals(current), null);
            } catch (FormatException e) {
                throw new IllegalStateException("the root key is not Ed25519", e);
            }
        }
        return h.createQuery("SELECT public_key FROM root_key WHERE key_id = :k").bind("k", keyId)
                .map((rs, ctx) -> new KeyRow(rules.rootActor(), parse(rs.getBytes(1)), !keyId.equals(current), null))
                .findFirst().orElse(null);
    }

    /** Whether the id is the genesis root key's or one the root was rotated to. */
    boolean isRootKey(Handle h, String keyId) {
        return keyId.equals(rules.rootKeyId()) || h.createQuery("SELECT 1 FROM root_key WHERE key_id = :k").bind("k", keyId)
                .mapTo(Integer.class).findFirst().isPresent();
    }

    String currentRootId(Handle h) {
        return h.createQuery("SELECT key_id FROM root_key ORDER BY log_index DESC LIMIT 1").mapTo(String.class)
                .findFirst().orElse(rules.rootKeyId());
    }

    /** Whether a key id is taken by any key, a root key included (rotated-away ones too). */
    boolean taken(Handle h, VerifierKey vkey) {
        String id = keyId(vkey);
        return id.equals(rules.rootKeyId()) || h.createQuery("""
                SELECT 1 FROM actor_key WHERE key_id = :k OR vkey LIKE :n
                UNION ALL SELECT 1 FROM root_key WHERE key_id = :k OR vkey LIKE :n""")
                .bind("k", id).bind("n", vkey.name() + "+%").mapTo(Integer.class).findFirst().isPresent();
    }

    Actor actor(Handle h, String id) {
        Actor stored = h.createQuery("SELECT id, name, roles, jurisdiction FROM actor WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> {
                    Set<Role> roles = EnumSet.noneOf(Role.class);
                    for (String r : (String[]) rs.getArray(3).getArray()) {
                        roles.add(Role.parse(r));
                    }
                    return new Actor(rs.getString(1), rs.getString(2), roles, rs.getString(4));
                }).findFirst().orElse(null);
        if (id.equals(rules.rootActor())) {
            Set<Role> roles = EnumSet.of(Role.REGULATOR);
            if (stored != null) {
                roles.addAll(stored.roles());
            }
            return new Actor(id, stored == null ? id : stored.name(), roles, stored == null ? "" : stored.jurisdiction());
        }
        return stored;
    }

    boolean actorExists(Handle h, String id) {
        return h.createQuery("SELECT 1 FROM actor WHERE id = :id").bind("id", id).mapTo(Integer.class).findFirst().isPresent();
    }

    static Ed25519PublicKey parse(byte[] raw) {
        try {
            return Ed25519PublicKey.parse(raw);
        } catch (FormatException e) {
            throw new IllegalStateException("a stored key is malformed", e);
        }
    }
}
