package org.computegov.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.ledger.keys.VerifierKey;
import org.computegov.ledger.note.Ed25519NoteVerifier;
import org.computegov.ledger.note.VerifierSet;
import org.computegov.ledger.witness.AddCheckpointResult;
import org.computegov.ledger.witness.CosignaturePolicy;
import org.computegov.ledger.witness.CosignatureSigner;
import org.computegov.ledger.witness.InMemoryWitnessStore;
import org.computegov.ledger.witness.Witness;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a witness quorum, /log/checkpoint serves only checkpoints that witnesses cosigned after checking consistency. */
class WitnessQuorumTest {
    /** A C2SP tlog-witness over HTTP for one log, on the ledger's witness logic. */
    private static Javalin witness(SignerKey witnessKey, String logOrigin, VerifierSet logKey) {
        Witness w = new Witness(List.of(CosignatureSigner.of(witnessKey)), Map.of(logOrigin, logKey), new InMemoryWitnessStore());
        return Javalin.create(config -> config.routes.post("/add-checkpoint", ctx -> {
            AddCheckpointResult r = w.addCheckpoint(ctx.bodyAsBytes());
            ctx.status(r.status()).contentType(r.contentType()).result(r.body());
        })).start(0);
    }

    @Test
    void checkpointsArePublishedOnlyWithTheQuorumOfCosignatures(@TempDir Path data, @TempDir Path keys) throws Exception {
        // The log's key must exist before the witness can be told about it: start once to create it.
        String vkey;
        try (RunningServer first = new RunningServer(data)) {
            vkey = first.server.logVerifierKey();
        }
        VerifierKey logVkey = VerifierKey.parse(vkey);
        VerifierSet logKey = VerifierSet.of(new Ed25519NoteVerifier(logVkey.name(), logVkey.ed25519Key()));
        SignerKey witnessKey = SignerKey.generate("witness.example/w1");
        CosignatureSigner cosigner = CosignatureSigner.of(witnessKey);
        Javalin witness = witness(witnessKey, logVkey.name(), logKey);
        LogClient submitter = new LogClient();
        String witnessSpec = cosigner.verifier().verifierKey().encode() + "@http://localhost:" + witness.port() + "/";
        try (RunningServer server = new RunningServer(data, new LogOptions(null, List.of(submitter.writePublicKey(keys)),
                List.of(witnessSpec), 1))) {
            for (int i = 0; i < 3; i++) {
                assertThat(server.post("/api/v1/log/entries", submitter.envelope(LogClient.statement(i)), "application/json")
                        .status()).isEqualTo(201);
            }
            CosignaturePolicy policy = new CosignaturePolicy(logKey, List.of(cosigner.verifier()), 1);
            Instant deadline = Instant.now().plusSeconds(20);
            Checkpoint published = null;
            while (Instant.now().isBefore(deadline)) {
                RunningServer.Answer a = server.get("/log/checkpoint");
                if (a.status() == 200) {
                    published = policy.verify(server.getBytes("/log/checkpoint")).checkpoint().checkpoint();
                    if (published.size() == 3) {
                        break;
                    }
                }
                Thread.sleep(100);
            }
            assertThat(published).isNotNull();
            assertThat(published.size()).isEqualTo(3);
            // A receipt fetched now is against the witnessed checkpoint, so it verifies under the quorum offline.
            com.fasterxml.jackson.databind.JsonNode receipt = server.get("/api/v1/log/receipt?index=1").json();
            assertThat(policy.verify(receipt.get("checkpoint").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .checkpoint().checkpoint().size()).isEqualTo(3);
            // Without the witness's key the policy fails: the cosignature is what was required.
            CosignaturePolicy otherWitness = new CosignaturePolicy(logKey,
                    List.of(CosignatureSigner.of(SignerKey.generate("witness.example/w2")).verifier()), 1);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> otherWitness.verify(server.getBytes("/log/checkpoint")))
                    .hasMessageContaining("need 1");
        } finally {
            witness.stop();
        }
    }
}
