package org.computegov.ledger.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.computegov.ledger.Bytes;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.DsseSigner;
import org.computegov.ledger.intoto.PredicateTypes;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.intoto.Subject;
import org.computegov.ledger.merkle.Rfc6962;

/**
 * The issuer's signed word on a logged entry's standing at a moment: "as of {@code issuedAt}, having read the log
 * through {@code logSize} entries, the entry with this SHA-256 is {@code valid} (or suspended, or revoked)".
 *
 * <p>It is how revocation reaches verifiers that cannot query anyone: a verifier accepts a bundle only with a status
 * no older than its maximum age, so a revocation logged at time t stops being honoured offline by t + max age (plus
 * the allowed clock skew). The issuer re-signs statuses of live entries more often than the max age. It is an
 * in-toto statement (predicate type {@link #PREDICATE_TYPE}) in a DSSE envelope, signed with the same keys as the
 * entry; it need not be logged itself, since it only ever narrows what a bundle allows.
 */
public record StatusStatement(String name, byte[] entrySha256, State state, long logSize, Instant issuedAt, String reason) {
    public static final String PREDICATE_TYPE = PredicateTypes.of("status", 1);

    /** The standing of an entry. Only {@code VALID} lets a bundle verify. */
    public enum State {
        VALID, SUSPENDED, REVOKED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public StatusStatement {
        if (name == null || entrySha256 == null || entrySha256.length != Rfc6962.HASH_SIZE || state == null
                || issuedAt == null) {
            throw new IllegalArgumentException("name, a 32-byte entry digest, state and issuedAt are required");
        }
        if (logSize < 1) {
            throw new IllegalArgumentException("logSize must be positive: the entry itself is in the log");
        }
        entrySha256 = entrySha256.clone();
        reason = reason == null ? "" : reason;
    }

    @Override
    public byte[] entrySha256() {
        return entrySha256.clone();
    }

    /** A status for the exact logged bytes of an entry. */
    public static StatusStatement of(String name, byte[] entry, State state, long logSize, Instant issuedAt, String reason) {
        return new StatusStatement(name, Rfc6962.sha256(entry), state, logSize, issuedAt, reason);
    }

    /** Returns the in-toto statement to sign. */
    public Statement statement() {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("state", state.wire());
        p.put("logSize", logSize);
        p.put("issuedAt", issuedAt.toString());
        if (!reason.isEmpty()) {
            p.put("reason", reason);
        }
        return new Statement(List.of(Subject.sha256(name, Bytes.hex(entrySha256))), PREDICATE_TYPE, p);
    }

    /** Signs this status into DSSE envelope JSON. */
    public byte[] sign(List<? extends DsseSigner> signers) {
        return Dsse.sign(Statement.PAYLOAD_TYPE, statement().toJson(), signers).toJson();
    }

    /** Reads a status from a verified in-toto statement. */
    public static StatusStatement from(Statement s) throws FormatException {
        if (!PREDICATE_TYPE.equals(s.predicateType())) {
            throw new FormatException("status statement has predicate type '" + s.predicateType() + "', expected "
                    + PREDICATE_TYPE);
        }
        if (s.subject().size() != 1 || !s.subject().get(0).digest().containsKey("sha256")) {
            throw new FormatException("status statement must have exactly one subject with a sha256 digest");
        }
        Subject subject = s.subject().get(0);
        JsonNode p = s.predicate();
        if (p == null) {
            throw new FormatException("status statement has no predicate");
        }
        State state;
        try {
            state = State.valueOf(field(p, "state").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FormatException("status state must be valid, suspended or revoked", e);
        }
        JsonNode size = p.get("logSize");
        if (size == null || !size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 1) {
            throw new FormatException("status logSize must be a positive whole number");
        }
        Instant issued;
        try {
            issued = Instant.parse(field(p, "issuedAt"));
        } catch (DateTimeParseException e) {
            throw new FormatException("status issuedAt must be an RFC 3339 UTC instant", e);
        }
        JsonNode reason = p.get("reason");
        byte[] digest = hex(subject.digest().get("sha256"));
        return new StatusStatement(subject.name(), digest, state, size.longValue(), issued,
                reason != null && reason.isTextual() ? reason.textValue() : "");
    }

    private static String field(JsonNode p, String name) throws FormatException {
        JsonNode n = p.get(name);
        if (n == null || !n.isTextual()) {
            throw new FormatException("status predicate field '" + name + "' must be a string");
        }
        return n.textValue();
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
