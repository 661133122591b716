package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.computegov.cli.witness.WitnessServer;
import org.computegov.ledger.checkpoint.SignedCheckpoint;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.ledger.keys.VerifierKey;
import org.computegov.ledger.note.Ed25519NoteSigner;
import org.computegov.ledger.note.Note;
import org.computegov.ledger.note.NoteSignature;
import org.computegov.ledger.note.Notes;
import org.computegov.ledger.note.VerifiedNote;
import org.computegov.ledger.note.VerifierSet;
import org.computegov.ledger.witness.AddCheckpointRequest;
import org.computegov.ledger.witness.CosignatureSigner;
import org.computegov.ledger.witness.FileWitnessStore;
import org.computegov.ledger.witness.Witness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The witness over HTTP: real signed checkpoints and consistency proofs, every status code of tlog-witness. */
class WitnessServerTest {
    @TempDir Path state;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final SignerKey witnessKey = SignerKey.generate("witness.example/w1");
    private final TestLog log = new TestLog("computegov.example/log").appendN(100);
    private WitnessServer server;

    @BeforeEach
    void start() throws Exception {
        server = startWitness();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private WitnessServer startWitness() throws Exception {
        CosignatureSigner cosigner = CosignatureSigner.of(witnessKey);
        Witness witness = new Witness(List.of(cosigner), Map.of(log.origin, VerifierSet.of(Ed25519NoteSigner.of(log.key)
                .verifier())), new FileWitnessStore(state));
        return WitnessServer.start("127.0.0.1", 0, witness, List.of(cosigner.verifier().verifierKey()),
                Map.of(log.origin, List.of(log.key.verifierKey())));
    }

    private HttpResponse<String> add(long oldSize, List<byte[]> proof, byte[] checkpoint) throws Exception {
        return post(new AddCheckpointRequest(oldSize, proof, checkpoint).encode());
    }

    private HttpResponse<String> post(byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/add-checkpoint"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private VerifiedNote cosigned(byte[] checkpoint, HttpResponse<String> r) throws Exception {
        byte[] withCosignature = (new String(checkpoint, StandardCharsets.UTF_8) + r.body()).getBytes(StandardCharsets.UTF_8);
        return Notes.open(withCosignature, VerifierSet.of(CosignatureSigner.of(witnessKey).verifier()));
    }

    @Test
    void cosignsAConsistentHistoryAndRefusesEverythingElseWithTheSpecStatus() throws Exception {
        // 200: first checkpoint, from the empty tree.
        HttpResponse<String> first = add(0, List.of(), log.checkpoint(10));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(first.body()).startsWith("\u2014 witness.example/w1 ").endsWith("\n");
        VerifiedNote note = cosigned(log.checkpoint(10), first);
        assertThat(note.verified()).hasSize(1);

        // 200: a consistent extension with its proof.
        HttpResponse<String> second = add(10, log.consistencyProof(10, 60), log.checkpoint(60));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        cosigned(log.checkpoint(60), second);

        // 409: a stale old size; the body is the latest size, as text/x.tlog.size.
        HttpResponse<String> stale = add(10, log.consistencyProof(10, 70), log.checkpoint(70));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.headers().firstValue("Content-Type")).hasValue("text/x.tlog.size");
        assertThat(stale.body()).isEqualTo("60\n");
        assertThat(add(0, List.of(), log.checkpoint(70)).body()).isEqualTo("60\n");

        // 400: old size greater than the checkpoint's size; and a malformed body.
        HttpResponse<String> backwards = add(80, List.of(), log.checkpoint(70));
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("old size 80 is greater than checkpoint size 70");
        assertThat(post("hello".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);

        // 403: signed by a key the witness does not trust for this origin.
        TestLog impostor = new TestLog(log.origin, SignerKey.generate("log-key")).appendN(100);
        HttpResponse<String> forged = add(60, impostor.consistencyProof(60, 90), impostor.checkpoint(90));
        assertThat(forged.statusCode()).isEqualTo(403);

        // 404: an origin the witness does not know.
        TestLog stranger = new TestLog("elsewhere.example/log", log.key).appendN(5);
        assertThat(add(0, List.of(), stranger.checkpoint(5)).statusCode()).isEqualTo(404);

        // 422: a proof that does not verify.
        List<byte[]> bad = new ArrayList<>(log.consistencyProof(60, 90));
        bad.set(0, new byte[32]);
        HttpResponse<String> badProof = add(60, bad, log.checkpoint(90));
        assertThat(badProof.statusCode()).isEqualTo(422);
        assertThat(badProof.body()).contains("consistency proof");

        // 422: a fork at the same size (another root for size 60).
        TestLog fork = log.copyWith(60, Map.of(7L, "forged".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> split = add(60, List.of(), fork.checkpoint(60));
        assertThat(split.statusCode()).isEqualTo(422);
        assertThat(split.body()).contains("different roots");

        // 422: a fork that grew, with a proof from its own history.
        TestLog grownFork = log.copyWith(60, Map.of(7L, "forged".getBytes(StandardCharsets.UTF_8))).appendN(30);
        assertThat(add(60, grownFork.consistencyProof(60, 90), grownFork.checkpoint(90)).statusCode()).isEqualTo(422);

        // Nothing of the refused requests moved the witness: the honest extension still works.
        HttpResponse<String> third = add(60, log.consistencyProof(60, 100), log.checkpoint(100));
        assertThat(third.statusCode()).as(third.body()).isEqualTo(200);
    }

    @Test
    void theStateSurvivesARestart() throws Exception {
        assertThat(add(0, List.of(), log.checkpoint(40)).statusCode()).isEqualTo(200);
        server.close();
        server = startWitness();
        HttpResponse<String> r = add(0, List.of(), log.checkpoint(50));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).isEqualTo("40\n");
        assertThat(add(40, log.consistencyProof(40, 50), log.checkpoint(50)).statusCode()).isEqualTo(200);
        try (var files = Files.list(state)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).toList()).hasSize(1);
        }
    }

    @Test
    void aCheckpointCarryingOtherSignaturesIsCosignedForTheLogSignature() throws Exception {
        SignerKey other = SignerKey.generate("somebody-else");
        byte[] cp = log.checkpoint(10);
        Note note = Note.parse(cp);
        NoteSignature extra = Notes.signatures(note.text(), List.of(Ed25519NoteSigner.of(other))).get(0);
        byte[] withExtra = note.withSignatures(List.of(extra)).encode();
        HttpResponse<String> r = add(0, List.of(), withExtra);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        cosigned(SignedCheckpoint.sign(log.checkpointBody(10), Ed25519NoteSigner.of(log.key)), r);
    }

    @Test
    void rootSaysWhoTheWitnessIs() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        VerifierKey wv = CosignatureSigner.of(witnessKey).verifier().verifierKey();
        assertThat(r.body()).contains("POST /add-checkpoint", "witness " + wv.encode(),
                "log computegov.example/log " + log.key.verifierKey().encode());
    }

    @Test
    void serveRejectsBadInputBeforeListening() throws Exception {
        Path key = state.resolve("w.key");
        assertThat(CliRun.of("keys", "generate", "--name", "w", "--out", key.toString()).exit()).isZero();
        String vkey = log.key.verifierKey().encode();
        assertThat(bad("witness", "serve", "--skey", key.toString(), "--state-dir", state.toString()))
                .contains("Missing required option: '--log=ORIGIN=VKEY'");
        assertThat(bad("witness", "serve", "--skey", key.toString(), "--state-dir", state.toString(), "--log", vkey))
                .contains("is not ORIGIN=VKEY");
        assertThat(bad("witness", "serve", "--skey", key.toString(), "--state-dir", state.toString(), "--log",
                "computegov.example/log=nope")).contains("--log 'nope' is neither a verifier key nor a file");
        Path file = Files.writeString(state.resolve("not-a-dir"), "x");
        assertThat(bad("witness", "serve", "--skey", key.toString(), "--state-dir", file.toString(), "--log",
                log.origin + "=" + vkey)).contains("Cannot use " + file + " as the witness's state directory");
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThat(bad("witness", "serve", "--skey", key.toString(), "--state-dir", state.resolve("s").toString(),
                    "--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort()), "--log",
                    log.origin + "=" + vkey)).contains("Cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
        assertThat(CliRun.of("witness", "serve", "--help").out()).contains("--log=ORIGIN=VKEY", "--state-dir", "Ctrl-C");
    }

    private static String bad(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        return run.err();
    }
}
