package org.computegov.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.computegov.server.registry.RegistryHarness.JSON;
import static org.computegov.server.registry.RegistryHarness.alloc;
import static org.computegov.server.registry.RegistryHarness.allocAward;
import static org.computegov.server.registry.RegistryHarness.allocCall;
import static org.computegov.server.registry.RegistryHarness.allocProposal;
import static org.computegov.server.registry.RegistryHarness.allocResource;
import static org.computegov.server.registry.RegistryHarness.allocReview;
import static org.computegov.server.registry.RegistryHarness.licence;
import static org.computegov.server.registry.RegistryHarness.licenceTerms;
import static org.computegov.server.registry.RegistryHarness.application;
import static org.computegov.server.registry.RegistryHarness.decision;
import static org.computegov.server.registry.RegistryHarness.ack;
import static org.computegov.server.registry.RegistryHarness.standing;
import static org.computegov.server.registry.RegistryHarness.amendment;
import static org.computegov.server.registry.RegistryHarness.tranche;
import static org.computegov.server.registry.RegistryHarness.accessEvent;
import static org.computegov.server.registry.RegistryHarness.access;
import static org.computegov.server.registry.RegistryHarness.actorStatement;
import static org.computegov.server.registry.RegistryHarness.addKey;
import static org.computegov.server.registry.RegistryHarness.chipBatch;
import static org.computegov.server.registry.RegistryHarness.chipMove;
import static org.computegov.server.registry.RegistryHarness.chipRegister;
import static org.computegov.server.registry.RegistryHarness.chipTransfer;
import static org.computegov.server.registry.RegistryHarness.assertAccepted;
import static org.computegov.server.registry.RegistryHarness.assertProblem;
import static org.computegov.server.registry.RegistryHarness.correction;
import static org.computegov.server.registry.RegistryHarness.customer;
import static org.computegov.server.registry.RegistryHarness.customerRecord;
import static org.computegov.server.registry.RegistryHarness.owner;
import static org.computegov.server.registry.RegistryHarness.predicate;
import static org.computegov.server.registry.RegistryHarness.recordId;
import static org.computegov.server.registry.RegistryHarness.revokeKey;
import static org.computegov.server.registry.RegistryHarness.run;
import static org.computegov.server.registry.RegistryHarness.runDeclaration;
import static org.computegov.server.registry.RegistryHarness.screeningList;
import static org.computegov.server.registry.RegistryHarness.usage;
import static org.computegov.server.registry.RegistryHarness.usageRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.computegov.ledger.keys.PemKeys;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.registry.client.RegistryClient.Answer;
import org.computegov.registry.statement.Sealed;
import org.computegov.registry.statement.Submission;
import org.computegov.server.log.LogOptions;
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
 * Who may write what, over HTTP against a real server: for every kind of statement the role, the key (unknown,
 * another actor's, revoked, rotated), replays and the clock-skew window; the sealed payload's commitment and size,
 * bad KYC payloads and access events; and the raw log path, which refuses registry statements. After every refusal
 * the log's size and the registry's statistics are as before: a rejected statement appends nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryWriteChecksTest {
    @TempDir static Path data;
    @TempDir static Path keys;
    static RegistryHarness registry;
    static TestActor regulator;
    static TestActor provA;
    static TestActor provB;
    static TestActor dev;
    static TestActor evaluator;
    /** An actor with all three writing roles, whose first key is rotated out in {@link #rotatedKey}. */
    static TestActor rot;
    static final AtomicInteger SEQ = new AtomicInteger();
    static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(3));

    @BeforeAll
    static void start() throws Exception {
        // prov-a's key is also one the raw log path trusts (see rawLogPathRefusesRegistryStatements).
        SignerKey provAKey = SignerKey.generate("prov-a/main");
        Path pem = keys.resolve("prov-a.pem");
        Files.writeString(pem, PemKeys.toPem(provAKey.privateKey().publicKey()));
        world(RegistryHarness.start(data, new LogOptions(null, List.of(pem), List.of(), 0)), provAKey);
    }

    /**
     * The actors and objects every kind's statement refers to, on {@code harness}, which this class's builders then
     * use (StatementInvariantTest builds its statements with them on its own server).
     */
    static void world(RegistryHarness harness, SignerKey provAKey) throws Exception {
        registry = harness;
        regulator = registry.regulator;
        provA = registry.register("prov-a", provAKey, "US", "compute-provider");
        provB = registry.register("prov-b", "US", "compute-provider");
        dev = registry.register("dev-a", "US", "developer");
        evaluator = registry.register("eval-a", "GB", "evaluator");
        rot = registry.register("rot", SignerKey.generate("rot/k1"), "US", "regulator", "compute-provider", "developer",
                "evaluator");
        // The customer every access statement is about, at both providers that send them.
        for (TestActor p : List.of(provA, rot)) {
            assertAccepted(p.submit(customer(p, customerRecord("kyc-1", "Domestic Customer Inc.", "US",
                    owner("Domestic Owner", "US", null)))));
        }
        // The allocation programme, resource and call every allocation statement refers to.
        assertAccepted(regulator.submit(alloc(regulator, Kind.ALLOC_PROGRAMME, JSON.createObjectNode()
                .put("programme", "prog").put("name", "Programme"))));
        assertAccepted(provA.submit(alloc(provA, Kind.ALLOC_RESOURCE, allocResource("res", "prog", "H100", "c1", "2026-01-01", 2))));
        assertAccepted(regulator.submit(alloc(regulator, Kind.ALLOC_CALL, allocCall("call", "prog", "res"))));
    }

    /** A reviewed proposal of {@code researcher}'s, awarded by {@code officer}: the award's id. */
    static String awarded(TestActor researcher, TestActor officer, int n) throws Exception {
        assertAccepted(researcher.submit(alloc(researcher, Kind.ALLOC_PROPOSAL, allocProposal("prop-" + n, "call", "res", "explore", 1000))));
        assertAccepted(evaluator.submit(alloc(evaluator, Kind.ALLOC_REVIEW, allocReview("prop-" + n, "res", 4, 800))));
        assertAccepted(officer.submit(alloc(officer, Kind.ALLOC_AWARD, allocAward("award-" + n, "prop-" + n, "acct-" + n,
                "res", 800, "2026-01-01", "2027-12-31"))));
        return "award-" + n;
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    /** The actor whose role a kind needs, among this test's actors. */
    static TestActor rightSigner(Kind kind) {
        if (kind.role() == null) {
            return dev;
        }
        return switch (kind.role()) {
            case EVALUATOR -> evaluator;
            case REGULATOR -> regulator;
            case COMPUTE_PROVIDER -> provA;
            case DEVELOPER -> dev;
            default -> throw new IllegalArgumentException(kind.toString());
        };
    }

    /**
     * A statement of a kind signed by {@code by}, valid when {@code by} holds the kind's role. With {@code prepare}
     * the statements it depends on are submitted first (a usage record for a correction to withdraw).
     */
    static Submission statement(Kind kind, TestActor by, ObjectNode p, boolean prepare) throws Exception {
        int n = SEQ.incrementAndGet();
        return switch (kind) {
            case ACTOR -> actorStatement(by, p, "actor-" + n, "US", List.of("developer"), SignerKey.generate("actor-" + n + "/main"));
            // Always another actor's key (prov-b's), so that only a regulator may do it.
            case KEY -> addKey(by, p, "prov-b", SignerKey.generate("prov-b/k" + n));
            case CUSTOMER -> customer(by, p, customerRecord("cust-" + n, "Customer " + n + " LLC", "US", owner("Owner " + n, "US", null)));
            case ACCESS -> access(by, p, "kyc-1", JSON.createArrayNode().add(accessEvent("kyc-1", "192.0.2.1", DAY)));
            case SCREENING_LIST -> screeningList(by, p, "synthetic");
            case USAGE -> usage(by, p, JSON.createArrayNode().add(record(by.id(), n)));
            case USAGE_CORRECTION -> {
                String id = "0".repeat(64);
                if (prepare) {
                    ObjectNode r = record(by.id(), n);
                    assertAccepted(by.submit(usage(by, JSON.createArrayNode().add(r))));
                    id = recordId(r);
                }
                yield correction(by, p, null, List.of(id));
            }
            case RUN -> run(by, p, runDeclaration("run-" + n, 1e24, null));
            case LICENCE -> licence(by, p, "L-" + n, 2);
            case LICENCE_TRANCHE -> {
                String id = "L-" + n;
                if (prepare) {
                    assertAccepted(by.submit(licence(by, "L-" + n, 2)));
                }
                yield tranche(by, p, id, 2);
            }
            case LICENCE_STANDING -> {
                String id = "L-" + n;
                if (prepare) {
                    assertAccepted(by.submit(licence(by, "L-" + n, 2)));
                }
                yield standing(by, p, id, "suspended", "interim evaluation overdue");
            }
            case LICENCE_AMENDMENT -> {
                String id = "L-" + n;
                if (prepare) {
                    assertAccepted(by.submit(licence(by, "L-" + n, 2)));
                }
                yield amendment(by, p, id, 2, 1);
            }
            case LICENCE_METER -> {
                String id = "L-" + n;
                if (prepare) {
                    assertAccepted(by.submit(licence(by, "L-" + n, 2)));
                }
                p.putObject("meter").put("licence", id).put("event", "alert-80").put("usedFlop", "9e23").put("releasedFlop", "1e24");
                yield by.writer().publicStatement(Kind.LICENCE_METER.wire(), "licence:" + id, p, null, null);
            }
            case LICENCE_SETTLEMENT -> {
                String id = "L-" + n;
                if (prepare) {
                    assertAccepted(by.submit(licence(by, "L-" + n, 2)));
                }
                p.putObject("settlement").put("licence", id).putArray("jobs").addObject().put("hold", "prov-a/c1/job-" + n)
                        .put("provider", "prov-a").put("cluster", "c1").put("jobRef", "job-" + n).put("chip", "H100")
                        .put("chips", 8).put("elapsedSeconds", 3600).put("heldFlop", "9e18").put("usedFlop", "8.5e18");
                yield by.writer().publicStatement(Kind.LICENCE_SETTLEMENT.wire(), "licence:" + id, p, null, null);
            }
            case LICENCE_APPLICATION -> application(by, p, "A-" + n, "5e25");
            case LICENCE_DECISION -> {
                if (prepare) {
                    assertAccepted(dev.submit(application(dev, predicate(dev), "A-" + n, "5e25")));
                }
                yield decision(by, p, "dev-a/A-" + n, "deny", "the safety case names no evaluation of cyber capabilities");
            }
            case LICENCE_NOTICE_ACK -> {
                String id = "L-" + n;
                if (prepare) {
                    ObjectNode terms = licenceTerms(id, 1);
                    terms.putArray("clusters").add(by.id() + "/*");
                    ObjectNode lp = predicate(regulator);
                    lp.set("licence", terms);
                    assertAccepted(regulator.submit(regulator.writer().publicStatement(Kind.LICENCE.wire(), "licence:" + id, lp, null, null)));
                }
                yield ack(by, p, id, id + "#overrun");
            }
            case CHIP_REGISTER -> chipRegister(by, p, chipBatch("batch-" + n, "H100", 8, "DE"));
            case CHIP_TRANSFER -> {
                if (prepare) {
                    assertAccepted(by.submit(chipRegister(by, predicate(by), chipBatch("batch-" + n, "H100", 8, "DE"))));
                }
                yield chipTransfer(by, p, chipMove("batch-" + n, 2, "buyer-" + n, "FR"));
            }
            case ALLOC_PROGRAMME -> alloc(by, p, kind, JSON.createObjectNode().put("programme", "prog-" + n).put("name", "P " + n));
            case ALLOC_CALL -> alloc(by, p, kind, allocCall("call-" + n, "prog", "res"));
            case ALLOC_RESOURCE -> alloc(by, p, kind, allocResource("res-" + n, "prog", "A100", "c1", "2026-01-01", 1));
            case ALLOC_PROPOSAL -> alloc(by, p, kind, allocProposal("prop-" + n, "call", "res", "explore", 1000));
            case ALLOC_REVIEW -> {
                if (prepare) {
                    assertAccepted(dev.submit(alloc(dev, Kind.ALLOC_PROPOSAL, allocProposal("prop-r" + n, "call", "res", "explore", 1000))));
                }
                yield alloc(by, p, kind, allocReview("prop-r" + n, "res", 3, 500));
            }
            case ALLOC_AWARD -> {
                if (prepare) {
                    assertAccepted(dev.submit(alloc(dev, Kind.ALLOC_PROPOSAL, allocProposal("prop-a" + n, "call", "res", "explore", 1000))));
                    assertAccepted(evaluator.submit(alloc(evaluator, Kind.ALLOC_REVIEW, allocReview("prop-a" + n, "res", 4, 800))));
                }
                yield alloc(by, p, kind, allocAward("award-a" + n, "prop-a" + n, "acct-a" + n, "res", 800, "2026-01-01", "2027-12-31"));
            }
            case ALLOC_REPORT -> alloc(by, p, kind, JSON.createObjectNode()
                    .put("award", prepare ? awarded(by, regulator, n) : "award-x").put("summary", "progress"));
            case ALLOC_CHANGE -> alloc(by, p, kind, JSON.createObjectNode()
                    .put("award", prepare ? awarded(by, regulator, n) : "award-x").put("change", "c1").put("type", "extension")
                    .put("end", "2028-06-30").put("justification", "more time"));
            case ALLOC_DECISION -> alloc(by, p, kind, JSON.createObjectNode()
                    .put("award", prepare ? awarded(dev, by, n) : "award-x").put("action", "revoke"));
            default -> deploymentStatement(kind, by, p, prepare, n);
        };
    }

    /** The deployment capability's kinds; with {@code prepare}, the model, deployment, order or switch they need. */
    static Submission deploymentStatement(Kind kind, TestActor by, ObjectNode p, boolean prepare, int n) throws Exception {
        var m = DeploymentFixtures.manifest("m-" + n);
        String root = m.rootHex();
        if (prepare && kind != Kind.MODEL && kind != Kind.EVALUATOR_ACCREDITATION && kind != Kind.SWITCH && kind != Kind.SWITCH_VOTE) {
            assertAccepted(dev.submit(DeploymentFixtures.model(dev, predicate(dev), "m-" + n, m, null, null)));
        }
        TestActor deployer = kind == Kind.ORDER_ACK || kind == Kind.ORDER_COMPLIANCE ? by : provA;
        if (prepare && (kind == Kind.INCIDENT || kind == Kind.ORDER || kind == Kind.ORDER_ACK || kind == Kind.ORDER_COMPLIANCE)) {
            assertAccepted(deployer.submit(DeploymentFixtures.deployment(deployer, predicate(deployer), "d-" + n, "kyc-1", root, "US", null)));
        }
        String dep = deployer.id() + "/d-" + n;
        return switch (kind) {
            case MODEL -> DeploymentFixtures.model(by, p, "m-" + n, m, null, null);
            case EVALUATOR_ACCREDITATION -> DeploymentFixtures.accredit(by, p, evaluator.id());
            case EVALUATION_CERTIFICATE -> {
                if (prepare) {
                    assertAccepted(regulator.submit(DeploymentFixtures.accredit(regulator, predicate(regulator), by.id())));
                }
                yield DeploymentFixtures.certify(by, p, "C-" + n, root);
            }
            case DEPLOYMENT_AUTHORIZATION -> DeploymentFixtures.authorize(by, p, DeploymentFixtures.authorization("A-" + n, m, List.of(), List.of()));
            case AUTHORIZATION_STATUS -> {
                if (prepare) {
                    assertAccepted(by.submit(DeploymentFixtures.authorize(by, predicate(by),
                            DeploymentFixtures.authorization("A-" + n, m, List.of(), List.of()))));
                }
                yield DeploymentFixtures.status(by, p, "A-" + n, "suspended");
            }
            case DEPLOYMENT -> DeploymentFixtures.deployment(by, p, "d-" + n, "kyc-1", root, "US", null);
            case INCIDENT -> DeploymentFixtures.incident(by, p, "i-" + n, dep);
            case ORDER -> DeploymentFixtures.order(by, p, "O-" + n, dep, Instant.now().plus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)));
            case ORDER_ACK, ORDER_COMPLIANCE -> {
                if (prepare) {
                    assertAccepted(regulator.submit(DeploymentFixtures.order(regulator, predicate(regulator), "O-" + n, dep,
                            Instant.now().plus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)))));
                }
                yield kind == Kind.ORDER_ACK ? DeploymentFixtures.ack(by, p, "O-" + n) : DeploymentFixtures.comply(by, p, "O-" + n);
            }
            case SWITCH -> DeploymentFixtures.offSwitch(by, p, "sw-" + n, List.of(provB.id(), provA.id()), 1);
            case SWITCH_VOTE -> {
                if (prepare) {
                    assertAccepted(provA.submit(DeploymentFixtures.offSwitch(provA, predicate(provA), "sw-" + n, List.of(by.id()), 1)));
                }
                yield DeploymentFixtures.vote(by, p, "sw-" + n, 0, "halt");
            }
            default -> throw new IllegalArgumentException(kind.toString());
        };
    }

    static Submission statement(Kind kind, TestActor by) throws Exception {
        return statement(kind, by, predicate(by), false);
    }

    static ObjectNode record(String provider, int n) {
        return usageRecord(provider, "kyc-1", 8, DAY, DAY.plus(Duration.ofHours(2)), null, "job-" + n);
    }

    /** Submits, expects the problem, and checks that the log and the registry did not change. */
    static JsonNode refused(TestActor by, Submission s, int status, String kind, String why) throws Exception {
        Snapshot before = registry.snapshot();
        Answer a = by.submit(s);
        JsonNode problem;
        try {
            problem = assertProblem(a, status, kind);
        } catch (AssertionError e) {
            throw new AssertionError(why + ": " + e.getMessage(), e);
        }
        registry.assertUnchanged(before, why);
        return problem;
    }

    // ---- roles and keys --------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void wrongRoleIs403ForEveryKind() throws Exception {
        for (Kind kind : Kind.values()) {
            if (kind.role() == null) {
                continue; // any actor may sign it
            }
            List<TestActor> wrong = switch (kind.role()) {
                case EVALUATOR -> List.of(regulator, provA, dev);
                case REGULATOR -> List.of(provA, dev, evaluator);
                case COMPUTE_PROVIDER -> List.of(regulator, dev, evaluator);
                case DEVELOPER -> List.of(regulator, provA, evaluator);
                default -> throw new IllegalStateException();
            };
            for (TestActor by : wrong) {
                JsonNode p = refused(by, statement(kind, by), 403, "forbidden", kind.wire() + " by " + by.id());
                assertThat(p.get("detail").asText()).contains(kind.role().wire());
            }
        }
    }

    @Test
    @Order(2)
    void unknownKeyIs401ForEveryKind() throws Exception {
        for (Kind kind : Kind.values()) {
            TestActor right = rightSigner(kind);
            TestActor stray = registry.as(right.id(), SignerKey.generate(right.id() + "/stray"));
            refused(stray, statement(kind, stray), 401, "unknown-key", kind.wire() + " with an unregistered key");
            TestActor ghost = registry.as("ghost", SignerKey.generate("ghost/main"));
            refused(ghost, statement(kind, ghost), 401, "unknown-key", kind.wire() + " by an unregistered actor");
        }
    }

    @Test
    @Order(3)
    void anotherActorsKeyIs401ForEveryKind() throws Exception {
        for (Kind kind : Kind.values()) {
            TestActor right = rightSigner(kind);
            TestActor other = right == provA ? provB : provA;
            // Claims to be the right actor, signs with another registered actor's key.
            TestActor impostor = registry.as(right.id(), other.key());
            JsonNode p = refused(impostor, statement(kind, impostor), 401, "unknown-key",
                    kind.wire() + " claiming " + right.id() + " with " + other.id() + "'s key");
            assertThat(p.get("detail").asText()).contains("belongs to " + other.id());
        }
    }

    @Test
    @Order(4)
    void rotatedKey() throws Exception {
        TestActor k1 = rot;
        SignerKey key2 = SignerKey.generate("rot/k2");
        // The actor itself adds its new key and then revokes the old one with it.
        assertAccepted(k1.submit(addKey(k1, "rot", key2)));
        TestActor k2 = registry.as("rot", key2);
        assertAccepted(k2.submit(revokeKey(k2, "rot", k1.keyId())));
        for (Kind kind : Kind.values()) {
            JsonNode p = refused(k1, statement(kind, k1), 401, "unknown-key", kind.wire() + " with a revoked key");
            assertThat(p.get("detail").asText()).contains("revoked");
        }
        // The new key works for every kind, and for reads; the revoked one reads nothing.
        for (Kind kind : Kind.values()) {
            assertAccepted(k2.submit(statement(kind, k2, predicate(k2), true)));
        }
        assertThat(k2.get("/api/v1/registry/customers").status()).isEqualTo(200);
        assertProblem(k1.get("/api/v1/registry/customers"), 401, "unknown-key");
        // Revoking twice is refused; so is revoking another actor's key unless a regulator does it.
        refused(k2, revokeKey(k2, "rot", k1.keyId()), 409, "key-revoked", "revoking a revoked key");
        refused(provB, revokeKey(provB, "prov-a", provA.keyId()), 403, "forbidden", "a provider revoking another's key");
        refused(provB, addKey(provB, "prov-a", SignerKey.generate("prov-a/planted")), 403, "forbidden",
                "a provider adding a key to another");
    }

    @Test
    @Order(5)
    void replayedStatementIs409ForEveryKind() throws Exception {
        for (Kind kind : Kind.values()) {
            TestActor by = rightSigner(kind);
            ObjectNode p = predicate(by);
            String statementId = p.get("statementId").asText();
            Submission first = statement(kind, by, p, true);
            assertAccepted(by.submit(first));
            JsonNode again = refused(by, first, 409, "statement-replayed", kind.wire() + ": the same envelope again");
            assertThat(again.get("detail").asText()).contains(statementId);
            ObjectNode reuse = predicate(by).put("statementId", statementId);
            Submission other = statement(kind, by, reuse, true);
            refused(by, other, 409, "statement-replayed", kind.wire() + ": a new statement with a used statementId");
        }
        // Statement ids are unique per issuer: another provider may use the same one.
        ObjectNode p = predicate(provA);
        assertAccepted(provA.submit(statement(Kind.CUSTOMER, provA, p, false)));
        assertAccepted(provB.submit(statement(Kind.CUSTOMER, provB, predicate(provB).put("statementId",
                p.get("statementId").asText()), false)));
    }

    @Test
    @Order(6)
    void issuedAtOutsideTheClockSkewWindowIs400ForEveryKind() throws Exception {
        for (Kind kind : Kind.values()) {
            for (Duration skew : List.of(Duration.ofMinutes(6), Duration.ofMinutes(-6))) {
                TestActor by = registry.skewed(rightSigner(kind), skew);
                JsonNode p = refused(by, statement(kind, by), 400, "invalid-statement", kind.wire() + " issued " + skew + " off");
                assertThat(p.get("field").asText()).isEqualTo("predicate.issuedAt");
            }
        }
        // Within the window is fine.
        TestActor late = registry.skewed(provA, Duration.ofMinutes(-4));
        assertAccepted(late.submit(statement(Kind.CUSTOMER, late)));
    }

    // ---- sealed payloads -------------------------------------------------------------------------------------

    @Test
    @Order(10)
    void sealedPayloadMustBeThereAndMatchItsCommitmentAndSize() throws Exception {
        ObjectNode record = customerRecord("sealed-1", "Sealed Customer Ltd", "US", owner("Sealed Owner", "US", null));
        Submission good = customer(provA, record);
        byte[] payload = good.sealed().payload();
        byte[] salt = good.sealed().salt();

        assertThat(refused(provA, new Submission(good.envelope(), null, null), 400, "invalid-statement", "no sealed payload")
                .get("field").asText()).isEqualTo("sealed");

        Submission otherSalt = new Submission(good.envelope(), Sealed.seal(payload, new SecureRandom()), null);
        assertThat(refused(provA, otherSalt, 400, "invalid-statement", "commitment mismatch (other salt)")
                .get("field").asText()).isEqualTo("sealed");
        byte[] tampered = record.deepCopy().put("legalName", "Someone Else Ltd").toString().getBytes(StandardCharsets.UTF_8);
        refused(provA, new Submission(good.envelope(), Sealed.of(salt, tampered), null), 400, "invalid-statement",
                "commitment mismatch (other payload)");

        // The same commitment with the salt/payload boundary moved by one byte: only sealed.size tells them apart.
        byte[] longerSalt = Arrays.copyOf(salt, salt.length + 1);
        longerSalt[salt.length] = payload[0];
        Sealed shifted = Sealed.of(longerSalt, Arrays.copyOfRange(payload, 1, payload.length));
        assertThat(shifted.commitment()).isEqualTo(good.sealed().commitment());
        assertThat(refused(provA, new Submission(good.envelope(), shifted, null), 400, "invalid-statement",
                "size mismatch (boundary moved)").get("field").asText()).isEqualTo("sealed");

        // A statement declaring another size than its (matching) payload has.
        ObjectNode p = predicate(provA);
        p.putObject("sealed").put("sha256", good.sealed().commitment()).put("size", payload.length + 1);
        Submission wrongSize = RegistryHarness.signed(provA, Kind.CUSTOMER, "customer:prov-a",
                good.sealed().commitment(), p, good.sealed(), null);
        refused(provA, wrongSize, 400, "invalid-statement", "declared size differs");

        // A public kind carries no sealed payload, and only screening lists carry an attachment.
        Submission run = run(dev, runDeclaration("public-1", 1e24, null));
        Submission actor = actorStatement(regulator, "sealed-actor", "US", List.of("developer"), SignerKey.generate("sealed-actor/main"));
        refused(regulator, new Submission(actor.envelope(), run.sealed(), null), 400, "invalid-statement", "sealed payload on an actor statement");
        refused(dev, new Submission(run.envelope(), run.sealed(), new byte[] {1, 2, 3}), 400, "invalid-statement", "attachment on a run");

        assertAccepted(provA.submit(good));
    }

    @Test
    @Order(11)
    void badKycRecordsAre400WithTheFieldInTheSealedPayload() throws Exception {
        record Bad(String what, ObjectNode record, String field) {}
        ObjectNode base = customerRecord("bad-1", "Bad Record Ltd", "US", owner("Bad Owner", "US", null));
        List<Bad> bad = List.of(
                new Bad("bad e-mail", base.deepCopy().put("email", "not an address"), "sealed.payload.email"),
                new Bad("unknown member", base.deepCopy().put("nickname", "x"), "sealed.payload.nickname"),
                new Bad("bad LEI check digits", withOwner(base, owner("Holding AG", "DE", "LEI:5493001KJTIIGC8Y1R13")),
                        "sealed.payload.beneficialOwners[0].identifier"),
                new Bad("unknown country", base.deepCopy().put("country", "XX"), "sealed.payload.country"),
                new Bad("no owners for an organization", withOwners(base), "sealed.payload.beneficialOwners"));
        for (Bad b : bad) {
            JsonNode p = refused(provA, customer(provA, b.record()), 400, "invalid-statement", b.what());
            assertThat(p.get("field").asText()).as(b.what()).isEqualTo(b.field());
            assertThat(p.get("hint").asText()).as(b.what()).isNotBlank();
        }
        // Not JSON at all: the whole payload is the field.
        ObjectNode pr = predicate(provA);
        Submission notJson = provA.writer().sealedStatement(Kind.CUSTOMER.wire(), "customer:prov-a", pr,
                "{\"customerId\": ".getBytes(StandardCharsets.UTF_8));
        assertThat(refused(provA, notJson, 400, "invalid-statement", "not JSON").get("field").asText())
                .startsWith("sealed.payload");
        // The public subject names the provider only: naming the account would put a KYC field in the public log.
        Submission namedAccount = provA.writer().sealedStatement(Kind.CUSTOMER.wire(), "customer:prov-a/" + base.get("customerId").asText(),
                predicate(provA), RegistryHarness.bytes(base));
        assertThat(refused(provA, namedAccount, 400, "invalid-statement", "account in the public subject").get("field").asText())
                .isEqualTo("subject[0].name");
        assertAccepted(provA.submit(customer(provA, base)));
    }

    private static ObjectNode withOwner(ObjectNode record, ObjectNode owner) {
        ObjectNode r = record.deepCopy();
        r.putArray("beneficialOwners").add(owner);
        return r;
    }

    private static ObjectNode withOwners(ObjectNode record) {
        ObjectNode r = record.deepCopy();
        r.putArray("beneficialOwners");
        return r;
    }

    @Test
    @Order(12)
    void accessEventsNeedAKycRecordAndForeignCustomersNeedIpAndTime() throws Exception {
        ArrayNode unknown = JSON.createArrayNode().add(accessEvent("nobody", "192.0.2.9", DAY));
        JsonNode missing = refused(provA, access(provA, "nobody", unknown), 404, "not-found",
                "access events of a customer without KYC record");
        assertThat(missing.get("detail").asText()).contains("nobody").contains("no KYC record");
        assertThat(missing.get("hint").asText()).contains("cgov kyc submit");

        // prov-a is in the US; a Singapore customer is foreign to it.
        assertAccepted(provA.submit(customer(provA, customerRecord("foreign-1", "Lion City Compute Pte. Ltd.", "SG",
                owner("Merlion Holdings", "SG", null)))));
        ArrayNode noIp = JSON.createArrayNode().add(accessEvent("foreign-1", "192.0.2.10", DAY))
                .add(accessEvent("foreign-1", null, DAY));
        JsonNode p = refused(provA, access(provA, "foreign-1", noIp), 400, "invalid-statement", "foreign customer's event without IP");
        assertThat(p.get("field").asText()).isEqualTo("sealed.payload[1].ipAddress");
        ArrayNode noTime = JSON.createArrayNode().add(accessEvent("foreign-1", "192.0.2.10", null));
        assertThat(refused(provA, access(provA, "foreign-1", noTime), 400, "invalid-statement", "foreign customer's event without time")
                .get("field").asText()).isEqualTo("sealed.payload[0].time");
        ArrayNode otherCustomer = JSON.createArrayNode().add(accessEvent("foreign-1", "192.0.2.10", DAY))
                .add(accessEvent("kyc-1", "192.0.2.10", DAY)); // one statement, one customer
        assertThat(refused(provA, access(provA, "foreign-1", otherCustomer), 400, "invalid-statement", "another customer's event")
                .get("field").asText()).isEqualTo("sealed.payload[1].customerId");
        // A domestic customer's events may lack both.
        assertAccepted(provA.submit(access(provA, "kyc-1", JSON.createArrayNode().add(accessEvent("kyc-1", null, null)))));
        assertAccepted(provA.submit(access(provA, "foreign-1", JSON.createArrayNode().add(accessEvent("foreign-1", "2001:db8::10", DAY)))));
    }

    @Test
    @Order(19)
    void statementsThatCouldNotBeStoredAreRefusedBeforeTheLog() throws Exception {
        // The same key twice in one actor statement would pass a key-by-key check and fail on the table's key.
        SignerKey twice = SignerKey.generate("twin/main");
        ObjectNode p = predicate(regulator);
        RegistryHarness.actorStatement(regulator, p, "twin", "US", List.of("compute-provider"), twice);
        ((com.fasterxml.jackson.databind.node.ArrayNode) p.get("actor").get("keys")).add(twice.verifierKey().encode());
        Submission twoSame = regulator.writer().publicStatement(Kind.ACTOR.wire(), "actor:twin", p, null, null);
        assertThat(refused(regulator, twoSame, 400, "invalid-statement", "a key listed twice").get("field").asText())
                .isEqualTo("predicate.actor.keys[1]");
        // Usage at a time PostgreSQL cannot store (or no one would mean) is refused with the record named.
        ObjectNode farFuture = usageRecord("prov-a", "kyc-1", 8, Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("+10000-01-01T02:00:00Z"), null, "job-far");
        JsonNode problem = refused(provA, usage(provA, JSON.createArrayNode().add(farFuture)), 400, "invalid-statement",
                "usage in the year 10000");
        assertThat(problem.get("detail").asText()).contains("job-far").contains("1970-2199");
    }

    // ---- the raw log path ------------------------------------------------------------------------------------

    @Test
    @Order(20)
    void rawLogPathRefusesRegistryStatements() throws Exception {
        // Signed by prov-a's key, which the log trusts and the registry knows: still not through the raw path.
        Submission s = customer(provA, customerRecord("raw-1", "Raw Path Ltd", "US", owner("Raw Owner", "US", null)));
        Snapshot before = registry.snapshot();
        HttpResponse<String> one = registry.send(HttpRequest.newBuilder().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(s.envelope())), "/api/v1/log/entries");
        assertRawProblem(one, 400, "registry-statement");
        byte[] ndjson = (new String(s.envelope(), StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> batch = registry.send(HttpRequest.newBuilder().header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ndjson)), "/api/v1/log/entries/batch");
        assertRawProblem(batch, 400, "registry-statement");
        // The same statement with its predicate type written with JSON escapes (escaped slashes, a letter as a
        // backslash-u escape): the same registry statement to every JSON reader (replay would apply it), so refused too.
        String payload = new String(org.computegov.ledger.dsse.Envelope.parse(s.envelope()).payload(), StandardCharsets.UTF_8);
        for (String disguise : List.of("https:\\/\\/computegov.org\\/attestation\\/registry-",
                "https://computegov.org/attestation/\\u0072egistry-")) {
            String escaped = payload.replace("https://computegov.org/attestation/registry-", disguise);
            assertThat(escaped).isNotEqualTo(payload);
            byte[] envelope = org.computegov.ledger.dsse.Dsse.sign("application/vnd.in-toto+json",
                    escaped.getBytes(StandardCharsets.UTF_8),
                    List.of(new org.computegov.ledger.dsse.Ed25519DsseSigner(provA.keyId(), provA.key().privateKey()))).toJson();
            assertThat(org.computegov.registry.statement.StatementReader.read(envelope).kind()).isEqualTo(Kind.CUSTOMER.wire());
            HttpResponse<String> disguised = registry.send(HttpRequest.newBuilder().header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(envelope)), "/api/v1/log/entries");
            assertRawProblem(disguised, 400, "registry-statement");
        }
        registry.assertUnchanged(before, "registry statements on the raw log path");

        // The key is trusted there: another kind of fact is appended, and the registry steps over it.
        byte[] fact = org.computegov.ledger.dsse.Dsse.sign("application/vnd.in-toto+json",
                ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"x\",\"digest\":{\"sha256\":\""
                        + "0".repeat(64) + "\"}}],\"predicateType\":\"https://computegov.org/attestation/test/v1\","
                        + "\"predicate\":{}}").getBytes(StandardCharsets.UTF_8),
                List.of(new org.computegov.ledger.dsse.Ed25519DsseSigner("", provA.key().privateKey()))).toJson();
        HttpResponse<String> ok = registry.send(HttpRequest.newBuilder().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(fact)), "/api/v1/log/entries");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        assertThat(registry.logSize()).isEqualTo(before.logSize() + 1);
        assertThat(registry.stats()).isEqualTo(before.stats());
        Answer accepted = assertAccepted(provA.submit(s));
        assertThat(accepted.body().get("logIndex").asLong()).isEqualTo(before.logSize() + 1);
    }

    private static void assertRawProblem(HttpResponse<String> r, int status, String kind) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.get("type").asText()).isEqualTo(org.computegov.api.Problem.TYPE_BASE + kind);
        assertThat(p.get("status").asInt()).isEqualTo(status);
    }

    @Test
    @Order(30)
    void everythingAcceptedReplaysEqual() throws Exception {
        Answer a = regulator.client().post("/api/v1/registry/replay");
        assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
        assertThat(a.body().get("refused").asLong()).as(a.body().toString()).isZero();
        for (JsonNode t : a.body().get("tables")) {
            assertThat(t.get("onlyLive").asLong() + t.get("onlyReplayed").asLong()).as(t.toString()).isZero();
        }
    }
}
