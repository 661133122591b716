package org.computegov.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.computegov.server.registry.RegistryHarness.JSON;
import static org.computegov.server.registry.RegistryHarness.assertAccepted;
import static org.computegov.server.registry.RegistryHarness.assertProblem;
import static org.computegov.server.registry.RegistryHarness.customer;
import static org.computegov.server.registry.RegistryHarness.customerRecord;
import static org.computegov.server.registry.RegistryHarness.owner;
import static org.computegov.server.registry.RegistryHarness.predicate;
import static org.computegov.server.registry.RegistryHarness.run;
import static org.computegov.server.registry.RegistryHarness.runDeclaration;
import static org.computegov.server.registry.RegistryHarness.usage;
import static org.computegov.server.registry.RegistryHarness.usageRecord;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.computegov.deployment.authorization.Authorization;
import org.computegov.deployment.authorization.RegistryBundles;
import org.computegov.deployment.authorization.ServingCheck;
import org.computegov.deployment.oms.Manifest;
import org.computegov.deployment.oms.ModelHasher;
import org.computegov.deployment.oms.Progress;
import org.computegov.deployment.oms.Serialization;
import org.computegov.ledger.bundle.Bundle;
import org.computegov.ledger.bundle.BundleVerifier;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.DsseVerifier;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.note.Ed25519NoteVerifier;
import org.computegov.ledger.note.VerifierSet;
import org.computegov.registry.statement.Submission;
import org.computegov.server.registry.RegistryHarness.Snapshot;
import org.computegov.server.registry.RegistryHarness.TestActor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment capability end to end through the API: a model's authorization bundle made from the registry's
 * log and checked offline (a swapped weight file denied, a revocation denied), attribution across every link, order
 * deadlines and escalation, the k-of-n off switch with duplicate, stale, replayed and non-holder votes, replay equal.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentApiTest {
    @TempDir static Path data;
    @TempDir static Path models;
    static RegistryHarness registry;
    static TestActor regulator;
    static TestActor provA;
    static TestActor provB;
    static TestActor dev;
    static TestActor evaluator;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryHarness.start(data);
        regulator = registry.regulator;
        provA = registry.register("prov-a", "US", "compute-provider");
        provB = registry.register("prov-b", "DE", "compute-provider");
        dev = registry.register("dev", "US", "developer");
        evaluator = registry.register("eval", "GB", "evaluator");
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    static Manifest hash(Path dir) throws Exception {
        try (ModelHasher h = new ModelHasher(2)) {
            return h.hash(dir, new Serialization.Files(false, Serialization.GIT_PATHS), Progress.NONE).manifest();
        }
    }

    static Bundle bundle(String id) throws Exception {
        JsonNode a = regulator.get("/api/v1/registry/authorizations/" + id).body();
        long index = a.path("logIndex").asLong();
        byte[] entry = registry.getBytes("/api/v1/log/entries/" + index);
        JsonNode receipt = JSON.readTree(registry.getBytes("/api/v1/log/receipt?index=" + index));
        return RegistryBundles.of(entry, receipt, a, regulator.key(), Instant.now());
    }

    static ServingCheck.Decision serve(Path dir, Bundle b, String region, String provider) throws Exception {
        BundleVerifier v = new BundleVerifier(new Dsse(List.of(DsseVerifier.ed25519("", regulator.key().privateKey().publicKey())), 1),
                VerifierSet.of(List.of(Ed25519NoteVerifier.parse(registry.server().logVerifierKey()))),
                Ed25519NoteVerifier.parse(registry.server().logVerifierKey()).name(), Statement.PAYLOAD_TYPE,
                new BundleVerifier.Freshness(Duration.ofHours(1), Duration.ofMinutes(5)), Clock.systemUTC());
        try (ModelHasher h = new ModelHasher(2)) {
            return ServingCheck.check(dir, b, v, new ServingCheck.Site(Optional.ofNullable(region), Optional.ofNullable(provider)),
                    Instant.now(), h, Progress.NONE);
        }
    }

    @Test
    @Order(1)
    void authorizationBundleFromTheLogAllowsTheEvaluatedWeightsAndDeniesASwappedFile() throws Exception {
        Path dir = Files.createDirectories(models.resolve("atlas"));
        Files.writeString(dir.resolve("config.json"), "{\"layers\": 2}");
        Files.write(dir.resolve("model.safetensors"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Manifest m = hash(dir);
        // Not registered yet: the regulator cannot authorize it, and nothing is logged.
        Authorization a = DeploymentFixtures.authorization("AUTH-1", m, List.of("US"), List.of("prov-a"));
        Snapshot before = registry.snapshot();
        assertProblem(regulator.submit(DeploymentFixtures.authorize(regulator, predicate(regulator), a)), 404, "not-found");
        registry.assertUnchanged(before, "an authorization of an unregistered model");
        assertAccepted(dev.submit(DeploymentFixtures.model(dev, predicate(dev), "atlas", m, null, null)));
        assertProblem(dev.submit(DeploymentFixtures.model(dev, predicate(dev), "atlas-again", m, null, null)), 409, "model-exists");
        // Only an accredited evaluator certifies.
        assertProblem(evaluator.submit(DeploymentFixtures.certify(evaluator, predicate(evaluator), "C-1", m.rootHex())), 403, "forbidden");
        assertAccepted(regulator.submit(DeploymentFixtures.accredit(regulator, predicate(regulator), evaluator.id())));
        assertAccepted(evaluator.submit(DeploymentFixtures.certify(evaluator, predicate(evaluator), "C-1", m.rootHex())));
        assertAccepted(regulator.submit(DeploymentFixtures.authorize(regulator, predicate(regulator), a)));

        ServingCheck.Decision ok = serve(dir, bundle("AUTH-1"), "US", "prov-a");
        assertThat(ok.allowed()).as(ok.reasons().toString()).isTrue();
        assertThat(serve(dir, bundle("AUTH-1"), "DE", "prov-a").reasons()).anyMatch(r -> r.contains("region DE"));
        JsonNode online = provA.get("/api/v1/registry/serving-check?root=" + m.rootHex() + "&region=US&provider=prov-a").body();
        assertThat(online.path("allowed").asBoolean()).isTrue();

        // The weights swapped for others of the same size: denied, naming the file.
        Files.write(dir.resolve("model.safetensors"), new byte[] {8, 7, 6, 5, 4, 3, 2, 1});
        ServingCheck.Decision swapped = serve(dir, bundle("AUTH-1"), "US", "prov-a");
        assertThat(swapped.allowed()).isFalse();
        assertThat(swapped.diff().changed()).containsExactly("model.safetensors");
        Files.write(dir.resolve("model.safetensors"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        // Revoked in the registry: the next bundle carries the revocation and denies; the online check too.
        assertAccepted(regulator.submit(DeploymentFixtures.status(regulator, predicate(regulator), "AUTH-1", "revoked")));
        ServingCheck.Decision revoked = serve(dir, bundle("AUTH-1"), "US", "prov-a");
        assertThat(revoked.allowed()).isFalse();
        assertThat(revoked.reasons().toString()).contains("revoked");
        assertThat(provA.get("/api/v1/registry/serving-check?root=" + m.rootHex()).body().path("allowed").asBoolean()).isFalse();
        assertProblem(regulator.submit(DeploymentFixtures.status(regulator, predicate(regulator), "AUTH-1", "valid")), 409,
                "authorization-revoked");
        // A deployment naming the revoked authorization is refused; the model page shows its certificate.
        assertProblem(provA.submit(DeploymentFixtures.deployment(provA, predicate(provA), "atlas-us", "c-1", m.rootHex(), "US",
                "AUTH-1")), 403, "not-authorized");
        JsonNode page = provB.get("/api/v1/registry/models/dev/atlas").body();
        assertThat(page.path("certificates").get(0).path("verdict").asText()).isEqualTo("passed");
        assertThat(page.path("authorizations").get(0).path("state").asText()).isEqualTo("revoked");
    }

    @Test
    @Order(2)
    void attributionFollowsEveryLinkAndShowsKycToTheRegulatorOnly() throws Exception {
        assertAccepted(dev.submit(run(dev, RegistryHarness.trainsOn(runDeclaration("r-1", 2e25, null), "prov-a", "prov-b"))));
        Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));
        for (TestActor p : List.of(provA, provB)) {
            assertAccepted(p.submit(customer(p, customerRecord("lab-acct", "Dev Lab Inc.", "US", owner("Dev Holdings", "US", null)))));
            var records = JSON.createArrayNode().add(usageRecord(p.id(), "lab-acct", 64, day, day.plus(Duration.ofHours(5)), "dev/r-1", "job-" + p.id()));
            assertAccepted(p.submit(usage(p, records)));
        }
        assertAccepted(provA.submit(customer(provA, customerRecord("deployer-9", "Chat Apps LLC", "US", owner("Chat Holdings", "US", null)))));
        Manifest base = DeploymentFixtures.manifest("base");
        Manifest chat = DeploymentFixtures.manifest("chat");
        assertAccepted(dev.submit(DeploymentFixtures.model(dev, predicate(dev), "base", base, "r-1", null)));
        assertProblem(dev.submit(DeploymentFixtures.model(dev, predicate(dev), "x", DeploymentFixtures.manifest("x"), "no-run", null)),
                404, "not-found");
        assertAccepted(dev.submit(DeploymentFixtures.model(dev, predicate(dev), "chat", chat, "r-1", "dev/base")));
        Authorization a = DeploymentFixtures.authorization("AUTH-2", chat, List.of("US"), List.of("prov-a"));
        assertAccepted(regulator.submit(DeploymentFixtures.authorize(regulator, predicate(regulator), a)));
        // Outside the authorization's providers: refused, nothing logged.
        assertProblem(provB.submit(DeploymentFixtures.deployment(provB, predicate(provB), "chat-de", "x", chat.rootHex(), "US", "AUTH-2")),
                403, "not-authorized");
        assertAccepted(provA.submit(DeploymentFixtures.deployment(provA, predicate(provA), "chat-us", "deployer-9", chat.rootHex(), "US", "AUTH-2")));
        // Anyone files an incident: a developer, an evaluator.
        assertAccepted(evaluator.submit(DeploymentFixtures.incident(evaluator, predicate(evaluator), "inc-1", "prov-a/chat-us")));
        assertProblem(dev.submit(DeploymentFixtures.incident(dev, predicate(dev), "inc-2", "prov-a/nowhere")), 404, "not-found");

        JsonNode r = regulator.get("/api/v1/registry/deployments/prov-a/chat-us/attribution").body();
        assertThat(r.path("deployer").path("customerId").asText()).isEqualTo("deployer-9");
        assertThat(r.path("deployer").path("kyc").path("legalName").asText()).isEqualTo("Chat Apps LLC");
        assertThat(r.path("model").path("modelId").asText()).isEqualTo("chat");
        assertThat(r.path("model").path("baseModel").asText()).isEqualTo("dev/base");
        assertThat(r.path("developer").asText()).isEqualTo("dev");
        assertThat(r.path("trainingRun").path("runId").asText()).isEqualTo("r-1");
        assertThat(r.path("trainingProviders").findValuesAsText("provider")).containsExactly("prov-a", "prov-b");
        assertThat(r.path("trainingProviders").get(0).path("flop").asDouble()).isPositive();
        assertThat(r.path("incidents").get(0).path("incidentId").asText()).isEqualTo("inc-1");
        // Others see the chain but not the deployer's identity.
        JsonNode other = provB.get("/api/v1/registry/deployments/prov-a/chat-us/attribution").body();
        assertThat(other.path("deployer").has("kyc")).isFalse();
        assertThat(other.path("trainingProviders").size()).isEqualTo(2);
        assertThat(other.toString()).doesNotContain("Chat Apps LLC");
        // The model page names the notification regimes it falls under (2e25 planned FLOP, greater than the EU AI Act's 1e25).
        JsonNode page = dev.get("/api/v1/registry/models/dev/chat").body();
        assertThat(page.path("notification").findValuesAsText("regime")).contains("eu-ai-act-art52");
    }

    @Test
    @Order(3)
    void ordersHaveDeadlinesAndOverdueOnesEscalate() throws Exception {
        Instant now = Instant.now();
        // Acknowledged and complied with in time.
        assertAccepted(regulator.submit(DeploymentFixtures.order(regulator, predicate(regulator), "O-1", "prov-a/chat-us",
                now.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)))));
        assertProblem(provB.submit(DeploymentFixtures.ack(provB, predicate(provB), "O-1")), 403, "forbidden");
        assertAccepted(provA.submit(DeploymentFixtures.ack(provA, predicate(provA), "O-1")));
        assertProblem(provA.submit(DeploymentFixtures.ack(provA, predicate(provA), "O-1")), 409, "order-acknowledged");
        assertAccepted(provA.submit(DeploymentFixtures.comply(provA, predicate(provA), "O-1")));
        // Deadlines in the past of the order, or out of order, are refused.
        assertProblem(regulator.submit(DeploymentFixtures.order(regulator, predicate(regulator), "O-bad", "prov-a/chat-us",
                now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(1)))), 400, "invalid-statement");
        // Never acknowledged: overdue once its acknowledge-by passes (two seconds here), at escalation level 1.
        Instant soon = now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
        assertAccepted(regulator.submit(DeploymentFixtures.order(regulator, predicate(regulator), "O-2", "prov-a/chat-us",
                soon, soon.plus(Duration.ofDays(1)))));
        JsonNode open = find(provA.get("/api/v1/registry/orders").body(), "O-2");
        assertThat(open.path("standing").asText()).isEqualTo("open");
        Thread.sleep(Duration.between(Instant.now(), soon).toMillis() + 1200);
        JsonNode overdue = find(regulator.get("/api/v1/registry/orders").body(), "O-2");
        assertThat(overdue.path("standing").asText()).isEqualTo("overdue");
        assertThat(overdue.path("escalation").asInt()).isEqualTo(1);
        assertThat(overdue.path("explanation").asText()).contains("acknowledgement was due");
        assertThat(find(regulator.get("/api/v1/registry/orders").body(), "O-1").path("standing").asText()).isEqualTo("complied");
        // Orders are not public, and a provider sees only its own.
        assertProblem(registry.publicClient().get("/api/v1/registry/orders"), 401, "signature-required");
        assertThat(provB.get("/api/v1/registry/orders").body().size()).isZero();
    }

    static JsonNode find(JsonNode orders, String id) {
        for (JsonNode o : orders) {
            if (o.path("id").asText().equals(id)) {
                return o;
            }
        }
        throw new AssertionError("no order " + id + " in " + orders);
    }

    @Test
    @Order(4)
    void theSwitchHaltsOnKDistinctHolderVotesOnly() throws Exception {
        assertAccepted(provA.submit(DeploymentFixtures.offSwitch(provA, predicate(provA), "sw", List.of("dev", "prov-a", "prov-b"), 2)));
        Submission first = DeploymentFixtures.vote(provA, predicate(provA), "sw", 0, "halt");
        assertAccepted(provA.submit(first));
        assertThat(status().path("status").asText()).isEqualTo("running");
        Snapshot before = registry.snapshot();
        assertProblem(provA.submit(first), 409, "statement-replayed");
        assertProblem(provA.submit(DeploymentFixtures.vote(provA, predicate(provA), "sw", 0, "halt")), 409, "duplicate-vote");
        assertProblem(evaluator.submit(DeploymentFixtures.vote(evaluator, predicate(evaluator), "sw", 0, "halt")), 403, "forbidden");
        assertProblem(provB.submit(DeploymentFixtures.vote(provB, predicate(provB), "sw", 1, "halt")), 409, "stale-vote");
        assertProblem(provB.submit(DeploymentFixtures.vote(provB, predicate(provB), "sw", 0, "resume")), 409, "wrong-action");
        TestActor late = registry.skewed(provB, Duration.ofMinutes(-10));
        assertProblem(late.submit(DeploymentFixtures.vote(late, predicate(late), "sw", 0, "halt")), 400, "invalid-statement");
        registry.assertUnchanged(before, "votes that do not count");
        assertThat(status().path("votesNeeded").asInt()).isEqualTo(1);

        assertAccepted(provB.submit(DeploymentFixtures.vote(provB, predicate(provB), "sw", 0, "halt")));
        JsonNode halted = status();
        assertThat(halted.path("status").asText()).isEqualTo("halted");
        assertThat(halted.path("epoch").asLong()).isEqualTo(1);
        // An old epoch's halt cannot count again; resuming needs k as well.
        assertProblem(dev.submit(DeploymentFixtures.vote(dev, predicate(dev), "sw", 0, "halt")), 409, "stale-vote");
        assertAccepted(dev.submit(DeploymentFixtures.vote(dev, predicate(dev), "sw", 1, "resume")));
        assertThat(status().path("status").asText()).isEqualTo("halted");
        assertAccepted(provA.submit(DeploymentFixtures.vote(provA, predicate(provA), "sw", 1, "resume")));
        assertThat(status().path("status").asText()).isEqualTo("running");
        assertThat(status().path("epoch").asLong()).isEqualTo(2);
    }

    static JsonNode status() throws Exception {
        return registry.publicClient().get("/api/v1/registry/switches/sw").body();
    }

    @Test
    @Order(5)
    void replayRebuildsTheSameTables() throws Exception {
        JsonNode r = regulator.client().post("/api/v1/registry/replay").body();
        assertThat(r.path("refused").asLong()).as("%s", r).isZero();
        assertThat(r.path("tables").findValuesAsText("table")).contains("model", "authorization_grant", "deployment",
                "corrective_order", "off_switch", "switch_vote");
        for (JsonNode t : r.path("tables")) {
            assertThat(t.path("onlyLive").asLong() + t.path("onlyReplayed").asLong()).as("%s", t).isZero();
        }
    }
}
