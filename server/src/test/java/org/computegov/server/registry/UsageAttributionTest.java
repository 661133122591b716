package org.computegov.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.computegov.server.registry.RegistryHarness.JSON;
import static org.computegov.server.registry.RegistryHarness.assertAccepted;
import static org.computegov.server.registry.RegistryHarness.assertProblem;
import static org.computegov.server.registry.RegistryHarness.correction;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.computegov.registry.client.RegistryClient.Answer;
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
 * Attribution of usage (issue 12): a provider charges compute to a run only through a link the registry can check
 * (the run's declaration lists the provider or the account, or the provider's KYC record names the developer), and
 * only for customers it has a KYC record of. Everything else is refused with a problem naming the jobs, and appends
 * nothing; so are empty and fully repeated reports. Replay decides the same.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UsageAttributionTest {
    static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(3));

    @TempDir static Path data;
    static RegistryHarness registry;
    static TestActor cloudA;
    static TestActor cloudB;
    static TestActor bioLab;
    static TestActor otherLab;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryHarness.start(data);
        cloudA = registry.register("cloud-a", "US", "compute-provider");
        cloudB = registry.register("cloud-b", "DE", "compute-provider");
        // The registered names are what a KYC record is compared with.
        bioLab = registry.as("bio-lab", registerNamed("bio-lab", "Bio Models Ltd", "GB"));
        otherLab = registry.register("other-lab", "US", "developer");
        assertAccepted(bioLab.submit(run(bioLab, runDeclaration("protein-1", 3e23, null))));
        // cloud-a's customer is bio-lab itself (its KYC record gives bio-lab's name, spelt its own way).
        assertAccepted(cloudA.submit(customer(cloudA, customerRecord("acct-bio", "BIO MODELS LIMITED", "GB",
                owner("Bio Models Group plc", "GB", null)))));
        // cloud-b's customers have nothing to do with bio-lab.
        assertAccepted(cloudB.submit(customer(cloudB, customerRecord("acct-x", "Unrelated Analytics GmbH", "DE",
                owner("Unrelated Holding AG", "DE", null)))));
        assertAccepted(cloudB.submit(customer(cloudB, customerRecord("acct-y", "Contract Trainer GmbH", "DE",
                owner("Contract Holding AG", "DE", null)))));
    }

    /** Registers a developer with a given organization name (the harness names actors "Actor <id>"). */
    static org.computegov.ledger.keys.SignerKey registerNamed(String id, String name, String jurisdiction) throws Exception {
        var key = org.computegov.ledger.keys.SignerKey.generate(id + "/main");
        ObjectNode p = RegistryHarness.predicate(registry.regulator);
        ObjectNode a = p.putObject("actor");
        a.put("id", id).put("name", name).put("jurisdiction", jurisdiction);
        a.putArray("roles").add("developer");
        a.putArray("keys").add(key.verifierKey().encode());
        assertAccepted(registry.regulator.submit(registry.regulator.writer().publicStatement(Kind.ACTOR.wire(),
                "actor:" + id, p, null, null)));
        return key;
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    static ArrayNode records(TestActor provider, String customer, String run, String... jobs) {
        ArrayNode a = JSON.createArrayNode();
        for (int i = 0; i < jobs.length; i++) {
            Instant start = DAY.plus(Duration.ofHours(i));
            a.add(usageRecord(provider.id(), customer, 64, start, start.plus(Duration.ofHours(1)), run, jobs[i]));
        }
        return a;
    }

    static JsonNode refused(TestActor by, Submission s, int status, String kind, String why) throws Exception {
        Snapshot before = registry.snapshot();
        JsonNode p = assertProblem(by.submit(s), status, kind);
        registry.assertUnchanged(before, why);
        return p;
    }

    static List<String> accountsOfRunUsage(String run) throws Exception {
        Answer a = bioLab.get("/api/v1/registry/usage?run=" + run);
        assertThat(a.status()).as("%s", a.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        a.body().forEach(r -> out.add(r.path("provider").asText() + "/" + r.path("customer").asText()));
        return out;
    }

    @Test
    @Order(1)
    void anotherProvidersAccountCannotChargeBioLabsRun() throws Exception {
        // The case: cloud-b charges bio-lab/protein-1 to an account that has nothing to do with bio-lab.
        JsonNode p = refused(cloudB, usage(cloudB, records(cloudB, "acct-x", "bio-lab/protein-1", "x-1", "x-2")), 409,
                "usage-run-not-linked", "usage of an unlinked account naming bio-lab's run");
        assertThat(p.path("detail").asText()).contains("bio-lab/protein-1", "cloud-b/acct-x", "job x-1", "job x-2");
        assertThat(p.path("hint").asText()).contains("providers");
        assertThat(accountsOfRunUsage("bio-lab/protein-1")).isEmpty();
    }

    @Test
    @Order(2)
    void theProvidersKycRecordNamingTheDeveloperLinksTheAccount() throws Exception {
        Answer a = assertAccepted(cloudA.submit(usage(cloudA, records(cloudA, "acct-bio", "bio-lab/protein-1", "b-1", "b-2"))));
        assertThat(a.body().path("summary").path("accepted").asInt()).isEqualTo(2);
        assertThat(accountsOfRunUsage("bio-lab/protein-1")).containsOnly("cloud-a/acct-bio");
        // A beneficial owner named as the developer links as well: other-lab owns cloud-b's acct-z.
        assertAccepted(otherLab.submit(run(otherLab, runDeclaration("o-1", 1e23, null))));
        assertAccepted(cloudB.submit(customer(cloudB, customerRecord("acct-z", "Z Trainer GmbH", "DE",
                owner("Actor Other-Lab", "US", null)))));
        assertAccepted(cloudB.submit(usage(cloudB, records(cloudB, "acct-z", "other-lab/o-1", "z-1"))));
    }

    @Test
    @Order(3)
    void theDevelopersDeclarationLinksAProviderOrOneAccount() throws Exception {
        // bio-lab says it trains protein-2 on cloud-b's acct-y only.
        ObjectNode d = runDeclaration("protein-2", 1e23, null);
        d.putArray("accounts").add("cloud-b/acct-y");
        assertAccepted(bioLab.submit(run(bioLab, d)));
        assertAccepted(cloudB.submit(usage(cloudB, records(cloudB, "acct-y", "bio-lab/protein-2", "y-1"))));
        refused(cloudB, usage(cloudB, records(cloudB, "acct-x", "bio-lab/protein-2", "x-3")), 409, "usage-run-not-linked",
                "another account of the same provider");
        // Declaring the provider links all its accounts; the run's read shows the links to its developer.
        ObjectNode again = runDeclaration("protein-2", 1e23, null);
        again.putArray("providers").add("cloud-b");
        assertAccepted(bioLab.submit(run(bioLab, again)));
        assertAccepted(cloudB.submit(usage(cloudB, records(cloudB, "acct-x", "bio-lab/protein-2", "x-3"))));
        assertThat(accountsOfRunUsage("bio-lab/protein-2")).containsExactlyInAnyOrder("cloud-b/acct-y", "cloud-b/acct-x");
        JsonNode read = bioLab.get("/api/v1/registry/runs/bio-lab/protein-2").body();
        assertThat(read.path("providers").toString()).isEqualTo("[\"cloud-b\"]");
        // A link is a well-formed provider or account: a bad one is named.
        ObjectNode bad = runDeclaration("protein-3", 1e23, null);
        bad.putArray("accounts").add("cloud-b");
        JsonNode p = refused(bioLab, run(bioLab, bad), 400, "invalid-statement", "an account without a customer");
        assertThat(p.path("field").asText()).isEqualTo("sealed.payload.accounts[0]");
    }

    @Test
    @Order(4)
    void usageOfAnUnknownRunOrOfACustomerWithoutKycIsRefused() throws Exception {
        JsonNode p = refused(cloudA, usage(cloudA, records(cloudA, "acct-bio", "bio-lab/protein-9", "u-1")), 404,
                "usage-run-undeclared", "usage naming an undeclared run");
        assertThat(p.path("detail").asText()).contains("bio-lab/protein-9", "job u-1");
        p = refused(cloudA, usage(cloudA, records(cloudA, "acct-nobody", null, "n-1", "n-2")), 409,
                "usage-customer-unidentified", "usage of a customer without a KYC record");
        assertThat(p.path("detail").asText()).contains("acct-nobody", "job n-1", "job n-2");
        // One unidentified record refuses the whole batch: nothing of it is counted.
        ArrayNode mixed = records(cloudA, "acct-bio", null, "m-1");
        mixed.addAll(records(cloudA, "acct-nobody", null, "m-2"));
        refused(cloudA, usage(cloudA, mixed), 409, "usage-customer-unidentified", "a batch with one unidentified record");
    }

    @Test
    @Order(5)
    void emptyAndFullyRepeatedReportsAppendNothing() throws Exception {
        refused(cloudA, usage(cloudA, JSON.createArrayNode()), 400, "invalid-statement", "an empty usage statement");
        JsonNode p = refused(cloudA, usage(cloudA, records(cloudA, "acct-bio", "bio-lab/protein-1", "b-1", "b-2")), 409,
                "usage-nothing-new", "a fully repeated usage statement");
        assertThat(p.path("detail").asText()).contains("2 record(s)");
        // Partly repeated: the new record counts, the known one is counted as a duplicate.
        Answer a = assertAccepted(cloudA.submit(usage(cloudA, records(cloudA, "acct-bio", "bio-lab/protein-1", "b-1", "b-2", "b-3"))));
        assertThat(a.body().path("summary").path("accepted").asInt()).isEqualTo(1);
        assertThat(a.body().path("summary").path("duplicates").asInt()).isEqualTo(2);
        // Known with other values: refused, every such record named.
        ArrayNode changed = records(cloudA, "acct-bio", "bio-lab/protein-1", "b-1", "b-2");
        ((ObjectNode) changed.get(0)).put("chipCount", 65);
        ((ObjectNode) changed.get(1)).put("chipCount", 66);
        p = refused(cloudA, usage(cloudA, changed), 409, "usage-record-differs", "changed records");
        assertThat(p.path("detail").asText()).contains("2 record(s)", "job b-1", "job b-2");
    }

    @Test
    @Order(6)
    void aCorrectionCannotMoveUsageToAnUnlinkedRun() throws Exception {
        // x-3 was reported for bio-lab/protein-2; cloud-b moving it to other-lab's run needs a link it lacks.
        ArrayNode replace = records(cloudB, "acct-x", "other-lab/o-1", "x-3");
        refused(cloudB, correction(cloudB, replace, List.of()), 409, "usage-run-not-linked",
                "a correction moving usage to an unlinked run");
    }

    @Test
    @Order(7)
    void aRunOnABaseModelShowsItsFindingsAtDeclaration() throws Exception {
        // A fine-tune of an external 2e26 model: SB 53's 1e26 is crossed before any usage arrives.
        ObjectNode d = runDeclaration("protein-ft", 1e23, null).put("baseModelFlop", 2e26);
        Answer a = assertAccepted(bioLab.submit(run(bioLab, d)));
        List<String> crossed = new ArrayList<>();
        a.body().path("summary").path("alerts").forEach(al -> {
            if (al.path("crossed").asBoolean()) {
                crossed.add(al.path("regime").asText());
            }
        });
        assertThat(crossed).contains("US-CA-SB53-model");
        JsonNode read = bioLab.get("/api/v1/registry/runs/bio-lab/protein-ft").body();
        assertThat(read.path("usageRecords").asLong()).isZero();
        List<String> findings = new ArrayList<>();
        read.path("findings").forEach(f -> {
            if (f.path("verdict").asText().equals("CROSSED")) {
                findings.add(f.path("regime").asText());
            }
        });
        assertThat(findings).contains("US-CA-SB53-model");
    }

    @Test
    @Order(8)
    void replayDecidesTheSame() throws Exception {
        Answer a = registry.regulator.client().post("/api/v1/registry/replay");
        assertThat(a.status()).as("%s", a.body()).isEqualTo(200);
        JsonNode report = a.body();
        assertThat(report.get("refused").asLong()).as("%s", report).isZero();
        for (JsonNode t : report.get("tables")) {
            assertThat(t.get("onlyLive").asLong() + t.get("onlyReplayed").asLong()).as("%s", t).isZero();
        }
    }
}
