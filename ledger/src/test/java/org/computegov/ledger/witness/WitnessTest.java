package org.computegov.ledger.witness;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.checkpoint.SignedCheckpoint;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.computegov.ledger.merkle.Rfc6962;
import org.computegov.ledger.note.Ed25519NoteSigner;
import org.computegov.ledger.note.Notes;
import org.computegov.ledger.note.VerifierSet;
import org.junit.jupiter.api.Test;

/** tlog-witness add-checkpoint behaviour, status by status (see vectors/witness/README.md). */
class WitnessTest {
    private final TestLog log = new TestLog("example.com/log");
    private final CosignatureSigner w1 = new CosignatureSigner("witness.example/w1", Ed25519PrivateKey.generate(),
            java.time.Clock.systemUTC());
    private final InMemoryWitnessStore store = new InMemoryWitnessStore();
    private final Witness witness = new Witness(List.of(w1), Map.of(log.origin, log.verifiers()), store);

    @Test
    void cosignsFirstCheckpointFromOldSizeZeroThenExtensions() throws Exception {
        log.grow(10);
        AddCheckpointResult r = witness.addCheckpoint(0, List.of(), log.signed(10));
        assertThat(r).isInstanceOf(AddCheckpointResult.Cosigned.class);
        assertThat(r.status()).isEqualTo(200);
        String lines = new String(r.body(), UTF_8);
        assertThat(lines).startsWith("\u2014 witness.example/w1 ").endsWith("\n");

        // The client can append the lines to its checkpoint and verify them with the witness key.
        byte[] cosigned = (new String(log.signed(10), UTF_8) + lines).getBytes(UTF_8);
        Notes.open(cosigned, VerifierSet.of(w1.verifier()));

        log.grow(7);
        AddCheckpointResult next = witness.addCheckpoint(10, log.proof(10, 17), log.signed(17));
        assertThat(next.status()).isEqualTo(200);
        assertThat(store.latest(log.origin).orElseThrow().size()).isEqualTo(17);
        assertThat(witness.latestCheckpoint(log.origin)).isPresent();
    }

    @Test
    void cosignatureCoversExtensionLinesAndOriginHashIsHexSha256() throws Exception {
        log.grow(2);
        Checkpoint withExt = new Checkpoint(log.origin, 2, log.root(2), List.of("ext"));
        byte[] signed = SignedCheckpoint.sign(withExt, log.key);
        AddCheckpointResult r = witness.addCheckpoint(0, List.of(), signed);
        assertThat(r.status()).isEqualTo(200);
        String cosigned = new String(signed, UTF_8) + new String(r.body(), UTF_8);
        Notes.open(cosigned.getBytes(UTF_8), VerifierSet.of(w1.verifier()));
        String altered = cosigned.replace("\next\n", "\nexu\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> Notes.open(altered.getBytes(UTF_8), VerifierSet.of(w1.verifier())))
                .hasMessageContaining("invalid signature");
        assertThat(Witness.originHash("example.com/log")).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void sameSizeSameRootIsCosignedAgain() throws Exception {
        log.grow(3);
        witness.addCheckpoint(0, List.of(), log.signed(3));
        assertThat(witness.addCheckpoint(3, List.of(), log.signed(3)).status()).isEqualTo(200);
    }

    @Test
    void unknownOriginIs404() throws Exception {
        TestLog other = new TestLog("example.com/other");
        other.grow(1);
        assertThat(witness.addCheckpoint(0, List.of(), other.signed(1)).status()).isEqualTo(404);
    }

    @Test
    void missingOrBadLogSignatureIs403() throws Exception {
        log.grow(2);
        Ed25519NoteSigner impostor = new Ed25519NoteSigner("example.com/log", Ed25519PrivateKey.generate());
        assertThat(witness.addCheckpoint(0, List.of(), SignedCheckpoint.sign(log.checkpoint(2), impostor)).status())
                .isEqualTo(403);
        String forged = new String(log.signed(2), UTF_8).replace("\n2\n", "\n1\n");
        AddCheckpointResult r = witness.addCheckpoint(0, List.of(), forged.getBytes(UTF_8));
        assertThat(r.status()).isEqualTo(403);
        assertThat(new String(r.body(), UTF_8)).contains("invalid signature");
        assertThat(store.latest(log.origin)).isEmpty();
    }

    @Test
    void oldSizeAboveCheckpointSizeIs400AndSoIsGarbage() throws Exception {
        log.grow(5);
        assertThat(witness.addCheckpoint(6, List.of(), log.signed(5)).status()).isEqualTo(400);
        assertThat(witness.addCheckpoint("old 1\n".getBytes(UTF_8)).status()).isEqualTo(400);
        assertThat(witness.addCheckpoint(0, List.of(), "not a note".getBytes(UTF_8)).status()).isEqualTo(400);
    }

    @Test
    void staleOldSizeIs409WithTheLatestSize() throws Exception {
        log.grow(8);
        witness.addCheckpoint(0, List.of(), log.signed(4));
        AddCheckpointResult r = witness.addCheckpoint(0, List.of(), log.signed(8));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.contentType()).isEqualTo("text/x.tlog.size");
        assertThat(new String(r.body(), UTF_8)).isEqualTo("4\n");
        assertThat(witness.addCheckpoint(5, log.proof(5, 8), log.signed(8)).status()).isEqualTo(409);
    }

    @Test
    void badProofOrForkIs422() throws Exception {
        log.grow(9);
        witness.addCheckpoint(0, List.of(), log.signed(4));
        List<byte[]> proof = new ArrayList<>(log.proof(4, 9));
        byte[] h = proof.get(0).clone();
        h[0] ^= 1;
        proof.set(0, h);
        assertThat(witness.addCheckpoint(4, proof, log.signed(9)).status()).isEqualTo(422);
        assertThat(witness.addCheckpoint(4, log.proof(4, 9).subList(1, 2), log.signed(9)).status()).isEqualTo(422);

        // A fork: same size 4, different root, validly signed by the log.
        Checkpoint fork = new Checkpoint(log.origin, 4, Rfc6962.leafHash(new byte[] {1}));
        assertThat(witness.addCheckpoint(4, List.of(), SignedCheckpoint.sign(fork, log.key)).status()).isEqualTo(422);
        assertThat(store.latest(log.origin).orElseThrow().size()).isEqualTo(4);
        assertThat(witness.addCheckpoint(4, log.proof(4, 9), log.signed(9)).status()).isEqualTo(200);
    }

    @Test
    void proofFromEmptyTreeMustBeEmptyAndEmptyTreeNeedsEmptyRoot() throws Exception {
        log.grow(4);
        assertThat(witness.addCheckpoint(0, List.of(new byte[32]), log.signed(4)).status()).isEqualTo(422);
        Checkpoint badEmpty = new Checkpoint(log.origin, 0, new byte[32]);
        assertThat(witness.addCheckpoint(0, List.of(), SignedCheckpoint.sign(badEmpty, log.key)).status()).isEqualTo(422);
        assertThat(witness.addCheckpoint(0, List.of(), log.signed(0)).status()).isEqualTo(200);
    }

    @Test
    void concurrentRequestsFromTheSameOldSizeCannotBothWin() throws Exception {
        log.grow(40);
        witness.addCheckpoint(0, List.of(), log.signed(10));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<AddCheckpointResult>> results = new ArrayList<>();
            for (int size = 11; size <= 40; size++) {
                long s = size;
                byte[] cp = log.signed(s);
                List<byte[]> proof = log.proof(10, s);
                Callable<AddCheckpointResult> call = () -> {
                    start.await();
                    return witness.addCheckpoint(10, proof, cp);
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            int ok = 0;
            for (Future<AddCheckpointResult> f : results) {
                int status = f.get().status();
                assertThat(status).isIn(200, 409);
                ok += status == 200 ? 1 : 0;
            }
            assertThat(ok).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parsesAndReencodesTheSpecExampleRequest() throws Exception {
        String body = "old 20852014\n"
                + "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n"
                + "jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=\n"
                + "5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=\n"
                + "/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=\n"
                + "\n"
                + "example.com/behind-the-sofa\n"
                + "20852163\n"
                + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
                + "\n"
                + "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
                + "\u2014 example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=\n";
        AddCheckpointRequest req = AddCheckpointRequest.parse(body.getBytes(UTF_8));
        assertThat(req.oldSize()).isEqualTo(20852014L);
        assertThat(req.consistencyProof()).hasSize(4);
        assertThat(req.consistencyProof().get(0)).isEqualTo(Base64.getDecoder().decode("PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw="));
        assertThat(Checkpoint.parse(org.computegov.ledger.note.Note.parse(req.checkpoint()).text()).size()).isEqualTo(20852163L);
        assertThat(new String(req.encode(), UTF_8)).isEqualTo(body);
    }

    @Test
    void rejectsMalformedRequestBodies() {
        String cp = "example.com/log\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n\u2014 a AAAAAAA=\n";
        for (String bad : List.of("", "old 1\n", "old 01\n\n" + cp, "old -1\n\n" + cp, "new 1\n\n" + cp,
                "old 1\nAAAA\n\n" + cp, "old 1\n" + "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n".repeat(64) + "\n" + cp,
                "old 1\n\n", "old 1 \n\n" + cp)) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> AddCheckpointRequest.parse(bad.getBytes(UTF_8))))
                    .as(bad).isInstanceOf(org.computegov.ledger.FormatException.class);
        }
    }
}
