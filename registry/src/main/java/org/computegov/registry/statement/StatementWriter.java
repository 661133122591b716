package org.computegov.registry.statement;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.intoto.Subject;
import org.computegov.ledger.keys.KeyIds;
import org.computegov.ledger.keys.SignerKey;

/**
 * Writes and signs registry statements as an actor: the CLI's, the demo's and the tests' way to speak to the registry.
 * The DSSE keyid is the key's registry id ({@code name+hexkeyid}, as in its verifier key).
 */
public final class StatementWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private final SignerKey key;
    private final String issuer;
    private final Clock clock;

    public StatementWriter(SignerKey key, String issuer, Clock clock) {
        this.key = key;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** The registry id of a signer key: its name and note key id, as its vkey starts. */
    public static String keyId(SignerKey key) {
        return key.name() + "+" + KeyIds.hex(key.keyId());
    }

    public String issuer() {
        return issuer;
    }

    /** A fresh predicate with the common fields, for the caller to add the kind's public fields to. */
    public ObjectNode predicate() {
        ObjectNode p = JSON.createObjectNode();
        p.put("statementId", UUID.randomUUID().toString());
        p.put("issuedAt", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        p.put("issuer", issuer);
        return p;
    }

    /** A public statement whose subject digest is SHA-256 of {@code subjectBytes} (or of the name when null). */
    public Submission publicStatement(Kind kind, String subjectName, ObjectNode predicate, byte[] subjectBytes,
            byte[] attachment) {
        byte[] digested = subjectBytes != null ? subjectBytes : subjectName.getBytes(StandardCharsets.UTF_8);
        return new Submission(sign(kind, Subject.sha256(subjectName, sha256(digested)), predicate), null, attachment);
    }

    /** A statement committing to a confidential payload, sealed under a fresh salt. */
    public Submission sealedStatement(Kind kind, String subjectName, ObjectNode predicate, byte[] payload) {
        Sealed sealed = Sealed.seal(payload, RANDOM);
        ObjectNode s = predicate.putObject("sealed");
        s.put("sha256", sealed.commitment());
        s.put("size", payload.length);
        return new Submission(sign(kind, Subject.sha256(subjectName, sealed.commitment()), predicate), sealed, null);
    }

    /** A provider's KYC record of a customer (sealed; the public subject names only the provider). */
    public Submission customerRecord(byte[] record) {
        return sealedStatement(Kind.CUSTOMER, "customer:" + issuer, predicate(), record);
    }

    /** A provider's access events of one customer (sealed). */
    public Submission accessEvents(byte[] events, int count) {
        return sealedStatement(Kind.ACCESS, "customer:" + issuer, predicate().put("events", count), events);
    }

    /** A developer's run declaration (sealed; the public subject names only the developer). */
    public Submission runDeclaration(byte[] declaration) {
        return sealedStatement(Kind.RUN, "run:" + issuer, predicate(), declaration);
    }

    /** A provider's usage records (sealed), {@code count} of them. */
    public Submission usageRecords(byte[] records, int count) {
        ObjectNode p = predicate().put("records", count);
        return sealedStatement(Kind.USAGE, "usage:" + issuer + "/" + p.path("statementId").asText(), p, records);
    }

    /** A provider's correction: {@code {"replace": [records], "withdraw": [record ids]}} touching {@code count} records. */
    public Submission usageCorrection(byte[] correction, int count) {
        ObjectNode p = predicate().put("records", count);
        return sealedStatement(Kind.USAGE_CORRECTION, "usage:" + issuer + "/" + p.path("statementId").asText(), p, correction);
    }

    private byte[] sign(Kind kind, Subject subject, ObjectNode predicate) {
        byte[] statement = new Statement(List.of(subject), kind.predicateType(), predicate).toJson();
        return Dsse.sign(Statement.PAYLOAD_TYPE, statement, List.of(new Ed25519DsseSigner(keyId(key), key.privateKey())))
                .toJson();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
