package org.computegov.registry.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.intoto.Subject;
import org.computegov.ledger.keys.SignerKey;
import org.junit.jupiter.api.Test;

class StatementReaderTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T20:00:00Z"), ZoneOffset.UTC);
    private final SignerKey key = SignerKey.generate("regulator/root");
    private final StatementWriter writer = new StatementWriter(key, "regulator", CLOCK);

    @Test
    void readsWhatTheWriterWrites() throws Exception {
        ObjectNode p = writer.predicate();
        p.putObject("actor").put("id", "cloud-a");
        Submission s = writer.publicStatement("actor", "actor:cloud-a", p, null, null);
        RegistryStatement r = StatementReader.read(s.envelope());
        assertThat(r.kind()).isEqualTo("actor");
        assertThat(r.issuer()).isEqualTo("regulator");
        assertThat(r.issuedAt()).isEqualTo(Instant.parse("2026-11-25T20:00:00Z"));
        assertThat(r.subject().name()).isEqualTo("actor:cloud-a");
        assertThat(r.subjectDigest()).isEqualTo(StatementWriter.sha256("actor:cloud-a".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.envelopeBytes()).isEqualTo(s.envelope());
        assertThat(r.envelope().signatures().get(0).keyId()).isEqualTo(StatementWriter.keyId(key));
        assertThat(StatementReader.mentionsRegistryPredicate(r.envelope().payload())).isTrue();
    }

    @Test
    void aSealedStatementsSubjectIsItsCommitment() throws Exception {
        Submission s = writer.sealedStatement("usage", "usage:regulator/x", writer.predicate().put("records", 0), "[]".getBytes());
        RegistryStatement r = StatementReader.read(s.envelope());
        assertThat(r.sealedSha256()).isEqualTo(s.sealed().commitment()).isEqualTo(r.subjectDigest());
        assertThat(r.sealedSize()).isEqualTo(2);
    }

    @Test
    void theRawLogPathsFilterSeesEverySpellingOfARegistryPredicateType() {
        String plain = new String(statement(Kinds.predicateType("usage"), good()), StandardCharsets.UTF_8);
        assertThat(StatementReader.mentionsRegistryPredicate(plain.getBytes(StandardCharsets.UTF_8))).isTrue();
        String escaped = plain.replace("attestation/registry-", "attestation\\/\\u0072egistry-");
        assertThat(escaped).doesNotContain("attestation/registry-");
        assertThat(StatementReader.mentionsRegistryPredicate(escaped.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(StatementReader.mentionsRegistryPredicate(plain.getBytes(StandardCharsets.UTF_16BE))).isTrue();
        assertThat(StatementReader.mentionsRegistryPredicate(plain.getBytes(StandardCharsets.UTF_16LE))).isTrue();
        String other = new String(statement("https://computegov.org/attestation/usage/v1", good()), StandardCharsets.UTF_8);
        assertThat(StatementReader.mentionsRegistryPredicate(other.getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(StatementReader.mentionsRegistryPredicate(other.replace("/", "\\/").getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void refusesWhatIsNotARegistryStatement() {
        assertRefused("not json".getBytes(), "envelope");
        assertRefused(envelope("text/plain", statement(Kinds.predicateType("actor"), good())), "envelope.payloadType");
        assertRefused(envelope(Statement.PAYLOAD_TYPE, statement("https://computegov.org/attestation/usage/v1", good())), "predicateType");
        assertRefused(envelope(Statement.PAYLOAD_TYPE, statement(Kinds.predicateType("actor"), good().put("statementId", "has space"))),
                "predicate.statementId");
        assertRefused(envelope(Statement.PAYLOAD_TYPE, statement(Kinds.predicateType("actor"), good().put("issuedAt", "yesterday"))),
                "predicate.issuedAt");
        assertRefused(envelope(Statement.PAYLOAD_TYPE, statement(Kinds.predicateType("actor"), good().put("issuer", "Not An Id"))),
                "predicate.issuer");
        ObjectNode badCommitment = good();
        badCommitment.putObject("sealed").put("sha256", "not hex").put("size", 1);
        assertRefused(envelope(Statement.PAYLOAD_TYPE, statement(Kinds.predicateType("usage"), badCommitment)), "predicate.sealed");
        assertRefused(envelope(Statement.PAYLOAD_TYPE, statement(Kinds.PREFIX + "Not_A_Kind/v1", good())), "predicateType");
        assertRefused(new byte[StatementReader.MAX_ENVELOPE_BYTES + 1], "envelope");
    }

    private ObjectNode good() {
        return writer.predicate();
    }

    private static byte[] statement(String type, ObjectNode predicate) {
        return new Statement(List.of(Subject.sha256("actor:x", "0".repeat(64))), type, predicate).toJson();
    }

    private byte[] envelope(String payloadType, byte[] payload) {
        return Dsse.sign(payloadType, payload, List.of(new Ed25519DsseSigner(StatementWriter.keyId(key), key.privateKey()))).toJson();
    }

    private static void assertRefused(byte[] envelope, String field) {
        assertThatThrownBy(() -> StatementReader.read(envelope)).isInstanceOfSatisfying(Rejection.class, r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.field()).isEqualTo(field);
        });
    }
}
