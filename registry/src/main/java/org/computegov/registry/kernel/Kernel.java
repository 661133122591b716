package org.computegov.registry.kernel;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.computegov.ledger.dsse.DsseSignature;
import org.computegov.registry.statement.RegistryStatement;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Sealed;
import org.jdbi.v3.core.Handle;

/**
 * The registry's state machine over one schema, for every kind: {@link #check} decides whether a statement may enter
 * (a signature by a registered, unrevoked key of its issuer, one of the kind's roles, a statement id not seen before,
 * a payload that matches its commitment, then the kind's own check against the state), and {@link #apply} folds an
 * accepted statement into the projection. The live registry and replay run the same code, so a replay that differs
 * means the tables were altered. The handle's search_path selects the schema.
 *
 * <p>{@code compromised} names keys whose revocation stated a compromise time: a signature by such a key on a
 * statement issued after that time does not count, wherever in the log the statement stands.
 */
public final class Kernel {
    private final Catalogue catalogue;
    private final Keys keys;
    private final Map<String, Instant> compromised;

    Kernel(Catalogue catalogue, Keys keys, Map<String, Instant> compromised) {
        this.catalogue = catalogue;
        this.keys = keys;
        this.compromised = Map.copyOf(compromised);
    }

    Map<String, Instant> compromised() {
        return compromised;
    }

    /** A statement that passed every check, with its kind's plan: applying it cannot fail for the submitter's reasons. */
    record Checked(Input input, StatementKind<?> kind, String keyId, Object plan) {}

    /** What applying a statement did, for the submitter's response. */
    record Outcome(org.computegov.registry.statement.RegistryStatement statement, Effects effects) {}

    /** The statement's kind, with the sealed commitment its kind requires (or refuses); 400 for unknown kinds. */
    StatementKind<?> kindOf(RegistryStatement s) throws Rejection {
        StatementKind<?> kind = catalogue.kind(s.kind());
        if (kind == null) {
            throw Rejection.badInput("predicate type " + s.kind() + " is not a kind this registry runs", "predicateType",
                    "Use one of: " + String.join(", ", catalogue.kinds().stream().map(StatementKind::wire).toList()) + ".");
        }
        if (kind.sealed() && s.sealedSha256() == null) {
            throw Rejection.badInput(kind.wire() + " statements commit to a sealed payload", "predicate.sealed",
                    "Add {\"sha256\": commitment hex, \"size\": payload bytes}.");
        }
        if (!kind.sealed() && s.sealedSha256() != null) {
            throw Rejection.badInput(kind.wire() + " statements are public and carry no sealed payload",
                    "predicate.sealed", "Remove it.");
        }
        return kind;
    }

    /** The kind's stateless preparation, when the payload matches its commitment (check refuses it otherwise). */
    Object prepare(RegistryStatement s, Sealed sealed) throws Rejection {
        StatementKind<?> kind = kindOf(s);
        if (kind.sealed() && (sealed == null || sealed.payload().length > Checks.MAX_SEALED_BYTES
                || !sealed.verify(s.sealedSha256()) || sealed.payload().length != s.sealedSize())) {
            return null;
        }
        return kind.prepare(new Input(s, sealed, null));
    }

    Checked check(Handle h, RegistryStatement s, Sealed sealed, byte[] attachment, Object prepared) throws Rejection {
        StatementKind<?> kind = kindOf(s);
        String keyId = authenticate(h, s);
        Actor issuer = keys.actor(h, s.issuer());
        if (issuer == null) {
            throw Rejection.unknownKey("actor '" + s.issuer() + "' is not registered");
        }
        Input in = new Input(s, sealed, attachment);
        if (kind.signers().stream().noneMatch(issuer::has) && !kind.signableWithoutRole(in)) {
            throw Rejection.forbidden(s.issuer() + " is not a " + String.join(" or ", kind.signers().stream().map(
                    org.computegov.registry.statement.Role::wire).sorted().toList()) + "; " + kind.wire()
                    + " statements need that role", "Ask the regulator to register the role, or sign as the right actor.");
        }
        if (h.createQuery("SELECT 1 FROM statement WHERE issuer = :i AND statement_id = :s")
                .bind("i", s.issuer()).bind("s", s.statementId()).mapTo(Integer.class).findFirst().isPresent()) {
            throw Rejection.conflict("statement-replayed", "Statement already accepted", "statement " + s.statementId()
                    + " of " + s.issuer() + " is already in the registry", "Every statement needs a fresh statementId.");
        }
        if (sealed != null && sealed.payload().length > Checks.MAX_SEALED_BYTES
                || attachment != null && attachment.length > Checks.MAX_SEALED_BYTES) {
            throw new Rejection(413, "payload-too-large", "Payload too large", "a statement's sealed payload or attachment"
                    + " may hold at most " + Checks.MAX_SEALED_BYTES + " bytes", sealed != null ? "sealed" : "attachment",
                    "Split it into several statements.");
        }
        if (kind.sealed()) {
            if (sealed == null) {
                throw Rejection.badInput("a " + kind.wire() + " statement needs its sealed payload beside it",
                        "sealed", "Send {\"salt\": base64, \"payload\": base64} whose commitment is predicate.sealed.sha256.");
            }
            if (!sealed.verify(s.sealedSha256()) || sealed.payload().length != s.sealedSize()) {
                throw Rejection.badInput("the sealed payload does not match the statement's commitment", "sealed",
                        "The commitment is SHA-256(\"computegov/sealed/v1\\n\" || salt || payload).");
            }
        } else if (sealed != null) {
            throw Rejection.badInput(kind.wire() + " statements have no sealed payload", "sealed", "Remove it.");
        }
        if (attachment != null && !kind.takesAttachment()) {
            throw Rejection.badInput(kind.wire() + " statements have no attachment", "attachment", "Remove it.");
        }
        Object plan = kind.check(h, in, issuer, prepared != null ? prepared : kind.prepare(in));
        return new Checked(in, kind, keyId, plan);
    }

    /** The key id of a signature by a registered, unrevoked, uncompromised key of the issuer that verifies; 401 otherwise. */
    String authenticate(Handle h, RegistryStatement s) throws Rejection {
        byte[] pae = s.envelope().pae();
        String why = "no signature names a registered key of " + s.issuer();
        for (DsseSignature sig : s.envelope().signatures()) {
            Keys.KeyRow key = keys.key(h, sig.keyId());
            if (key == null) {
                continue;
            }
            if (!key.actor().equals(s.issuer())) {
                why = "key " + sig.keyId() + " belongs to " + key.actor() + ", not to the issuer " + s.issuer();
                continue;
            }
            if (key.revoked()) {
                why = "key " + sig.keyId() + " of " + s.issuer() + " is revoked";
                continue;
            }
            Instant since = compromised.get(sig.keyId());
            if (since != null && s.issuedAt().isAfter(since)) {
                why = "key " + sig.keyId() + " of " + s.issuer() + " was compromised at " + since;
                continue;
            }
            if (key.publicKey().isValid(pae, sig.sig())) {
                return sig.keyId();
            }
            why = "the signature by " + sig.keyId() + " does not verify";
        }
        throw Rejection.unknownKey(why);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Outcome apply(Handle h, Checked c, long index) {
        RegistryStatement s = c.input().statement();
        h.createUpdate("""
                INSERT INTO statement (log_index, issuer, statement_id, kind, issued_at, subject, key_id, commitment)
                VALUES (:i, :issuer, :sid, :kind, :at, :subject, :key, :commitment)""")
                .bind("i", index).bind("issuer", s.issuer()).bind("sid", s.statementId()).bind("kind", s.kind())
                .bind("at", Timestamp.from(s.issuedAt())).bind("subject", s.subject().name()).bind("key", c.keyId())
                .bind("commitment", s.sealedSha256()).execute();
        Effects effects = new Effects();
        List<Follower> followers = (List) catalogue.followers(s.kind());
        List<Object> before = new ArrayList<>();
        for (Follower f : followers) {
            before.add(f.before(h, c.input()));
        }
        ((StatementKind) c.kind()).apply(h, c.input(), c.plan(), index, effects);
        for (int i = 0; i < followers.size(); i++) {
            followers.get(i).after(h, c.input(), before.get(i), index, effects);
        }
        skip(h, index);
        return new Outcome(s, effects);
    }

    /** Moves the cursor over a log entry that is not a registry statement (or that the registry refused). */
    static void skip(Handle h, long index) {
        h.createUpdate("UPDATE cursor SET log_index = :i").bind("i", index).execute();
    }

    static long cursor(Handle h) {
        return h.createQuery("SELECT log_index FROM cursor").mapTo(Long.class).one();
    }

    Actor actor(Handle h, String id) {
        return keys.actor(h, id);
    }

    Keys keys() {
        return keys;
    }
}
