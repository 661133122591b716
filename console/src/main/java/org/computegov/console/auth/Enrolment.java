package org.computegov.console.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.computegov.api.Json;
import org.computegov.console.ConsoleRegistry;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.DsseSignature;
import org.computegov.ledger.dsse.DsseVerifier;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.dsse.Envelope;
import org.computegov.ledger.keys.Ed25519PublicKey;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.computegov.registry.statement.StatementWriter;
import org.computegov.registry.kernel.Actor;

/**
 * Enrolling a console user is a statement signed by an actor's registered key, like every other write: the actor
 * itself binds a username to itself, or a regulator binds one to any actor. The password is hashed (Argon2id) on
 * the signer's machine, so neither the password nor, unless the user seals it in, any key reaches the server. The
 * statement is not appended to the public log (a password hash is nobody's business), but its id is kept once,
 * so a captured enrolment cannot be replayed.
 */
public final class Enrolment {
    public static final String PAYLOAD_TYPE = "application/vnd.computegov.console-user+json";
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,62}");
    private static final Pattern ACTOR = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    /** What an enrolment asks for. */
    public record Request(String username, String actor, String passwordHash, String sealedKey, boolean replace,
            String statementId, Instant issuedAt) {}

    private final ConsoleRegistry registry;
    private final ConsoleUsers users;
    private final Sessions sessions;
    private final Clock clock;

    public Enrolment(ConsoleRegistry registry, ConsoleUsers users, Sessions sessions, Clock clock) {
        this.registry = registry;
        this.users = users;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Builds and signs an enrolment (the CLI's side): hashes the password here and, if asked, seals the key. */
    public static byte[] sign(SignerKey signer, String username, String actor, char[] password, byte[] keyToSeal,
            boolean replace, Clock clock, PasswordHash.Cost cost) {
        ObjectNode p = Json.mapper().createObjectNode();
        p.put("username", username).put("actor", actor).put("passwordHash", PasswordHash.hash(password, cost));
        p.put("sealedKey", keyToSeal == null ? null : KeySeal.seal(keyToSeal, password, username, cost));
        p.put("replace", replace).put("statementId", UUID.randomUUID().toString())
                .put("issuedAt", clock.instant().toString());
        return Dsse.sign(PAYLOAD_TYPE, Json.write(p).getBytes(StandardCharsets.UTF_8),
                List.of(new Ed25519DsseSigner(StatementWriter.keyId(signer), signer.privateKey()))).toJson();
    }

    /** Checks an enrolment (signature, signer's authority, freshness, content) and stores the user; all or nothing. */
    public Request enrol(byte[] envelopeJson) throws Rejection, SQLException {
        Envelope env;
        try {
            env = Envelope.parse(envelopeJson, 64 * 1024);
        } catch (FormatException e) {
            throw Rejection.badInput("The body is not a DSSE envelope: " + e.getMessage(), null,
                    "Send the envelope `cgov console user add` writes.");
        }
        if (!PAYLOAD_TYPE.equals(env.payloadType())) {
            throw Rejection.badInput("The payload type must be " + PAYLOAD_TYPE + ", got " + env.payloadType() + ".",
                    "payloadType", null);
        }
        Actor signer = signer(env);
        Request r = read(env.payload());
        Instant now = clock.instant();
        Duration skew = registry.clockSkew();
        if (r.issuedAt().isBefore(now.minus(skew)) || r.issuedAt().isAfter(now.plus(skew))) {
            throw Rejection.badInput("issuedAt " + r.issuedAt() + " is more than " + skew.toSeconds()
                    + " s from the server's clock.", "issuedAt", "Sign the enrolment just before sending it.");
        }
        if (!signer.id().equals(r.actor()) && !signer.has(Role.REGULATOR)) {
            throw Rejection.forbidden("Actor " + signer.id() + " may not enrol users for " + r.actor() + ".",
                    "Sign with " + r.actor() + "'s own key, or a regulator's.");
        }
        if (registry.actor(r.actor()).isEmpty()) {
            throw Rejection.notFound("No actor " + r.actor() + " is registered.", "Register the actor first.");
        }
        var existing = users.find(r.username());
        if (existing.isPresent() && (!r.replace() || !existing.get().actorId().equals(r.actor()))) {
            throw Rejection.conflict("username-taken", "Username taken", "The username " + r.username()
                    + " is already enrolled" + (existing.get().actorId().equals(r.actor()) ? "." : " for another actor."),
                    existing.get().actorId().equals(r.actor()) ? "Add --replace to change its password." : "Choose another username.");
        }
        try {
            boolean stored = users.put(new ConsoleUsers.User(r.username(), r.actor(), r.passwordHash(), r.sealedKey(),
                    signer.id(), now, signer.id() + "/" + r.statementId()), r.replace());
            if (!stored) {
                throw Rejection.conflict("username-taken", "Username taken", "The username " + r.username()
                        + " was enrolled meanwhile.", "Choose another username.");
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw Rejection.conflict("replayed", "Replayed statement", "This enrolment was already applied.",
                        "Sign a new one.");
            }
            throw e;
        }
        if (existing.isPresent()) {
            sessions.endAll(r.username());
        }
        return r;
    }

    private Actor signer(Envelope env) throws Rejection {
        for (DsseSignature s : env.signatures()) {
            Ed25519PublicKey key = s.keyId() == null ? null : registry.activeKey(s.keyId());
            if (key == null) {
                continue;
            }
            try {
                new Dsse(List.of(DsseVerifier.ed25519(s.keyId(), key)), 1).verify(env);
            } catch (VerificationException e) {
                throw new Rejection(401, "signature-not-verified", "Signature not verified",
                        "The enrolment's signature by " + s.keyId() + " does not verify.", null, "Sign it again.");
            }
            Actor a = registry.actorOfKey(s.keyId());
            if (a != null) {
                return a;
            }
        }
        throw Rejection.unknownKey("The enrolment is not signed by a registered, unrevoked key.");
    }

    static Request read(byte[] payload) throws Rejection {
        JsonNode p;
        try {
            p = Json.mapper().readTree(payload);
        } catch (java.io.IOException e) {
            throw Rejection.badInput("The payload is not JSON: " + e.getMessage(), null, null);
        }
        String username = text(p, "username");
        String actor = text(p, "actor");
        String hash = text(p, "passwordHash");
        String statementId = text(p, "statementId");
        if (!USERNAME.matcher(username).matches()) {
            throw Rejection.badInput("Username '" + username + "' is not allowed.", "username",
                    "2-63 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        if (!ACTOR.matcher(actor).matches()) {
            throw Rejection.badInput("'" + actor + "' is not an actor id.", "actor", null);
        }
        if (!PasswordHash.acceptable(hash, PasswordHash.Cost.OWASP)) {
            throw Rejection.badInput("passwordHash must be an Argon2id PHC string with at least m=19456, t=2 and a"
                    + " 32-byte tag.", "passwordHash", "Let `cgov console user add` hash the password.");
        }
        String sealed = p.path("sealedKey").isTextual() ? p.get("sealedKey").asText() : null;
        if (sealed != null && !KeySeal.wellFormed(sealed)) {
            throw Rejection.badInput("sealedKey is not a sealed key.", "sealedKey", null);
        }
        if (statementId.length() > 100) {
            throw Rejection.badInput("statementId is too long.", "statementId", null);
        }
        Instant issuedAt;
        try {
            issuedAt = Instant.parse(text(p, "issuedAt"));
        } catch (DateTimeParseException e) {
            throw Rejection.badInput("issuedAt must be an RFC 3339 UTC time.", "issuedAt", null);
        }
        return new Request(username, actor, hash, sealed, p.path("replace").asBoolean(false), statementId, issuedAt);
    }

    private static String text(JsonNode p, String field) throws Rejection {
        JsonNode v = p.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw Rejection.badInput("The enrolment lacks '" + field + "'.", field, null);
        }
        return v.asText();
    }
}
