package org.computegov.registry.kernel;

import java.util.Set;
import org.computegov.ledger.dsse.DsseSignature;
import org.computegov.ledger.keys.VerifierKey;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/**
 * {@code registry-root-key}: the root regulator key rotated to a new key. Signed by the current root key and by the
 * new key (two DSSE signatures), so that neither a thief of the old key alone nor a typo can move the root. From its
 * log index on, the old root key is revoked.
 */
final class RootKeyKind implements StatementKind<RootKeyKind.Plan> {
    private final Keys keys;
    private final KernelRules rules;

    RootKeyKind(Keys keys, KernelRules rules) {
        this.keys = keys;
        this.rules = rules;
    }

    record Plan(VerifierKey vkey, String from) {}

    @Override
    public String wire() {
        return "root-key";
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
        String current = keys.currentRootId(h);
        if (!in.issuer().equals(rules.rootActor())) {
            throw Rejection.forbidden(in.issuer() + " does not hold the root key", "Only the root actor ("
                    + rules.rootActor() + ") rotates its key.");
        }
        boolean byRoot = false;
        for (DsseSignature sig : in.statement().envelope().signatures()) {
            if (sig.keyId().equals(current)) {
                Keys.KeyRow row = keys.key(h, current);
                byRoot |= row.publicKey().isValid(in.statement().envelope().pae(), sig.sig());
            }
        }
        if (!byRoot) {
            throw Rejection.forbidden("a root-key statement must be signed by the current root key " + current,
                    "Sign with the current root key and the new key (cgov actor rotate-root).");
        }
        VerifierKey vkey = ActorKind.verifierKey(h, keys, Checks.text(in.predicate(), "key", "predicate.key"),
                rules.rootActor(), "predicate.key");
        Checks.requireSubject(in.statement(), "root:" + rules.rootActor());
        String newId = Keys.keyId(vkey);
        boolean byNew = false;
        for (DsseSignature sig : in.statement().envelope().signatures()) {
            if (sig.keyId().equals(newId)) {
                byNew |= Keys.parse(vkey.publicKey()).isValid(in.statement().envelope().pae(), sig.sig());
            }
        }
        if (!byNew) {
            throw Rejection.badInput("the new root key " + newId + " has not signed the statement", "signatures",
                    "Sign with both keys: the new key proves it is held by whoever rotates to it.");
        }
        return new Plan(vkey, current);
    }

    @Override
    public void apply(Handle h, Input in, Plan p, long index, Effects effects) {
        h.createUpdate("INSERT INTO root_key (key_id, vkey, public_key, log_index) VALUES (:k, :v, :p, :i)")
                .bind("k", Keys.keyId(p.vkey())).bind("v", p.vkey().encode()).bind("p", p.vkey().publicKey())
                .bind("i", index).execute();
        effects.summary().put("root", Keys.keyId(p.vkey()));
        effects.summary().put("retired", p.from());
    }
}
