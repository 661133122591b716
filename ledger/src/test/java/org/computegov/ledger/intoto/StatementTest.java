package org.computegov.ledger.intoto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.dsse.Envelope;
import org.computegov.ledger.dsse.VerifiedPayload;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.junit.jupiter.api.Test;

class StatementTest {
    static final String SHA = "ad4ec0d2e2c7d4ad4a7ec3ecdfa51cba0e5e6a8d7f8d9ca2f0a3e1b2c3d4e5f6";
    static final String JSON = "{\"_type\":\"https://in-toto.io/Statement/v1\","
            + "\"subject\":[{\"name\":\"model.safetensors\",\"digest\":{\"sha256\":\"" + SHA + "\"}},"
            + "{\"digest\":{\"gitBlob\":\"5ab2f8a4323abafb10abb68657d9d39f1a775057\"},\"uri\":\"x\"}],"
            + "\"predicateType\":\"https://computegov.org/attestation/training-run/v1\","
            + "\"predicate\":{\"flops\":1.5e25},\"future\":true}";

    @Test
    void parsesAValidStatementIgnoringUnknownFields() throws Exception {
        Statement s = Statement.parse(JSON.getBytes(UTF_8));
        assertThat(s.subject()).hasSize(2);
        assertThat(s.subject().get(0)).isEqualTo(Subject.sha256("model.safetensors", SHA));
        assertThat(s.subject().get(1).name()).isEmpty();
        assertThat(s.predicateType()).isEqualTo(PredicateTypes.of("training-run", 1));
        assertThat(s.predicate().get("flops").asDouble()).isEqualTo(1.5e25);
        assertThat(Statement.parse(s.toJson())).isEqualTo(s);
    }

    @Test
    void predicateIsOptional() throws Exception {
        Statement s = Statement.parse(("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\""
                + SHA + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\"}").getBytes(UTF_8));
        assertThat(s.predicate()).isNull();
    }

    @Test
    void rejectsInvalidStatements() {
        String subj = "[{\"name\":\"a\",\"digest\":{\"sha256\":\"" + SHA + "\"}}]";
        String pt = "\"predicateType\":\"https://x.example/p/v1\"";
        for (String bad : List.of(
                "[]", "nope",
                "{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"subject\":" + subj + "," + pt + "}",
                "{\"subject\":" + subj + "," + pt + "}",
                "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[]," + pt + "}",
                "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":" + subj + "}",
                "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":" + subj + ",\"predicateType\":\"not a uri\"}",
                "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a\"}]," + pt + "}",
                "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a\",\"digest\":{}}]," + pt + "}",
                "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\"" + SHA.toUpperCase() + "\"}}]," + pt + "}",
                "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\"abcd\"}}]," + pt + "}",
                "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":7}}]," + pt + "}",
                "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":" + subj + "," + pt + ",\"predicate\":[1]}",
                "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":" + subj + "," + pt + "," + pt + "}")) {
            assertThatThrownBy(() -> Statement.parse(bad.getBytes(UTF_8))).as(bad).isInstanceOf(FormatException.class);
        }
    }

    @Test
    void endToEndThroughDsseKeepsTheSignedBytes() throws Exception {
        Ed25519DsseSigner signer = new Ed25519DsseSigner("k1", Ed25519PrivateKey.generate());
        byte[] payload = JSON.getBytes(UTF_8);
        Envelope env = Dsse.sign(Statement.PAYLOAD_TYPE, payload, List.of(signer));
        VerifiedPayload v = new Dsse(List.of(signer.verifier()), 1).verify(env.toJson(), Statement.PAYLOAD_TYPE);
        assertThat(v.payload()).isEqualTo(payload);
        assertThat(Statement.parse(v).subject()).hasSize(2);
        VerifiedPayload wrongType = new Dsse(List.of(signer.verifier()), 1)
                .verify(Dsse.sign("text/plain", payload, List.of(signer)));
        assertThatThrownBy(() -> Statement.parse(wrongType)).isInstanceOf(VerificationException.class);
    }

    @Test
    void predicateTypeNamespace() {
        assertThat(PredicateTypes.of("compute-attestation", 2))
                .isEqualTo("https://computegov.org/attestation/compute-attestation/v2");
        assertThat(PredicateTypes.parse("https://computegov.org/attestation/training-run/v12"))
                .contains(new PredicateTypes.PredicateType("training-run", 12));
        assertThat(PredicateTypes.parse("https://computegov.org/attestation/Training/v1")).isEmpty();
        assertThat(PredicateTypes.parse("https://computegov.org/attestation/x/v01")).isEmpty();
        assertThat(PredicateTypes.parse("https://slsa.dev/provenance/v1")).isEmpty();
        assertThat(PredicateTypes.isComputegov("https://computegov.org/attestation/anything")).isTrue();
        assertThatThrownBy(() -> PredicateTypes.of("bad name", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PredicateTypes.of("ok", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
