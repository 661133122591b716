package org.computegov.ledger.witness;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.computegov.ledger.note.Notes;
import org.junit.jupiter.api.Test;

class CosignaturePolicyTest {
    private final TestLog log = new TestLog("example.com/log");
    private final CosignatureSigner a = witness("w.example/a");
    private final CosignatureSigner b = witness("w.example/b");
    private final CosignatureSigner c = witness("w.example/c");
    private final CosignaturePolicy twoOfThree = new CosignaturePolicy(log.verifiers(),
            List.of(a.verifier(), b.verifier(), c.verifier()), 2);

    private static CosignatureSigner witness(String name) {
        return new CosignatureSigner(name, Ed25519PrivateKey.generate(), Clock.systemUTC());
    }

    @Test
    void acceptsWithEnoughDistinctCosignatures() throws Exception {
        log.grow(5);
        byte[] note = Notes.sign(log.checkpoint(5).body(), log.key, a, c);
        CosignaturePolicy.Witnessed w = twoOfThree.verify(note);
        assertThat(w.checkpoint().checkpoint().size()).isEqualTo(5);
        assertThat(w.cosignatures()).hasSize(2);
    }

    @Test
    void rejectsTooFewAndCountsARepeatedWitnessOnce() throws Exception {
        log.grow(5);
        String one = new String(Notes.sign(log.checkpoint(5).body(), log.key, a), UTF_8);
        assertThatThrownBy(() -> twoOfThree.verify(one.getBytes(UTF_8))).isInstanceOf(VerificationException.class)
                .hasMessageContaining("1 valid witness cosignatures, need 2");
        String line = new String(Notes.sign(log.checkpoint(5).body(), a), UTF_8);
        String twice = one + line.substring(line.indexOf('\u2014'));
        assertThatThrownBy(() -> twoOfThree.verify(twice.getBytes(UTF_8))).hasMessageContaining("need 2");
    }

    @Test
    void rejectsCosignaturesWithoutTheLogSignature() {
        log.grow(5);
        byte[] note = Notes.sign(log.checkpoint(5).body(), a, b, c);
        assertThatThrownBy(() -> twoOfThree.verify(note)).hasMessageContaining("no valid signature from the log");
    }

    @Test
    void rejectsAForgedCosignatureFromATrustedWitness() {
        log.grow(5);
        log.grow(1);
        String good = new String(Notes.sign(log.checkpoint(5).body(), log.key, a), UTF_8);
        String otherSize = new String(Notes.sign(log.checkpoint(6).body(), b), UTF_8);
        String forged = good + otherSize.substring(otherSize.indexOf('\u2014'));
        assertThatThrownBy(() -> twoOfThree.verify(forged.getBytes(UTF_8))).hasMessageContaining("invalid signature");
    }
}
