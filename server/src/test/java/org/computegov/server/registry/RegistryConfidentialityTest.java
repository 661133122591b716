package org.computegov.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.computegov.server.registry.RegistryHarness.CLOCK;
import static org.computegov.server.registry.RegistryHarness.JSON;
import static org.computegov.server.registry.RegistryHarness.access;
import static org.computegov.server.registry.RegistryHarness.accessEvent;
import static org.computegov.server.registry.RegistryHarness.assertAccepted;
import static org.computegov.server.registry.RegistryHarness.assertProblem;
import static org.computegov.server.registry.RegistryHarness.customer;
import static org.computegov.server.registry.RegistryHarness.customerRecord;
import static org.computegov.server.registry.RegistryHarness.owner;
import static org.computegov.server.registry.RegistryHarness.run;
import static org.computegov.server.registry.RegistryHarness.runDeclaration;
import static org.computegov.server.registry.RegistryHarness.usage;
import static org.computegov.server.registry.RegistryHarness.usageRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.computegov.ledger.httpsig.HttpRequestView;
import org.computegov.ledger.httpsig.MessageSigner;
import org.computegov.ledger.httpsig.SignatureHeaders;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.registry.client.RegistryClient.Answer;
import org.computegov.server.registry.RegistryHarness.TestActor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the public sees and what each actor may read. A KYC record, its access events and a run declaration carry
 * distinctive strings; none of them may appear in any public output (every log entry, every entry bundle, the
 * statistics, the actor list), while the regulator reads them all. Reads need a valid RFC 9421 signature and are
 * filtered by who signed.
 */
class RegistryConfidentialityTest {
    static final String LEGAL_NAME = "Quintessa Obsidian Dynamics Pte. Ltd.";
    static final String EMAIL = "ceo@quintessa-obsidian.example";
    static final String PHONE = "+6591234567";
    static final String OWNER = "Evangelina Thistlewood";
    static final String ALIAS = "Obsidian Quintessa";
    static final String ADDRESS = "77 Thistlewood Crescent";
    static final String IP = "203.0.113.77";
    static final String IPV6 = "2001:db8:77::beef";
    static final String RUN_NAME = "Project Nightjar Omega";
    /** The provider's account id and the developer's run id are part of the sealed records too. */
    static final String ACCOUNT = "acct-secret";
    static final String RUN_ID = "nightjar";
    static final List<String> SECRETS = List.of(LEGAL_NAME, EMAIL, PHONE, OWNER, ALIAS, ADDRESS, IP, IPV6, RUN_NAME,
            ACCOUNT, RUN_ID);
    static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));

    @TempDir static Path data;
    static RegistryHarness registry;
    static TestActor regulator;
    static TestActor provA;
    static TestActor provB;
    static TestActor devA;
    static TestActor devB;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryHarness.start(data);
        regulator = registry.regulator;
        provA = registry.register("prov-a", "US", "compute-provider");
        provB = registry.register("prov-b", "US", "compute-provider");
        devA = registry.register("dev-a", "US", "developer");
        devB = registry.register("dev-b", "GB", "developer");

        // prov-a's customer: a Singapore company, so foreign to prov-a, whose accesses carry IP addresses.
        ObjectNode secret = customerRecord("acct-secret", LEGAL_NAME, "SG", owner(OWNER, "SG", "SG-PASSPORT:K7731234"));
        secret.putArray("aliases").add(ALIAS);
        ((ArrayNode) secret.get("address").get("lines")).removeAll().add(ADDRESS);
        secret.put("email", EMAIL).put("phone", PHONE);
        assertAccepted(provA.submit(customer(provA, secret)));
        ArrayNode events = JSON.createArrayNode().add(accessEvent("acct-secret", IP, DAY))
                .add(accessEvent("acct-secret", IPV6, DAY.plus(Duration.ofHours(3))));
        assertAccepted(provA.submit(access(provA, "acct-secret", events)));
        assertAccepted(provB.submit(customer(provB, customerRecord("acct-b", "Plain Customer Inc.", "US",
                owner("Plain Owner", "US", null)))));

        ObjectNode declaration = RegistryHarness.trainsOn(runDeclaration("nightjar", 5e24, null).put("name", RUN_NAME), "prov-a");
        assertAccepted(devA.submit(run(devA, declaration)));
        assertAccepted(devB.submit(run(devB, RegistryHarness.trainsOn(runDeclaration("other", 1e24, null), "prov-b"))));
        assertAccepted(provA.submit(usage(provA, JSON.createArrayNode()
                .add(usageRecord("prov-a", "acct-secret", 64, DAY, DAY.plus(Duration.ofHours(10)), "dev-a/nightjar", "j-1"))
                .add(usageRecord("prov-a", "acct-secret", 64, DAY, DAY.plus(Duration.ofHours(10)), null, "j-2")))));
        assertAccepted(provB.submit(usage(provB, JSON.createArrayNode()
                .add(usageRecord("prov-b", "acct-b", 8, DAY, DAY.plus(Duration.ofHours(2)), "dev-b/other", "j-1")))));
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    static JsonNode ok(Answer a) {
        assertThat(a.status()).as("%s", a.body()).isEqualTo(200);
        return a.body();
    }

    /** A refusal's problem body without its "instance", which only repeats the path the caller asked for. */
    static String withoutInstance(JsonNode problem) {
        return ((com.fasterxml.jackson.databind.node.ObjectNode) problem.deepCopy()).without("instance").toString();
    }

    static void assertNoSecret(String output, String where) {
        String lower = output.toLowerCase(Locale.ROOT);
        for (String s : SECRETS) {
            assertThat(lower).as("%s must not contain '%s'", where, s).doesNotContain(s.toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void theRegulatorReadsTheConfidentialRecords() throws Exception {
        // So that the absence below means something: every distinctive string is in what the regulator reads.
        JsonNode c = ok(regulator.get("/api/v1/registry/customers/prov-a/acct-secret"));
        JsonNode run = ok(regulator.get("/api/v1/registry/runs/dev-a/nightjar"));
        String all = c.toString() + run.toString();
        for (String s : SECRETS) {
            assertThat(all).contains(s);
        }
        assertThat(c.get("accessEvents")).extracting(e -> e.get("ipAddress").asText()).containsExactly(IP, IPV6);
        assertThat(ok(regulator.get("/api/v1/registry/customers"))).extracting(x -> x.get("provider").asText() + "/"
                + x.get("customerId").asText()).containsExactly("prov-a/acct-secret", "prov-b/acct-b");
        assertThat(ok(regulator.get("/api/v1/registry/owners")).toString()).contains(OWNER);
        assertThat(ok(regulator.get("/api/v1/registry/runs"))).hasSize(2);
        assertThat(ok(regulator.get("/api/v1/registry/usage"))).hasSize(3);
        // The provider reads its own customer's record too.
        assertThat(ok(provA.get("/api/v1/registry/customers/prov-a/acct-secret")).get("record").get("legalName").asText())
                .isEqualTo(LEGAL_NAME);
    }

    @Test
    void noPublicOutputContainsAConfidentialString() throws Exception {
        List<byte[]> entries = registry.logEntries();
        assertThat(entries).hasSizeGreaterThanOrEqualTo(11);
        for (int i = 0; i < entries.size(); i++) {
            assertNoSecret(RegistryHarness.envelopeText(entries.get(i)), "log entry " + i);
        }
        int bundled = 0;
        for (byte[] bundle : registry.entryBundles()) {
            assertNoSecret(new String(bundle, StandardCharsets.ISO_8859_1), "an entry bundle");
            for (byte[] entry : RegistryHarness.bundleEntries(bundle)) {
                assertNoSecret(RegistryHarness.envelopeText(entry), "entry " + bundled + " of a bundle");
                bundled++;
            }
        }
        assertThat(bundled).isEqualTo(entries.size());
        assertNoSecret(ok(registry.publicClient().get("/api/v1/registry/stats")).toString(), "stats");
        assertNoSecret(ok(registry.publicClient().get("/api/v1/registry/actors")).toString(), "actors");
        assertNoSecret(new String(registry.getBytes("/log/checkpoint"), StandardCharsets.UTF_8), "checkpoint");
        // The statistics count without naming: one foreign customer, two customers.
        JsonNode stats = registry.stats();
        assertThat(stats.get("customers").asInt()).isEqualTo(2);
        assertThat(stats.get("foreignCustomers").asInt()).isEqualTo(1);
    }

    @Test
    void unsignedReadsOfConfidentialDataAre401() throws Exception {
        for (String path : List.of("/api/v1/registry/customers", "/api/v1/registry/customers/prov-a/acct-secret",
                "/api/v1/registry/usage", "/api/v1/registry/runs", "/api/v1/registry/runs/dev-a/nightjar",
                "/api/v1/registry/owners", "/api/v1/registry/obligations", "/api/v1/registry/alerts",
                "/api/v1/registry/screening?name=Quintessa")) {
            Answer a = registry.publicClient().get(path);
            assertProblem(a, 401, "signature-required");
            assertNoSecret(withoutInstance(a.body()), "the answer to an unsigned GET " + path);
        }
        assertProblem(registry.publicClient().post("/api/v1/registry/replay"), 401, "signature-required");
    }

    @Test
    void eachActorReadsItsOwn() throws Exception {
        // Providers: their own customers only.
        Answer other = provB.get("/api/v1/registry/customers/prov-a/acct-secret");
        assertProblem(other, 403, "forbidden");
        assertNoSecret(withoutInstance(other.body()), "prov-b's refused read");
        assertProblem(provA.get("/api/v1/registry/customers/prov-b/acct-b"), 403, "forbidden");
        assertProblem(provA.get("/api/v1/registry/customers?provider=prov-b"), 403, "forbidden");
        assertThat(ok(provB.get("/api/v1/registry/customers"))).extracting(x -> x.get("customerId").asText())
                .containsExactly("acct-b");
        assertThat(ok(provB.get("/api/v1/registry/usage"))).extracting(x -> x.get("provider").asText()).containsExactly("prov-b");
        assertProblem(provB.get("/api/v1/registry/usage?provider=prov-a"), 403, "forbidden");
        assertProblem(provA.get("/api/v1/registry/owners"), 403, "forbidden");
        assertProblem(provA.get("/api/v1/registry/runs"), 403, "forbidden");
        assertProblem(provA.client().post("/api/v1/registry/replay"), 403, "forbidden");

        // Developers: their own runs, and the usage attributed to them.
        assertThat(ok(devB.get("/api/v1/registry/runs"))).extracting(r -> r.get("developer").asText() + "/"
                + r.get("runId").asText()).containsExactly("dev-b/other");
        Answer foreignRun = devB.get("/api/v1/registry/runs/dev-a/nightjar");
        assertProblem(foreignRun, 403, "forbidden");
        assertNoSecret(withoutInstance(foreignRun.body()), "dev-b's refused read");
        assertThat(ok(devA.get("/api/v1/registry/runs/dev-a/nightjar")).get("name").asText()).isEqualTo(RUN_NAME);
        assertThat(ok(devA.get("/api/v1/registry/usage"))).extracting(u -> u.get("runId").asText())
                .containsExactly("dev-a/nightjar");
        assertProblem(devA.get("/api/v1/registry/customers"), 403, "forbidden");
        assertProblem(devA.get("/api/v1/registry/owners"), 403, "forbidden");
    }

    @Test
    void aBadRequestSignatureIs401NotAPublicAnswer() throws Exception {
        String customers = "/api/v1/registry/customers";
        // Signed for one request, sent as another: another path, or the same path with a query added.
        assertSigned(sign(provA.key(), customers), "/api/v1/registry/usage", 401, "signature-not-verified");
        assertSigned(sign(provA.key(), customers), customers + "?provider=prov-b", 401, "signature-not-verified");
        // Not verifiable: a garbled signature, a signature without its input, an unregistered key.
        SignatureHeaders good = sign(provA.key(), customers);
        String garbled = good.signature().replaceFirst(":[A-Za-z0-9+/]{4}", ":AAAA");
        assertThat(garbled).isNotEqualTo(good.signature());
        assertSigned(new SignatureHeaders(good.signatureInput(), garbled), customers, 401, "signature-not-verified");
        HttpResponse<String> onlySignature = registry.send(HttpRequest.newBuilder().GET()
                .header(SignatureHeaders.SIGNATURE, good.signature()), customers);
        assertRefused(onlySignature, 401);
        assertSigned(sign(SignerKey.generate("prov-a/stray"), customers), customers, 401, "unknown-key");
        // Stale: signed ten minutes ago.
        SignatureHeaders stale = MessageSigner.builder(provA.key().privateKey(), provA.keyId())
                .clock(java.time.Clock.offset(CLOCK, Duration.ofMinutes(-10))).build()
                .sign(HttpRequestView.of("GET", registry.base().resolve(customers).toString(), Map.of()));
        assertSigned(stale, customers, 401, "signature-not-verified");
        // The right one answers.
        assertSigned(sign(provA.key(), customers), customers, 200, null);
    }

    private static SignatureHeaders sign(SignerKey key, String pathAndQuery) {
        return MessageSigner.builder(key.privateKey(), org.computegov.registry.statement.StatementWriter.keyId(key))
                .clock(CLOCK).expiresAfter(Duration.ofMinutes(1)).nonces(() -> java.util.UUID.randomUUID().toString()).build()
                .sign(HttpRequestView.of("GET", registry.base().resolve(pathAndQuery).toString(), Map.of()));
    }

    private static void assertSigned(SignatureHeaders h, String pathAndQuery, int status, String kind) throws Exception {
        HttpResponse<String> r = registry.send(HttpRequest.newBuilder().GET()
                .header(SignatureHeaders.SIGNATURE_INPUT, h.signatureInput()).header(SignatureHeaders.SIGNATURE, h.signature()),
                pathAndQuery);
        if (status == 200) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return;
        }
        JsonNode p = assertRefused(r, status);
        assertThat(p.get("type").asText()).isEqualTo(org.computegov.api.Problem.TYPE_BASE + kind);
    }

    private static JsonNode assertRefused(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
        assertNoSecret(r.body(), "a refused read");
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.isObject() && p.has("type") && p.has("status")).as(r.body()).isTrue();
        return p;
    }
}
