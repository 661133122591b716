package org.computegov.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.checkpoint.SignedCheckpoint;
import org.computegov.ledger.merkle.ProofBuilder;
import org.computegov.ledger.merkle.ProofVerifier;
import org.computegov.ledger.merkle.Rfc6962;
import org.computegov.ledger.note.Ed25519NoteVerifier;
import org.computegov.ledger.note.VerifierSet;
import org.computegov.ledger.keys.VerifierKey;
import org.computegov.ledger.tiles.EntryBundle;
import org.computegov.ledger.tiles.TileHashReader;
import org.computegov.ledger.tiles.TilePath;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The transparency log over HTTP against a real server and PostgreSQL: append, receipts, tiles, proofs, rejections. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogApiTest {
    @TempDir static Path data;
    @TempDir static Path keys;
    static RunningServer server;
    static final LogClient SUBMITTER = new LogClient();
    static final LogClient STRANGER = new LogClient();
    static VerifierSet logKey;

    @BeforeAll
    static void start() throws Exception {
        server = new RunningServer(data, new LogOptions("test.computegov/log", List.of(SUBMITTER.writePublicKey(keys)), List.of(), 0));
        VerifierKey vkey = VerifierKey.parse(server.server.logVerifierKey());
        logKey = VerifierSet.of(new Ed25519NoteVerifier(vkey.name(), vkey.ed25519Key()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static SignedCheckpoint checkpoint() throws Exception {
        return SignedCheckpoint.open(server.getBytes("/log/checkpoint"), logKey);
    }

    private static byte[] b64(JsonNode n) {
        return Base64.getDecoder().decode(n.asText());
    }

    /** Checks a receipt the way an offline verifier would: leaf hash, log signature, inclusion proof. */
    static long verifyReceipt(JsonNode receipt, byte[] entry) throws Exception {
        byte[] leaf = Rfc6962.leafHash(entry);
        assertThat(b64(receipt.get("leafHash"))).isEqualTo(leaf);
        SignedCheckpoint cp = SignedCheckpoint.open(receipt.get("checkpoint").asText().getBytes(StandardCharsets.UTF_8), logKey);
        List<byte[]> proof = new ArrayList<>();
        receipt.get("inclusionProof").forEach(h -> proof.add(b64(h)));
        ProofVerifier.verifyInclusion(receipt.get("index").asLong(), cp.checkpoint().size(), leaf, proof, cp.checkpoint().rootHash());
        return receipt.get("index").asLong();
    }

    @Test
    @Order(1)
    void emptyLogHasASignedCheckpointOfSizeZero() throws Exception {
        Checkpoint cp = checkpoint().checkpoint();
        assertThat(cp.origin()).isEqualTo("test.computegov/log");
        assertThat(cp.size()).isZero();
        assertThat(cp.rootHash()).isEqualTo(Rfc6962.emptyRoot());
    }

    @Test
    @Order(2)
    void appendReturnsAReceiptThatVerifiesOffline() throws Exception {
        byte[] entry = SUBMITTER.envelope(LogClient.statement(0));
        RunningServer.Answer a = server.post("/api/v1/log/entries", entry, "application/json");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        assertThat(verifyReceipt(a.json(), entry)).isZero();
        RunningServer.Answer again = server.post("/api/v1/log/entries", entry, "application/json");
        assertThat(again.status()).as("resubmitting is idempotent").isEqualTo(200);
        assertThat(again.json().get("index").asLong()).isZero();
        assertThat(server.getBytes("/api/v1/log/entries/0")).isEqualTo(entry);
    }

    @Test
    @Order(3)
    void batchesCrossTileBoundariesAndTilesRecomputeTheRoot() throws Exception {
        StringBuilder ndjson = new StringBuilder();
        List<byte[]> entries = new ArrayList<>();
        for (int i = 1; i <= 600; i++) {
            byte[] e = SUBMITTER.envelope(LogClient.statement(i));
            entries.add(e);
            ndjson.append(new String(e, StandardCharsets.UTF_8)).append('\n');
        }
        RunningServer.Answer a = server.post("/api/v1/log/entries/batch", ndjson.toString().getBytes(StandardCharsets.UTF_8),
                "application/x-ndjson");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        JsonNode receipts = a.json().get("receipts");
        assertThat(receipts).hasSize(600);
        for (int i = 0; i < 600; i += 37) {
            assertThat(verifyReceipt(receipts.get(i), entries.get(i))).isEqualTo(i + 1);
        }

        Checkpoint cp = checkpoint().checkpoint();
        assertThat(cp.size()).isEqualTo(601);
        // An auditor's view: level-0 tiles and entry bundles over HTTP, root recomputed from them.
        TileHashReader reader = new TileHashReader(cp.size(), tile -> {
            try {
                return server.getBytes("/log/" + tile.path());
            } catch (Exception e) {
                throw new IOException(e);
            }
        });
        assertThat(new ProofBuilder(reader).root(cp.size())).isEqualTo(cp.rootHash());
        byte[] bundle = server.getBytes("/log/tile/entries/002.p/89");
        List<byte[]> bundled = EntryBundle.decode(bundle);
        assertThat(bundled).hasSize(89);
        byte[] level0 = server.getBytes("/log/tile/0/002.p/89");
        for (int i = 0; i < 89; i++) {
            byte[] expected = java.util.Arrays.copyOfRange(level0, i * 32, i * 32 + 32);
            assertThat(Rfc6962.leafHash(bundled.get(i))).isEqualTo(expected);
        }
        assertThat(server.get("/log/tile/0/002.p/90").status()).isEqualTo(404);
        assertThat(server.get("/log/tile/0/003").status()).isEqualTo(404);
        assertThat(server.get("/log/tile/0/x000/002").status()).as("non-canonical path").isEqualTo(404);
        assertThat(server.getBytes("/log/tile/0/000")).hasSize(256 * 32);
        assertThat(server.getBytes("/log/tile/1/000.p/2")).hasSize(2 * 32);
    }

    @Test
    @Order(4)
    void proofsVerify() throws Exception {
        Checkpoint cp = checkpoint().checkpoint();
        JsonNode inclusion = server.get("/api/v1/log/proof/inclusion?index=300&size=" + cp.size()).json();
        List<byte[]> proof = new ArrayList<>();
        inclusion.get("proof").forEach(h -> proof.add(b64(h)));
        byte[] entry = server.getBytes("/api/v1/log/entries/300");
        ProofVerifier.verifyInclusion(300, cp.size(), Rfc6962.leafHash(entry), proof, cp.rootHash());

        JsonNode receipt300 = server.get("/api/v1/log/receipt?index=300").json();
        assertThat(verifyReceipt(receipt300, entry)).isEqualTo(300);

        // Consistency from the size after the first append (1) to now.
        byte[] firstRoot = Rfc6962.leafHash(server.getBytes("/api/v1/log/entries/0"));
        JsonNode consistency = server.get("/api/v1/log/proof/consistency?from=1&to=" + cp.size()).json();
        List<byte[]> cproof = new ArrayList<>();
        consistency.get("proof").forEach(h -> cproof.add(b64(h)));
        ProofVerifier.verifyConsistency(1, cp.size(), firstRoot, cp.rootHash(), cproof);
    }

    @Test
    @Order(5)
    void rejectedSubmissionsAppendNothing() throws Exception {
        long before = checkpoint().checkpoint().size();
        byte[] good = SUBMITTER.envelope(LogClient.statement(10_000));
        String tampered = new String(good, StandardCharsets.UTF_8).replaceFirst("\"sig\":\"[A-Za-z0-9+/]", "\"sig\":\"A");
        record Bad(String what, byte[] body, int status, String type) {}
        List<Bad> bad = List.of(
                new Bad("not JSON", "hello".getBytes(StandardCharsets.UTF_8), 400, "invalid-envelope"),
                new Bad("bad base64", "{\"payload\":\"%%%\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AA==\"}]}".getBytes(StandardCharsets.UTF_8), 400, "invalid-envelope"),
                new Bad("no signatures", "{\"payload\":\"e30=\",\"payloadType\":\"t\",\"signatures\":[]}".getBytes(StandardCharsets.UTF_8), 401, "signature-not-verified"),
                new Bad("wrong signature", tampered.getBytes(StandardCharsets.UTF_8), 401, "signature-not-verified"),
                new Bad("untrusted key", STRANGER.envelope(LogClient.statement(1)), 401, "signature-not-verified"),
                new Bad("oversized", new byte[70_000], 413, "content-too-large"));
        for (Bad b : bad) {
            RunningServer.Answer a;
            try {
                a = server.post("/api/v1/log/entries", b.body(), "application/json");
            } catch (java.io.IOException closed) {
                // The gate answers 413 on the declared length and closes the connection; a client still writing the
                // body may see the close before the answer (HttpAttackTest reads the 413 itself). Nothing appended.
                assertThat(b.status()).as(b.what() + ": " + closed).isEqualTo(413);
                continue;
            }
            assertThat(a.status()).as(b.what() + ": " + a.body()).isEqualTo(b.status());
            assertThat(a.contentType()).startsWith("application/problem+json");
            assertThat(a.json().get("type").asText()).as(b.what()).endsWith("/" + b.type());
        }
        String mixed = new String(good, StandardCharsets.UTF_8) + "\n" + new String(STRANGER.envelope("x"), StandardCharsets.UTF_8) + "\n";
        RunningServer.Answer batch = server.post("/api/v1/log/entries/batch", mixed.getBytes(StandardCharsets.UTF_8), "application/x-ndjson");
        assertThat(batch.status()).isEqualTo(401);
        assertThat(batch.json().get("detail").asText()).contains("envelope 2 of 2").contains("Nothing was appended");
        assertThat(checkpoint().checkpoint().size()).as("no rejected statement was appended").isEqualTo(before);
        assertThat(server.get("/api/v1/log/receipt?index=" + before).status()).isEqualTo(400);
        assertThat(server.get("/api/v1/log/proof/inclusion?index=1&size=abc").status()).isEqualTo(400);
    }
}
