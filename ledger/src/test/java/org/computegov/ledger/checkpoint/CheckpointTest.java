package org.computegov.ledger.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.computegov.ledger.merkle.Rfc6962;
import org.computegov.ledger.note.Ed25519NoteSigner;
import org.computegov.ledger.note.VerifierSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointTest {
    /** The body of the C2SP tlog-checkpoint example. */
    static final String SPEC_BODY = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

    @Test
    void parsesAndReencodesTheSpecExample() throws Exception {
        Checkpoint c = Checkpoint.parse(SPEC_BODY);
        assertThat(c.origin()).isEqualTo("example.com/behind-the-sofa");
        assertThat(c.size()).isEqualTo(20852163L);
        assertThat(c.rootHash()).isEqualTo(Base64.getDecoder().decode("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="));
        assertThat(c.extensions()).isEmpty();
        assertThat(c.body()).isEqualTo(SPEC_BODY);
    }

    @Test
    void keepsExtensionLines() throws Exception {
        Checkpoint c = Checkpoint.parse(SPEC_BODY + "ext one\next-two\n");
        assertThat(c.extensions()).containsExactly("ext one", "ext-two");
        assertThat(c.body()).isEqualTo(SPEC_BODY + "ext one\next-two\n");
    }

    @Test
    void emptyTreeCheckpoint() throws Exception {
        Checkpoint c = new Checkpoint("log", 0, Rfc6962.emptyRoot());
        assertThat(c.body()).isEqualTo("log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
        assertThat(Checkpoint.parse(c.body())).isEqualTo(c);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "example.com/log\n1\n", "example.com/log\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
        "\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        "log\n01\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        "log\n+1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        "log\n-1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        "log\n 1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        "log\n18446744073709551615\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        "log\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU\n",
        "log\n1\n47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        "log\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV=\n",
        "log\n1\nAAAA\n",
        "log\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n",
        "log\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\next\n\n",
        "log\r\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"
    })
    void rejectsMalformedBodies(String body) {
        assertThatThrownBy(() -> Checkpoint.parse(body)).isInstanceOf(FormatException.class);
    }

    @Test
    void signsAndOpensWithTheLogKey() throws Exception {
        Ed25519NoteSigner log = new Ed25519NoteSigner("example.com/log", Ed25519PrivateKey.generate());
        Checkpoint c = new Checkpoint("example.com/log", 8, Rfc6962.leafHash(new byte[0]), List.of());
        byte[] note = SignedCheckpoint.sign(c, log);
        SignedCheckpoint opened = SignedCheckpoint.open(note, VerifierSet.of(log.verifier()));
        assertThat(opened.checkpoint()).isEqualTo(c);
        Ed25519NoteSigner other = new Ed25519NoteSigner("example.com/log", Ed25519PrivateKey.generate());
        assertThatThrownBy(() -> SignedCheckpoint.open(note, VerifierSet.of(other.verifier())))
                .isInstanceOf(VerificationException.class);
    }
}
