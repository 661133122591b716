package org.computegov.ledger.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.bundle.StatusException.Problem;
import org.computegov.ledger.bundle.StatusStatement.State;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.computegov.ledger.note.Ed25519NoteSigner;
import org.computegov.ledger.note.VerifierSet;
import org.junit.jupiter.api.Test;

class BundleTest {
    private final BundleFixture log = new BundleFixture(23);

    @Test
    void aLoggedSignedEntryVerifiesAndRoundTripsThroughJson() throws Exception {
        for (int i = 0; i < log.size(); i += 3) {
            Bundle parsed = Bundle.parse(log.bundle(i).toJson());
            VerifiedBundle v = log.verifier(BundleVerifier.Freshness.NONE).verify(parsed);
            assertThat(v.leafIndex()).isEqualTo(i);
            assertThat(v.checkpoint().size()).isEqualTo(23);
            assertThat(Statement.parse(v.payload()).subject().get(0).name()).isEqualTo("licence-" + i);
            assertThat(v.status()).isEmpty();
        }
    }

    @Test
    void anEntryNotSignedByTheIssuerIsRefusedEvenThoughItIsLogged() throws Exception {
        assertThatThrownBy(() -> log.verifier(BundleVerifier.Freshness.NONE).verify(log.bundle(1)))
                .isInstanceOf(VerificationException.class);
    }

    @Test
    void everyAlteredProofHashIsRefused() throws Exception {
        Bundle b = log.bundle(6);
        for (int h = 0; h < b.inclusionProof().size(); h++) {
            List<byte[]> proof = new ArrayList<>(b.inclusionProof());
            byte[] changed = proof.get(h);
            changed[h % 32] ^= 1;
            proof.set(h, changed);
            Bundle bad = new Bundle(b.envelope(), b.checkpoint(), 6, b.treeSize(), proof, Optional.empty());
            assertThatThrownBy(() -> log.verifier(BundleVerifier.Freshness.NONE).verify(bad))
                    .hasMessageContaining("different root");
        }
        List<byte[]> shorter = b.inclusionProof().subList(1, b.inclusionProof().size());
        assertThatThrownBy(() -> log.verifier(BundleVerifier.Freshness.NONE)
                .verify(new Bundle(b.envelope(), b.checkpoint(), 6, b.treeSize(), shorter, Optional.empty())))
                .hasMessageContaining("must have");
    }

    @Test
    void indexSizeAndCheckpointMustAgree() throws Exception {
        Bundle b = log.bundle(6);
        BundleVerifier v = log.verifier(BundleVerifier.Freshness.NONE);
        assertThatThrownBy(() -> v.verify(new Bundle(b.envelope(), b.checkpoint(), 23, 23, b.inclusionProof(), Optional.empty())))
                .hasMessageContaining("not below");
        assertThatThrownBy(() -> v.verify(new Bundle(b.envelope(), b.checkpoint(), 6, 24, b.inclusionProof(), Optional.empty())))
                .hasMessageContaining("checkpoint is of size 23");
        assertThatThrownBy(() -> v.verify(new Bundle(b.envelope(), b.checkpoint(), 9, 23, b.inclusionProof(), Optional.empty())))
                .isInstanceOf(VerificationException.class);
    }

    @Test
    void anAlteredEnvelopeSignatureIsRefusedThoughItWouldStillBeTheLoggedBytesShape() throws Exception {
        Bundle b = log.bundle(9);
        // Re-sign the same payload with another key: the proof breaks (other bytes), and with a proof for those
        // bytes the issuer check would still refuse. Check both layers separately.
        String json = new String(b.envelope(), java.nio.charset.StandardCharsets.UTF_8);
        int sig = json.indexOf("\"sig\":\"") + 7;
        char c = json.charAt(sig);
        String altered = json.substring(0, sig) + (c == 'A' ? 'B' : 'A') + json.substring(sig + 1);
        Bundle bad = new Bundle(altered.getBytes(java.nio.charset.StandardCharsets.UTF_8), b.checkpoint(), 9, 23,
                b.inclusionProof(), Optional.empty());
        assertThatThrownBy(() -> log.verifier(BundleVerifier.Freshness.NONE).verify(bad)).hasMessageContaining("different root");

        BundleFixture other = new BundleFixture(23); // a log where the issuer is someone else
        BundleVerifier trustsOurIssuerOnly = new BundleVerifier(new Dsse(List.of(log.issuer.verifier()), 1),
                VerifierSet.of(other.logKey.verifier()), BundleFixture.ORIGIN, Statement.PAYLOAD_TYPE,
                BundleVerifier.Freshness.NONE, java.time.Clock.systemUTC());
        assertThatThrownBy(() -> trustsOurIssuerOnly.verify(other.bundle(9))).hasMessageContaining("distinct trusted keys");
    }

    @Test
    void theCheckpointMustBeSignedByTheLogAndNameItsOrigin() throws Exception {
        Bundle b = log.bundle(3);
        byte[] cp = b.checkpoint();
        cp[cp.length - 5] ^= 4; // inside the signature's base64
        Bundle bad = new Bundle(b.envelope(), cp, 3, 23, b.inclusionProof(), Optional.empty());
        assertThatThrownBy(() -> log.verifier(BundleVerifier.Freshness.NONE).verify(bad))
                .isInstanceOf(VerificationException.class);

        Ed25519NoteSigner impostor = new Ed25519NoteSigner(BundleFixture.ORIGIN, Ed25519PrivateKey.generate());
        BundleVerifier trustsImpostor = new BundleVerifier(new Dsse(List.of(log.issuer.verifier()), 1),
                VerifierSet.of(impostor.verifier()), BundleFixture.ORIGIN, Statement.PAYLOAD_TYPE,
                BundleVerifier.Freshness.NONE, java.time.Clock.systemUTC());
        assertThatThrownBy(() -> trustsImpostor.verify(b)).isInstanceOf(VerificationException.class);

        BundleVerifier otherOrigin = new BundleVerifier(new Dsse(List.of(log.issuer.verifier()), 1),
                VerifierSet.of(log.logKey.verifier()), "log.example/other", Statement.PAYLOAD_TYPE,
                BundleVerifier.Freshness.NONE, java.time.Clock.systemUTC());
        assertThatThrownBy(() -> otherOrigin.verify(b)).hasMessageContaining("expected 'log.example/other'");
    }

    @Test
    void aFreshValidStatusIsAcceptedAndSaysHowLongItHolds() throws Exception {
        Bundle b = log.bundle(12).withStatus(log.status(12, State.VALID, BundleFixture.NOW.minusSeconds(600)));
        VerifiedBundle v = log.verifier(BundleFixture.hour()).verify(Bundle.parse(b.toJson()));
        assertThat(v.freshUntil()).contains(BundleFixture.NOW.plusSeconds(3000));
        assertThat(v.status().orElseThrow().state()).isEqualTo(State.VALID);
    }

    @Test
    void statusProblemsAreNamed() throws Exception {
        BundleVerifier v = log.verifier(BundleFixture.hour());
        Bundle b = log.bundle(12);
        assertProblem(v, b, Problem.MISSING);
        assertProblem(v, b.withStatus(log.status(12, State.VALID, BundleFixture.NOW.minus(Duration.ofMinutes(62)))), Problem.STALE);
        assertProblem(v, b.withStatus(log.status(12, State.VALID, BundleFixture.NOW.plus(Duration.ofMinutes(2)))), Problem.FUTURE);
        assertProblem(v, b.withStatus(log.status(12, State.SUSPENDED, BundleFixture.NOW)), Problem.SUSPENDED);
        assertProblem(v, b.withStatus(log.status(12, State.REVOKED, BundleFixture.NOW.minus(Duration.ofDays(30)))), Problem.REVOKED);
        assertProblem(v, b.withStatus(log.status(15, State.VALID, BundleFixture.NOW)), Problem.OTHER_ENTRY);
        byte[] behind = StatusStatement.of("licence-12", log.entries.get(12), State.VALID, 13, BundleFixture.NOW, "")
                .sign(List.of(log.issuer));
        assertProblem(v, b.withStatus(behind), Problem.BEHIND_BUNDLE);
        // Within the skew a status just past its max age still holds; beyond it, it does not.
        v.verify(b.withStatus(log.status(12, State.VALID, BundleFixture.NOW.minus(Duration.ofMinutes(60).plusSeconds(59)))));
    }

    @Test
    void aStatusSignedByAnyoneButTheIssuerIsRefused() throws Exception {
        Ed25519DsseSigner stranger = new Ed25519DsseSigner("regulator", Ed25519PrivateKey.generate());
        byte[] forged = StatusStatement.of("licence-12", log.entries.get(12), State.VALID, 23, BundleFixture.NOW, "")
                .sign(List.of(stranger));
        assertThatThrownBy(() -> log.verifier(BundleFixture.hour()).verify(log.bundle(12).withStatus(forged)))
                .hasMessageContaining("not signed by the issuer");
    }

    @Test
    void aStatusPassedBesideTheBundleOverridesTheOneItCarries() throws Exception {
        Bundle stale = log.bundle(12).withStatus(log.status(12, State.VALID, BundleFixture.NOW.minus(Duration.ofDays(1))));
        BundleVerifier v = log.verifier(BundleFixture.hour());
        assertProblem(v, stale, Problem.STALE);
        assertThat(v.verify(stale, Optional.of(log.status(12, State.VALID, BundleFixture.NOW))).status()).isPresent();
    }

    @Test
    void malformedBundlesSayWhatIsWrong() {
        assertThatThrownBy(() -> Bundle.parse("{}".getBytes())).isInstanceOf(FormatException.class)
                .hasMessageContaining("mediaType");
        assertThatThrownBy(() -> Bundle.parse(("{\"mediaType\":\"" + Bundle.MEDIA_TYPE + "\",\"envelope\":\"e30=\","
                + "\"checkpoint\":\"x\",\"leafIndex\":1.5,\"treeSize\":2,\"inclusionProof\":[]}").getBytes()))
                .hasMessageContaining("leafIndex");
        assertThatThrownBy(() -> Bundle.parse(("{\"mediaType\":\"" + Bundle.MEDIA_TYPE + "\",\"mediaType\":\"x\"}").getBytes()))
                .isInstanceOf(FormatException.class);
    }

    private static void assertProblem(BundleVerifier v, Bundle b, Problem p) {
        assertThatThrownBy(() -> v.verify(b)).isInstanceOfSatisfying(StatusException.class,
                e -> assertThat(e.problem()).isEqualTo(p));
    }
}
