package org.computegov.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.computegov.server.registry.RegistryHarness.JSON;
import static org.computegov.server.registry.RegistryHarness.alloc;
import static org.computegov.server.registry.RegistryHarness.allocAward;
import static org.computegov.server.registry.RegistryHarness.allocCall;
import static org.computegov.server.registry.RegistryHarness.allocProposal;
import static org.computegov.server.registry.RegistryHarness.allocResource;
import static org.computegov.server.registry.RegistryHarness.allocReview;
import static org.computegov.server.registry.RegistryHarness.assertAccepted;
import static org.computegov.server.registry.RegistryHarness.assertProblem;
import static org.computegov.server.registry.RegistryHarness.customer;
import static org.computegov.server.registry.RegistryHarness.customerRecord;
import static org.computegov.server.registry.RegistryHarness.owner;
import static org.computegov.server.registry.RegistryHarness.usage;
import static org.computegov.server.registry.RegistryHarness.usageRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
 * Allocation programmes end to end through the API: a programme, a provider's resource with a rate change that applies
 * only from its date, a call, proposals (ORCID checked, tiers), review, award, draw-down by real usage records that
 * the provider reports to accounting, progress report and release of the second half, change requests, the Slurm
 * export, refusals with the log unchanged, reads per role, and replay equal.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AllocationApiTest {
    @TempDir static Path data;
    static RegistryHarness registry;
    static TestActor regulator;
    static TestActor provA;
    static TestActor provB;
    static TestActor lab;
    static TestActor otherLab;
    static TestActor reviewer;
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(3));

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryHarness.start(data);
        regulator = registry.regulator;
        provA = registry.register("prov-a", "US", "compute-provider");
        provB = registry.register("prov-b", "DE", "compute-provider");
        lab = registry.register("lab", "US", "developer");
        otherLab = registry.register("other-lab", "US", "developer");
        reviewer = registry.register("panel-1", "GB", "evaluator");
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    static JsonNode refused(TestActor by, Submission s, int status, String kind, String field) throws Exception {
        Snapshot before = registry.snapshot();
        JsonNode p = assertProblem(by.submit(s), status, kind);
        if (field != null) {
            assertThat(p.get("field").asText()).isEqualTo(field);
        }
        registry.assertUnchanged(before, kind + " " + field);
        return p;
    }

    @Test
    @Order(1)
    void programmeResourceRatesAndCall() throws Exception {
        assertAccepted(regulator.submit(alloc(regulator, Kind.ALLOC_PROGRAMME, JSON.createObjectNode()
                .put("programme", "nairr").put("name", "NAIRR pilot"))));
        assertAccepted(provA.submit(alloc(provA, Kind.ALLOC_RESOURCE, allocResource("pa-h100", "nairr", "H100", "c1", "2026-01-01", 2))));
        // A rate change may not be dated before the day it is made: it would re-price usage that already ran.
        JsonNode back = refused(provA, alloc(provA, Kind.ALLOC_RESOURCE, allocResource("pa-h100", "nairr", "H100", "c1",
                TODAY.minusDays(1).toString(), 3)), 400, "invalid-statement", "predicate.allocation.effectiveFrom");
        assertThat(back.get("detail").asText()).contains("never re-prices the past");
        // Only the provider offering it changes its rate.
        refused(provB, alloc(provB, Kind.ALLOC_RESOURCE, allocResource("pa-h100", "nairr", "H100", "c1",
                TODAY.plusDays(10).toString(), 3)), 403, "forbidden", null);
        assertAccepted(provA.submit(alloc(provA, Kind.ALLOC_RESOURCE, allocResource("pa-h100", "nairr", "H100", "c1",
                TODAY.plusDays(10).toString(), 4))));
        // A resource in a programme that does not exist; a call offering a resource the programme lacks.
        refused(provA, alloc(provA, Kind.ALLOC_RESOURCE, allocResource("x", "nope", "H100", "c1", "2026-01-01", 1)),
                404, "not-found", null);
        refused(regulator, alloc(regulator, Kind.ALLOC_CALL, allocCall("call-1", "nairr", "pb-a100")), 400,
                "invalid-statement", "predicate.allocation.resources");
        assertAccepted(regulator.submit(alloc(regulator, Kind.ALLOC_CALL, allocCall("call-1", "nairr", "pa-h100"))));

        JsonNode programmes = registry.publicClient().get("/api/v1/allocation/programmes").body().get("programmes");
        JsonNode rates = programmes.get(0).get("resources").get(0).get("rates");
        assertThat(rates).hasSize(2);
        assertThat(rates.get(1).get("effectiveFrom").asText()).isEqualTo(TODAY.plusDays(10).toString());
        assertThat(programmes.get(0).get("resources").get(0).get("tres").asText()).isEqualTo("gres/gpu:h100");
        // Credits ↔ GPU-hours ↔ FLOP: an H100-hour is 989.4 TFLOP/s dense FP16 × 3,600 s at peak; at 2 credits, half that.
        assertThat(programmes.get(0).get("resources").get(0).get("peakFlopPerGpuHour").asDouble()).isCloseTo(989.4e12 * 3600, within(1e9));
        assertThat(rates.get(0).get("peakFlopPerCredit").asDouble()).isCloseTo(989.4e12 * 3600 / 2, within(1e9));
        assertThat(rates.get(1).get("peakFlopPerCredit").asDouble()).isCloseTo(989.4e12 * 3600 / 4, within(1e9));
        assertThat(programmes.get(0).get("calls").get(0).get("tiers").toString()).isEqualTo("[\"EXPLORE\",\"DISCOVER\",\"ACCELERATE\"]");
    }

    @Test
    @Order(2)
    void proposalsReviewAndAward() throws Exception {
        ObjectNode badOrcid = allocProposal("P-1", "call-1", "pa-h100", "accelerate", 3_000_000).put("piOrcid", "0000-0002-1825-0098");
        JsonNode p = refused(lab, alloc(lab, Kind.ALLOC_PROPOSAL, badOrcid), 400, "invalid-statement", "sealed.payload.piOrcid");
        assertThat(p.get("detail").asText()).contains("check character");
        refused(lab, alloc(lab, Kind.ALLOC_PROPOSAL, allocProposal("P-1", "call-1", "pa-h100", "explore", 400_001)), 400,
                "invalid-statement", "sealed.payload.requested");
        assertAccepted(lab.submit(alloc(lab, Kind.ALLOC_PROPOSAL, allocProposal("P-1", "call-1", "pa-h100", "accelerate", 3_000_000))));
        assertAccepted(otherLab.submit(alloc(otherLab, Kind.ALLOC_PROPOSAL, allocProposal("P-2", "call-1", "pa-h100", "explore", 100_000))));

        // No award before review.
        refused(regulator, alloc(regulator, Kind.ALLOC_AWARD, allocAward("A-1", "P-1", "lab-x", "pa-h100", 2_000_000,
                "2026-01-01", TODAY.plusDays(365).toString())), 400, "invalid-statement", "predicate.allocation.proposal");
        assertAccepted(reviewer.submit(alloc(reviewer, Kind.ALLOC_REVIEW, allocReview("P-1", "pa-h100", 5, 2_000_000))));
        refused(reviewer, alloc(reviewer, Kind.ALLOC_REVIEW, allocReview("P-1", "pa-h100", 4, 1)), 409, "review-exists", null);
        refused(reviewer, alloc(reviewer, Kind.ALLOC_REVIEW, allocReview("P-2", "pa-h100", 6, 1)), 400, "invalid-statement",
                "sealed.payload.score");
        var a = assertAccepted(regulator.submit(alloc(regulator, Kind.ALLOC_AWARD, allocAward("A-1", "P-1", "lab-x",
                "pa-h100", 2_000_000, "2026-01-01", TODAY.plusDays(365).toString()))));
        assertThat(a.body().get("summary").get("released").asDouble()).isEqualTo(1_000_000);

        // Proposals: the regulator and the reviewer read all; a researcher its own, with the score but not the reviewer.
        assertThat(regulator.get("/api/v1/allocation/proposals").body().get("proposals")).hasSize(2);
        assertThat(reviewer.get("/api/v1/allocation/proposals").body().get("proposals")).hasSize(2);
        JsonNode own = lab.get("/api/v1/allocation/proposals").body().get("proposals");
        assertThat(own).hasSize(1);
        assertThat(own.get(0).get("piOrcid").asText()).isEqualTo("0000-0002-1825-0097");
        assertThat(own.get(0).get("reviews").get(0).get("score").asInt()).isEqualTo(5);
        assertThat(own.get(0).get("reviews").get(0).has("reviewer")).isFalse();
        assertProblem(provA.get("/api/v1/allocation/proposals"), 403, "forbidden");
        assertProblem(registry.publicClient().get("/api/v1/allocation/proposals"), 401, "signature-required");
    }

    @Test
    @Order(3)
    void usageRecordsDrawTheAwardDown() throws Exception {
        assertAccepted(provA.submit(customer(provA, customerRecord("lab-x", "Lab X University", "US", owner("Lab X", "US", null)))));
        ArrayNode records = JSON.createArrayNode();
        records.add(usageRecord("prov-a", "lab-x", 8, DAY, DAY.plus(Duration.ofHours(10)), null, "j1"));        // 80 GPU-h
        records.add(usageRecord("prov-a", "lab-x", 4, DAY.minus(Duration.ofDays(1)),
                DAY.minus(Duration.ofDays(1)).plus(Duration.ofHours(10)), null, "j2"));                             // 40 GPU-h
        records.add(usageRecord("prov-a", "lab-x", 2, DAY, DAY.plus(Duration.ofHours(1)), null, "j3").put("cluster", "c2"));
        assertAccepted(provA.submit(usage(provA, records)));

        JsonNode award = lab.get("/api/v1/allocation/awards/A-1").body();
        JsonNode line = award.get("drawDown").get(0);
        // 120 GPU-hours at 2 credits each (the rate in force when they ran), against the half released on award.
        assertThat(line.get("usedGpuHours").asDouble()).isCloseTo(120, within(1e-9));
        assertThat(line.get("usedCredits").asDouble()).isCloseTo(240, within(1e-9));
        assertThat(line.get("released").asDouble()).isEqualTo(1_000_000);
        assertThat(line.get("remainingCredits").asDouble()).isCloseTo(999_760, within(1e-6));
        assertThat(line.get("remainingGpuHours").asDouble()).isCloseTo(499_880, within(1e-6));
        assertThat(award.get("refused").get(0).get("reason").asText()).contains("not in the award");
        // After the rate change: the past keeps its price, what remains buys GPU-hours at the new rate.
        JsonNode later = lab.get("/api/v1/allocation/awards/A-1?asOf=" + TODAY.plusDays(11)).body().get("drawDown").get(0);
        assertThat(later.get("usedCredits").asDouble()).isCloseTo(240, within(1e-9));
        assertThat(later.get("remainingGpuHours").asDouble()).isCloseTo(999_760 / 4.0, within(1e-6));

        // Who reads it: the researcher, the provider, the regulator; not another provider or lab, not the public.
        assertThat(provA.get("/api/v1/allocation/awards").body().get("awards")).hasSize(1);
        assertThat(regulator.get("/api/v1/allocation/awards").body().get("awards")).hasSize(1);
        assertThat(provB.get("/api/v1/allocation/awards").body().get("awards")).isEmpty();
        assertProblem(otherLab.get("/api/v1/allocation/awards/A-1"), 403, "forbidden");
        assertProblem(registry.publicClient().get("/api/v1/allocation/awards/A-1"), 401, "signature-required");
        assertProblem(lab.get("/api/v1/allocation/awards/A-9"), 404, "not-found");
        assertThat(lab.get("/api/v1/allocation/awards/A-1?asOf=tomorrow").status()).isEqualTo(400);
    }

    @Test
    @Order(4)
    void reportReleasesTheRestAndChangesAreDecided() throws Exception {
        refused(otherLab, alloc(otherLab, Kind.ALLOC_REPORT, JSON.createObjectNode().put("award", "A-1").put("summary", "x")),
                403, "forbidden", null);
        refused(regulator, alloc(regulator, Kind.ALLOC_DECISION, JSON.createObjectNode().put("award", "A-1")
                .put("action", "accept-report")), 400, "invalid-statement", "predicate.allocation.action");
        assertAccepted(lab.submit(alloc(lab, Kind.ALLOC_REPORT, JSON.createObjectNode().put("award", "A-1").put("summary", "good progress"))));
        assertAccepted(regulator.submit(alloc(regulator, Kind.ALLOC_DECISION, JSON.createObjectNode().put("award", "A-1")
                .put("action", "accept-report"))));
        JsonNode line = lab.get("/api/v1/allocation/awards/A-1").body().get("drawDown").get(0);
        assertThat(line.get("released").asDouble()).isEqualTo(2_000_000);
        assertThat(line.get("remainingCredits").asDouble()).isCloseTo(1_999_760, within(1e-6));

        ObjectNode supplement = JSON.createObjectNode().put("award", "A-1").put("change", "s1").put("type", "supplement")
                .put("justification", "more");
        supplement.putObject("credits").put("pa-h100", 500_000);
        assertAccepted(lab.submit(alloc(lab, Kind.ALLOC_CHANGE, supplement)));
        assertAccepted(regulator.submit(alloc(regulator, Kind.ALLOC_DECISION, JSON.createObjectNode().put("award", "A-1")
                .put("action", "approve").put("change", "s1"))));
        ObjectNode tooMuch = supplement.deepCopy().put("change", "s2");
        tooMuch.putObject("credits").put("pa-h100", 600_000);
        assertAccepted(lab.submit(alloc(lab, Kind.ALLOC_CHANGE, tooMuch)));
        JsonNode over = refused(regulator, alloc(regulator, Kind.ALLOC_DECISION, JSON.createObjectNode().put("award", "A-1")
                .put("action", "approve").put("change", "s2")), 400, "invalid-statement", "predicate.allocation.change");
        assertThat(over.get("detail").asText()).contains("3,100,000", "accelerate");
        assertAccepted(regulator.submit(alloc(regulator, Kind.ALLOC_DECISION, JSON.createObjectNode().put("award", "A-1")
                .put("action", "deny").put("change", "s2"))));

        ObjectNode renewal = JSON.createObjectNode().put("award", "A-1").put("change", "r1").put("type", "renewal")
                .put("end", TODAY.plusDays(730).toString()).put("justification", "year two");
        assertAccepted(lab.submit(alloc(lab, Kind.ALLOC_CHANGE, renewal)));
        assertThat(lab.get("/api/v1/allocation/awards/A-1").body().get("status").asText()).isEqualTo("RENEWAL_REQUESTED");
        assertAccepted(regulator.submit(alloc(regulator, Kind.ALLOC_DECISION, JSON.createObjectNode().put("award", "A-1")
                .put("action", "approve").put("change", "r1"))));
        JsonNode award = lab.get("/api/v1/allocation/awards/A-1").body();
        assertThat(award.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(award.get("end").asText()).isEqualTo(TODAY.plusDays(730).toString());
        assertThat(award.get("amounts").get("pa-h100").get("awarded").asDouble()).isEqualTo(2_500_000);
        assertThat(award.get("changes")).extracting(c -> c.get("id").asText() + "=" + c.get("state").asText())
                .containsExactly("s1=APPROVED", "s2=DENIED", "r1=APPROVED");
    }

    @Test
    @Order(5)
    void sacctmgrExportPerCluster() throws Exception {
        JsonNode e = provA.get("/api/v1/allocation/export?cluster=c1&format=sacctmgr&asOf=" + TODAY).body();
        // GrpTRESMins = minutes used (120 h) + remaining credits at today's rate (2): (2,500,000 − 240) / 2 h.
        long expected = Math.round(120 * 60 + (2_500_000 - 240) / 2.0 * 60);
        assertThat(e.get("accounts").get(0).get("grpTresMins").get("gres/gpu:h100").asLong()).isEqualTo(expected);
        assertThat(e.get("file").asText()).contains("Cluster - 'c1'", "Parent - 'root'",
                "Account - 'lab-x':Description='Project P-1':Organization='lab':GrpTRESMins='gres/gpu:h100=" + expected + "'",
                "Parent - 'lab-x'", "User - 'alice':DefaultAccount='lab-x'");
        assertProblem(provB.get("/api/v1/allocation/export?cluster=c1"), 403, "forbidden");
        assertThat(provA.get("/api/v1/allocation/export?cluster=c1&format=csv").status()).isEqualTo(400);

        // A revoked award: nothing more runs, the limit is what was used.
        assertAccepted(regulator.submit(alloc(regulator, Kind.ALLOC_DECISION, JSON.createObjectNode().put("award", "A-1")
                .put("action", "revoke"))));
        JsonNode revoked = provA.get("/api/v1/allocation/export?cluster=c1").body();
        assertThat(revoked.get("accounts").get(0).get("grpTresMins").get("gres/gpu:h100").asLong()).isEqualTo(120 * 60);
        refused(lab, alloc(lab, Kind.ALLOC_REPORT, JSON.createObjectNode().put("award", "A-1").put("summary", "x")),
                409, "award-revoked", null);
    }

    @Test
    @Order(6)
    void replayRebuildsTheSameTables() throws Exception {
        var a = regulator.client().post("/api/v1/registry/replay");
        assertThat(a.status()).as("%s", a.body()).isEqualTo(200);
        assertThat(a.body().get("tables").toString()).contains("\"table\":\"alloc_award\"", "\"table\":\"alloc_rate\"",
                "\"table\":\"alloc_change\"");
        for (JsonNode t : a.body().get("tables")) {
            assertThat(t.get("onlyLive").asLong() + t.get("onlyReplayed").asLong()).as("%s", t).isZero();
        }
        assertThat(registry.stats().get("allocationAwards").asLong()).isEqualTo(1);
    }
}
