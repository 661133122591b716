package org.computegov.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.computegov.server.registry.RegistryHarness.JSON;
import static org.computegov.server.registry.RegistryHarness.assertAccepted;
import static org.computegov.server.registry.RegistryHarness.assertProblem;
import static org.computegov.server.registry.RegistryHarness.bytes;
import static org.computegov.server.registry.RegistryHarness.runDeclaration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.computegov.accounting.AccountingStatements;
import org.computegov.ledger.httpsig.HttpRequestView;
import org.computegov.ledger.httpsig.MessageSigner;
import org.computegov.ledger.httpsig.SignatureHeaders;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.registry.client.RegistryClient.Answer;
import org.computegov.registry.statement.StatementWriter;
import org.computegov.registry.statement.Submission;
import org.computegov.server.registry.RegistryHarness.TestActor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statement kernel as capabilities and actors meet it: a capability that exists only in the test tree plugs in
 * without a kernel edit (its kind checked, applied, read, counted and replayed); a key revoked with a compromise time
 * stops counting from then on, keys it added included, live and on replay; the root key rotates by a statement both
 * keys sign; a signed read cannot be replayed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KernelTest {
    @TempDir
    static Path data;
    static RegistryHarness registry;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryHarness.start(data, new NoticeBoard());
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    static JsonNode replayEqual() throws Exception {
        Answer a = registry.regulator.client().post("/api/v1/registry/replay");
        assertThat(a.status()).as("%s", a.body()).isEqualTo(200);
        assertThat(a.body().get("tables").toString()).as("replay report").contains("\"table\":\"test_notice\"");
        for (JsonNode t : a.body().get("tables")) {
            assertThat(t.get("onlyLive").asLong() + t.get("onlyReplayed").asLong()).as("%s", t).isZero();
        }
        return a.body();
    }

    static Submission notice(TestActor by, String text) {
        ObjectNode p = by.writer().predicate();
        p.putObject("notice").put("text", text);
        return by.writer().publicStatement("test-notice", "notice:" + by.id(), p, null, null);
    }

    @Test
    @Order(1)
    void aCapabilityFromTheTestTreePlugsInWithoutAKernelEdit() throws Exception {
        TestActor dev = registry.register("notice-dev", "US", "developer");
        TestActor provider = registry.register("notice-prov", "US", "compute-provider");
        Answer kinds = registry.publicClient().get("/api/v1/registry/kinds");
        JsonNode notice = StreamSupport.stream(kinds.body().spliterator(), false)
                .filter(k -> k.get("kind").asText().equals("test-notice")).findFirst().orElseThrow();
        assertThat(notice.get("capability").asText()).isEqualTo("test_notices");
        assertThat(notice.get("predicateType").asText()).isEqualTo("https://computegov.org/attestation/registry-test-notice/v1");

        Answer ok = assertAccepted(dev.submit(notice(dev, "pre-training of atlas-2 starts Monday")));
        assertThat(ok.body().get("kind").asText()).isEqualTo("test-notice");
        // The kernel's checks hold for the new kind: role, the kind's own check, nothing logged when refused.
        var before = registry.snapshot();
        assertProblem(provider.submit(notice(provider, "not a developer")), 403, "forbidden");
        assertProblem(dev.submit(notice(dev, "x".repeat(201))), 400, "invalid-statement");
        assertProblem(dev.submit(notice(dev, "")), 400, "invalid-statement");
        registry.assertUnchanged(before, "refused notices");

        Answer read = registry.publicClient().get("/api/v1/test/notices");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).hasSize(1);
        assertThat(read.body().get(0).get("text").asText()).isEqualTo("pre-training of atlas-2 starts Monday");
        assertThat(read.body().get(0).get("logIndex").asLong()).isEqualTo(ok.body().get("logIndex").asLong());
        assertProblem(registry.publicClient().get("/api/v1/test/notices?page=2"), 400, "invalid-input");
        assertThat(registry.stats().get("notices").asLong()).isEqualTo(1);
        replayEqual();

        // The capability's table is compared like any other: altered behind the log's back, replay says so.
        registry.server().registry().store().get(h -> h.execute("UPDATE test_notice SET text = 'edited'"));
        Answer different = registry.regulator.client().post("/api/v1/registry/replay");
        JsonNode row = StreamSupport.stream(different.body().get("tables").spliterator(), false)
                .filter(t -> t.get("table").asText().equals("test_notice")).findFirst().orElseThrow();
        assertThat(row.get("onlyLive").asLong()).isEqualTo(1);
        assertThat(row.get("onlyReplayed").asLong()).isEqualTo(1);
        registry.server().registry().store().get(h -> h.execute(
                "UPDATE test_notice SET text = 'pre-training of atlas-2 starts Monday'"));
    }

    /** A writer for {@code actor} with {@code key} whose statements are dated {@code offset} from now. */
    static StatementWriter at(String actor, SignerKey key, Duration offset) {
        return new StatementWriter(key, actor, Clock.offset(Clock.systemUTC(), offset));
    }

    static Submission addKey(StatementWriter w, String actor, SignerKey key) {
        ObjectNode p = w.predicate().put("actor", actor).put("action", "add").put("key", key.verifierKey().encode());
        return w.publicStatement("key", "key:" + StatementWriter.keyId(key), p, null, null);
    }

    static Submission run(StatementWriter w, String runId) {
        return AccountingStatements.runDeclaration(w, bytes(runDeclaration(runId, 1e24, null)));
    }

    static List<String> runIds(TestActor reader) throws Exception {
        Answer a = reader.get("/api/v1/registry/runs");
        assertThat(a.status()).as("%s", a.body()).isEqualTo(200);
        return StreamSupport.stream(a.body().spliterator(), false).map(r -> r.get("runId").asText()).toList();
    }

    @Test
    @Order(2)
    void whatACompromisedKeySignedAfterTheCompromiseStopsCountingKeysItAddedIncluded() throws Exception {
        SignerKey k1 = SignerKey.generate("lab-c/k1");
        TestActor lab = registry.register("lab-c", k1, "US", "developer");
        SignerKey k2 = SignerKey.generate("lab-c/k2");
        Instant compromisedAt = Instant.now().minus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.SECONDS);
        // Before the compromise: a run signed by k1 (4 minutes ago, within the clock-skew window).
        assertAccepted(lab.submit(run(at("lab-c", k1, Duration.ofMinutes(-4)), "before")));
        // After it: whoever held k1 adds k2 and declares runs with both.
        assertAccepted(lab.submit(addKey(at("lab-c", k1, Duration.ofMinutes(-2)), "lab-c", k2)));
        assertAccepted(lab.submit(run(at("lab-c", k1, Duration.ofMinutes(-1)), "after-k1")));
        assertAccepted(lab.submit(run(at("lab-c", k2, Duration.ZERO), "after-k2")));
        assertThat(runIds(registry.regulator)).contains("before", "after-k1", "after-k2");
        long logBefore = registry.logSize();

        // The regulator revokes k1, stating since when it was compromised.
        ObjectNode p = registry.regulator.writer().predicate().put("actor", "lab-c").put("action", "revoke")
                .put("key", StatementWriter.keyId(k1)).put("compromisedAt", compromisedAt.toString());
        Answer revoked = assertAccepted(registry.regulator.submit(registry.regulator.writer().publicStatement("key",
                "key:" + StatementWriter.keyId(k1), p, null, null)));
        assertThat(revoked.body().get("summary").get("statementsDiscounted").asLong()).isEqualTo(2);
        // The statements stay in the log; their effects are gone, and so is everything k2 (added after) signed.
        assertThat(registry.logSize()).isEqualTo(logBefore + 1);
        assertThat(runIds(registry.regulator)).contains("before").doesNotContain("after-k1", "after-k2");
        JsonNode lab2 = StreamSupport.stream(registry.publicClient().get("/api/v1/registry/actors").body().spliterator(), false)
                .filter(a -> a.get("id").asText().equals("lab-c")).findFirst().orElseThrow();
        assertThat(lab2.get("keys").toString()).contains("lab-c/k1").doesNotContain("lab-c/k2")
                .contains("\"compromisedAt\":\"" + compromisedAt + "\"");
        // k2 has no power now: neither to write nor to read.
        TestActor withK2 = registry.as("lab-c", k2);
        assertProblem(withK2.submit(run(withK2.writer(), "later")), 401, "unknown-key");
        assertProblem(withK2.get("/api/v1/registry/runs"), 401, "unknown-key");
        replayEqual();
        // A restart (catch-up from the cursor, a fresh kernel) keeps it so.
        registry.restart();
        assertThat(runIds(registry.regulator)).contains("before").doesNotContain("after-k1", "after-k2");
        replayEqual();
    }

    @Test
    @Order(3)
    void theRootKeyRotatesByAStatementBothKeysSign() throws Exception {
        TestActor oldRoot = registry.regulator;
        SignerKey newKey = SignerKey.generate("regulator/root-2");
        ObjectNode p = oldRoot.writer().predicate().put("key", newKey.verifierKey().encode());
        // Signed by the old key alone: the new key's holder has not agreed.
        var before = registry.snapshot();
        assertProblem(oldRoot.submit(oldRoot.writer().publicStatementCosigned("root-key", "root:regulator", p, List.of())),
                400, "invalid-statement");
        // Signed by the new key alone: it is not the root (yet).
        TestActor newAlone = registry.as("regulator", newKey);
        assertProblem(newAlone.submit(newAlone.writer().publicStatementCosigned("root-key", "root:regulator",
                newAlone.writer().predicate().put("key", newKey.verifierKey().encode()), List.of())), 401, "unknown-key");
        // The root key is rotated, never revoked with a key statement.
        ObjectNode revoke = oldRoot.writer().predicate().put("actor", "regulator").put("action", "revoke")
                .put("key", oldRoot.keyId());
        JsonNode refused = assertProblem(oldRoot.submit(oldRoot.writer().publicStatement("key", "key:" + oldRoot.keyId(),
                revoke, null, null)), 400, "invalid-statement");
        assertThat(refused.get("detail").asText()).contains("rotated, not revoked");
        registry.assertUnchanged(before, "refused rotations");

        Answer rotated = assertAccepted(oldRoot.submit(oldRoot.writer().publicStatementCosigned("root-key", "root:regulator",
                oldRoot.writer().predicate().put("key", newKey.verifierKey().encode()), List.of(newKey))));
        assertThat(rotated.body().get("summary").get("root").asText()).isEqualTo(StatementWriter.keyId(newKey));
        // The old root key has no power now; the new one has.
        assertProblem(oldRoot.submit(RegistryHarness.actorStatement(oldRoot, "after-rotation-1", "US", List.of("developer"),
                SignerKey.generate("after-rotation-1/main"))), 401, "unknown-key");
        TestActor newRoot = registry.as("regulator", newKey);
        assertAccepted(newRoot.submit(RegistryHarness.actorStatement(newRoot, "after-rotation-2", "US", List.of("developer"),
                SignerKey.generate("after-rotation-2/main"))));
        assertThat(newRoot.get("/api/v1/registry/owners").status()).isEqualTo(200);
        assertProblem(oldRoot.get("/api/v1/registry/owners"), 401, "unknown-key");
        registry.regulator = newRoot;
        replayEqual();
        registry.restart();
        assertAccepted(registry.regulator.submit(RegistryHarness.actorStatement(registry.regulator, "after-restart", "US",
                List.of("developer"), SignerKey.generate("after-restart/main"))));
    }

    @Test
    @Order(4)
    void aSignedReadCannotBeReplayedAndMustBeShortLived() throws Exception {
        TestActor reg = registry.regulator;
        String path = "/api/v1/registry/owners";
        SignatureHeaders once = MessageSigner.builder(reg.key().privateKey(), reg.keyId()).expiresAfter(Duration.ofSeconds(60))
                .nonces(() -> java.util.UUID.randomUUID().toString()).build()
                .sign(HttpRequestView.of("GET", registry.base().resolve(path).toString(), Map.of()));
        assertThat(send(once, path).statusCode()).isEqualTo(200);
        HttpResponse<String> again = send(once, path);
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(again.body()).get("type").asText()).endsWith("signature-replayed");
        // Without a nonce, or valid for longer than two minutes: refused before anything is read.
        SignatureHeaders noNonce = MessageSigner.builder(reg.key().privateKey(), reg.keyId())
                .expiresAfter(Duration.ofSeconds(60)).build()
                .sign(HttpRequestView.of("GET", registry.base().resolve(path).toString(), Map.of()));
        assertThat(send(noNonce, path).statusCode()).isEqualTo(401);
        SignatureHeaders longLived = MessageSigner.builder(reg.key().privateKey(), reg.keyId())
                .expiresAfter(Duration.ofHours(1)).nonces(() -> java.util.UUID.randomUUID().toString()).build()
                .sign(HttpRequestView.of("GET", registry.base().resolve(path).toString(), Map.of()));
        assertThat(send(longLived, path).statusCode()).isEqualTo(401);
        // The client signs every request afresh.
        assertThat(reg.get(path).status()).isEqualTo(200);
        assertThat(reg.get(path).status()).isEqualTo(200);
    }

    static HttpResponse<String> send(SignatureHeaders h, String path) throws Exception {
        return registry.send(HttpRequest.newBuilder().GET().header(SignatureHeaders.SIGNATURE_INPUT, h.signatureInput())
                .header(SignatureHeaders.SIGNATURE, h.signature()), path);
    }
}
