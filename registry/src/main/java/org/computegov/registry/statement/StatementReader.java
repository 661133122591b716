package org.computegov.registry.statement;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.dsse.Envelope;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.intoto.Subject;

/** Reads a registry statement's common fields from envelope bytes; checks shape only, not signatures or rights. */
public final class StatementReader {
    /** The log's entry limit (C2SP entry bundles use 16-bit lengths). */
    public static final int MAX_ENVELOPE_BYTES = 65535;
    public static final Pattern STATEMENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    public static final Pattern ACTOR_ID = Pattern.compile("[a-z0-9](?:[a-z0-9.-]{0,62}[a-z0-9])?");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private StatementReader() {}

    /**
     * Whether the envelope's payload names a registry predicate type: the raw log path refuses such envelopes. Literally
     * in the bytes, or once the JSON is decoded: escaped slashes or letters written as backslash-u escapes read the
     * same to every JSON reader, and replay would apply the statement.
     */
    public static boolean mentionsRegistryPredicate(byte[] payload) {
        String text = new String(payload, StandardCharsets.ISO_8859_1);
        if (text.contains(Kinds.PREFIX)) {
            return true;
        }
        if (text.indexOf('\\') < 0 && text.indexOf('\0') < 0) {
            // Without a backslash (an escape) or a zero byte (UTF-16/32, which the JSON parser also reads) the
            // predicate type is spelled literally, so the text search above was exact. Only other spellings need the
            // full parse, which costs a third of a signature verification on the log's hot path.
            return false;
        }
        try {
            String type = Statement.parse(payload).predicateType();
            return type != null && type.startsWith(Kinds.PREFIX);
        } catch (FormatException | RuntimeException e) {
            return false; // not an in-toto statement: read() would not take it for a registry statement either
        }
    }

    public static RegistryStatement read(byte[] envelopeBytes) throws Rejection {
        if (envelopeBytes.length > MAX_ENVELOPE_BYTES) {
            throw Rejection.badInput("the envelope is " + envelopeBytes.length + " bytes; the log takes at most "
                    + MAX_ENVELOPE_BYTES, "envelope", "Keep confidential or bulky content in the sealed payload.");
        }
        Envelope envelope;
        Statement statement;
        try {
            envelope = Envelope.parse(envelopeBytes, MAX_ENVELOPE_BYTES);
        } catch (FormatException e) {
            throw Rejection.badInput("not a DSSE envelope: " + e.getMessage(), "envelope",
                    "Send {\"payload\": base64, \"payloadType\": \"application/vnd.in-toto+json\", \"signatures\": [...]}.");
        }
        if (!Statement.PAYLOAD_TYPE.equals(envelope.payloadType())) {
            throw Rejection.badInput("payload type is '" + envelope.payloadType() + "'", "envelope.payloadType",
                    "Registry statements are in-toto statements: " + Statement.PAYLOAD_TYPE + ".");
        }
        try {
            statement = Statement.parse(envelope.payload());
        } catch (FormatException e) {
            throw Rejection.badInput("not an in-toto Statement v1: " + e.getMessage(), "payload", null);
        }
        String kind = Kinds.wireOf(statement.predicateType());
        if (kind == null) {
            throw Rejection.badInput("predicate type " + statement.predicateType() + " is not a registry statement",
                    "predicateType", "Use " + Kinds.PREFIX + "<kind>/v1 with one of the registry's kinds"
                    + " (GET /api/v1/registry/kinds lists them).");
        }
        JsonNode p = statement.predicate();
        if (p == null) {
            throw Rejection.badInput("the statement has no predicate", "predicate", null);
        }
        String id = requireText(p, "statementId");
        if (!STATEMENT_ID.matcher(id).matches()) {
            throw Rejection.badInput("statementId must be 1-128 of [A-Za-z0-9._:-], got '" + id + "'", "predicate.statementId",
                    "Use a fresh UUID or ULID for every statement.");
        }
        Instant issuedAt;
        try {
            issuedAt = Instant.parse(requireText(p, "issuedAt"));
        } catch (DateTimeParseException e) {
            throw Rejection.badInput("issuedAt is not an RFC 3339 UTC time", "predicate.issuedAt", "e.g. 2026-11-25T20:00:00Z");
        }
        String issuer = requireText(p, "issuer");
        if (!ACTOR_ID.matcher(issuer).matches()) {
            throw Rejection.badInput("issuer '" + issuer + "' is not an actor id", "predicate.issuer",
                    "Actor ids are lowercase letters, digits, '.' and '-'.");
        }
        if (statement.subject().size() != 1) {
            throw Rejection.badInput("a registry statement has exactly one subject, got " + statement.subject().size(),
                    "subject", null);
        }
        Subject subject = statement.subject().get(0);
        String digest = subject.digest().get("sha256");
        if (digest == null || !HEX64.matcher(digest).matches()) {
            throw Rejection.badInput("the subject needs a lowercase hex sha256 digest", "subject[0].digest.sha256", null);
        }
        String sealed = null;
        long sealedSize = 0;
        JsonNode s = p.get("sealed");
        // Whether the kind is sealed is the kernel's to say (it knows the kinds); here only the commitment's shape.
        if (s != null) {
            if (!s.isObject() || s.get("sha256") == null || !HEX64.matcher(s.get("sha256").asText()).matches()
                    || s.get("size") == null || !s.get("size").canConvertToLong() || s.get("size").asLong() < 0) {
                throw Rejection.badInput(kind + " statements commit to a sealed payload",
                        "predicate.sealed", "Add {\"sha256\": commitment hex, \"size\": payload bytes}.");
            }
            sealed = s.get("sha256").asText();
            sealedSize = s.get("size").asLong();
            if (!sealed.equals(digest)) {
                throw Rejection.badInput("the subject digest must be the sealed payload's commitment",
                        "subject[0].digest.sha256", null);
            }
        }
        return new RegistryStatement(kind, id, issuedAt, issuer, subject, sealed, sealedSize, p, envelope,
                envelopeBytes.clone());
    }

    private static String requireText(JsonNode p, String field) throws Rejection {
        JsonNode n = p.get(field);
        if (n == null || !n.isTextual() || n.textValue().isEmpty()) {
            throw Rejection.badInput("predicate." + field + " is missing", "predicate." + field, null);
        }
        return n.textValue();
    }
}
