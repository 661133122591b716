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
    public Submission publicStatement(String kind, String subjectName, ObjectNode predicate, byte[] subjectBytes,
            byte[] attachment) {
        byte[] digested = subjectBytes != null ? subjectBytes : subjectName.getBytes(StandardCharsets.UTF_8);
        return new Submission(sign(kind, Subject.sha256(subjectName, sha256(digested)), predicate), null, attachment);
    }

    /**
     * A public statement signed by this writer's key and by {@code others} too (a root-key rotation is signed by the
     * old and the new key).
     */
    public Submission publicStatementCosigned(String kind, String subjectName, ObjectNode predicate, List<SignerKey> others) {
        byte[] statement = new Statement(List.of(Subject.sha256(subjectName,
                sha256(subjectName.getBytes(StandardCharsets.UTF_8)))), Kinds.predicateType(kind), predicate).toJson();
        List<org.computegov.ledger.dsse.DsseSigner> signers = new java.util.ArrayList<>();
        signers.add(new Ed25519DsseSigner(keyId(key), key.privateKey()));
        others.forEach(o -> signers.add(new Ed25519DsseSigner(keyId(o), o.privateKey())));
        return new Submission(Dsse.sign(Statement.PAYLOAD_TYPE, statement, signers).toJson(), null, null);
    }

    /** A statement committing to a confidential payload, sealed under a fresh salt. */
    public Submission sealedStatement(String kind, String subjectName, ObjectNode predicate, byte[] payload) {
        Sealed sealed = Sealed.seal(payload, RANDOM);
        ObjectNode s = predicate.putObject("sealed");
        s.put("sha256", sealed.commitment());
        s.put("size", payload.length);
        return new Submission(sign(kind, Subject.sha256(subjectName, sealed.commitment()), predicate), sealed, null);
    }

    private byte[] sign(String kind, Subject subject, ObjectNode predicate) {
        byte[] statement = new Statement(List.of(subject), Kinds.predicateType(kind), predicate).toJson();
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
