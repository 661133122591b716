package org.computegov.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.computegov.server.registry.RegistryHarness.JSON;
import static org.computegov.server.registry.RegistryHarness.assertAccepted;
import static org.computegov.server.registry.RegistryHarness.assertProblem;
import static org.computegov.server.registry.RegistryHarness.correction;
import static org.computegov.server.registry.RegistryHarness.customer;
import static org.computegov.server.registry.RegistryHarness.customerRecord;
import static org.computegov.server.registry.RegistryHarness.flop;
import static org.computegov.server.registry.RegistryHarness.owner;
import static org.computegov.server.registry.RegistryHarness.recordId;
import static org.computegov.server.registry.RegistryHarness.run;
import static org.computegov.server.registry.RegistryHarness.runDeclaration;
import static org.computegov.server.registry.RegistryHarness.trainsOn;
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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.computegov.registry.client.RegistryClient.Answer;
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
 * Compute monitoring over HTTP: one beneficial owner splitting a frontier-scale run across two providers, usage
 * reported again, conflicting, malformed and corrected, and training runs (fine-tunes counted cumulatively, the EU
 * AI Act's notification due 14 days after the crossing). Expected FLOP come from the registry's own estimator
 * ({@code UsageCompute}), never hard-coded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryMonitoringTest {
    static final String SB53 = "US-CA-SB53-model";
    static final String EU = "EU-AIA-51";
    static final String LEI = "LEI:5493001KJTIIGC8Y1R12";
    static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);

    @TempDir static Path data;
    static RegistryHarness registry;
    static TestActor regulator;
    static TestActor cloudA;
    static TestActor cloudB;
    static TestActor lab;
    static TestActor otherLab;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryHarness.start(data);
        regulator = registry.regulator;
        cloudA = registry.register("cloud-a", "US", "compute-provider");
        cloudB = registry.register("cloud-b", "DE", "compute-provider");
        lab = registry.register("lab-a", "US", "developer");
        otherLab = registry.register("lab-b", "GB", "developer");
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    /** {@code days} records of one day each, starting {@code fromDaysAgo} days ago, each about {@code flopPerDay}. */
    static ArrayNode daily(TestActor provider, String customer, String run, int fromDaysAgo, int days, double flopPerDay,
            String jobPrefix) throws Exception {
        int chips = (int) Math.round(flopPerDay / (24 * RegistryHarness.h100FlopPerChipHour()));
        ArrayNode records = JSON.createArrayNode();
        for (int d = 0; d < days; d++) {
            Instant start = TODAY.minus(Duration.ofDays(fromDaysAgo - d));
            records.add(usageRecord(provider.id(), customer, chips, start, start.plus(Duration.ofDays(1)), run, jobPrefix + d));
        }
        return records;
    }

    /** The FLOP of the first {@code n} records. */
    static double flopOfFirst(ArrayNode records, int n) throws Exception {
        ArrayNode first = JSON.createArrayNode();
        for (int i = 0; i < n; i++) {
            first.add(records.get(i));
        }
        return flop(first);
    }

    static JsonNode find(JsonNode array, Predicate<JsonNode> p) {
        for (JsonNode n : array) {
            if (p.test(n)) {
                return n;
            }
        }
        return null;
    }

    static List<JsonNode> all(JsonNode array, Predicate<JsonNode> p) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(n -> {
            if (p.test(n)) {
                out.add(n);
            }
        });
        return out;
    }

    static JsonNode ok(Answer a) {
        assertThat(a.status()).as("%s", a.body()).isEqualTo(200);
        return a.body();
    }

    static JsonNode refused(TestActor by, org.computegov.registry.statement.Submission s, int status, String kind,
            String why) throws Exception {
        Snapshot before = registry.snapshot();
        JsonNode p = assertProblem(by.submit(s), status, kind);
        registry.assertUnchanged(before, why);
        return p;
    }

    // ---- one owner, two providers ----------------------------------------------------------------------------

    static ArrayNode usageA;
    static ArrayNode usageB;

    @Test
    @Order(1)
    void anOwnerSplittingARunAcrossProvidersCrossesWhereNeitherAccountDoes() throws Exception {
        // The same LEI under two spellings of the owner's name: the identifier joins them.
        assertAccepted(cloudA.submit(customer(cloudA, customerRecord("acct-1", "Nordwind Research Inc.", "US",
                owner("Nordwind Capital", "LU", LEI)))));
        assertAccepted(cloudB.submit(customer(cloudB, customerRecord("kunde-1", "Nordwind Forschung GmbH", "DE",
                owner("Nordwind Capital S.A.", "LU", LEI)))));
        // 6e25 at cloud-a over ten days, then 5e25 at cloud-b over the next eight.
        usageA = daily(cloudA, "acct-1", null, 30, 10, 6e24, "a-");
        usageB = daily(cloudB, "kunde-1", null, 20, 8, 6.25e24, "b-");
        double flopA = flop(usageA);
        double flopB = flop(usageB);
        assertThat(flopA).isCloseTo(6e25, within(6e25 * 1e-4));
        assertThat(flopB).isCloseTo(5e25, within(5e25 * 1e-4));
        assertAccepted(cloudA.submit(usage(cloudA, usageA)));
        Answer b = assertAccepted(cloudB.submit(usage(cloudB, usageB)));
        assertThat(b.body().path("summary").path("accepted").asInt()).isEqualTo(8);

        JsonNode owners = ok(regulator.get("/api/v1/registry/owners"));
        JsonNode owner = find(owners, o -> o.get("ownerKey").asText().equals(LEI));
        assertThat(owner).as("%s", owners).isNotNull();
        assertThat(owner.get("accounts")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("cloud-a/acct-1", "cloud-b/kunde-1");
        assertThat(owner.get("flop").asDouble()).isCloseTo(flopA + flopB, within((flopA + flopB) * 1e-9));
        JsonNode sb53 = find(owner.get("findings"), f -> f.get("regime").asText().equals(SB53));
        assertThat(sb53).as("%s", owner).isNotNull();
        assertThat(sb53.get("verdict").asText()).isEqualTo("CROSSED");
        // 1e26 is passed on the seventh day at cloud-b: 6e25 + 6 × 6.25e24 = 9.75e25, + 7 × 6.25e24 = 1.0375e26.
        assertThat(flopA + flopOfFirst(usageB, 6)).isLessThan(1e26);
        assertThat(flopA + flopOfFirst(usageB, 7)).isGreaterThan(1e26);
        Instant crossedAt = Instant.parse(sb53.get("crossedAt").asText());
        assertThat(crossedAt).isEqualTo(Instant.parse(usageB.get(6).get("end").asText()));

        // Neither account crosses SB 53 on its own; the public statistics count the owner only.
        JsonNode crossing = registry.stats().get("subjectsCrossingByRegime");
        assertThat(crossing.get(SB53)).as("%s", crossing).isEqualTo(JSON.createObjectNode().put("owner", 1));
        assertThat(crossing.get(EU).get("customer").asInt()).as("each account crosses the EU's 1e25").isEqualTo(2);

        // The owner's obligations are listed for the regulator; no account has SB 53 obligations.
        JsonNode obligations = ok(regulator.get("/api/v1/registry/obligations"));
        List<JsonNode> ownerSb53 = all(obligations, o -> o.get("subjectKind").asText().equals("owner")
                && o.get("subject").asText().equals(LEI) && o.get("regime").asText().equals(SB53));
        assertThat(ownerSb53).isNotEmpty();
        assertThat(ownerSb53).hasSize(all(owner.get("obligations"), o -> o.get("regime").asText().equals(SB53)).size());
        assertThat(all(obligations, o -> o.get("subjectKind").asText().equals("customer")
                && o.get("regime").asText().equals(SB53))).isEmpty();

        // Early warnings at 50% and 80% of SB 53's 1e26, in order, before the crossing.
        JsonNode alerts = ok(regulator.get("/api/v1/registry/alerts"));
        JsonNode half = find(alerts, a -> a.get("subject").asText().equals(LEI) && a.get("regime").asText().equals(SB53)
                && a.get("fraction").asDouble() == 0.5);
        JsonNode most = find(alerts, a -> a.get("subject").asText().equals(LEI) && a.get("regime").asText().equals(SB53)
                && a.get("fraction").asDouble() == 0.8);
        assertThat(half).as("%s", alerts).isNotNull();
        assertThat(most).as("%s", alerts).isNotNull();
        Instant halfAt = Instant.parse(half.get("reachedAt").asText());
        Instant mostAt = Instant.parse(most.get("reachedAt").asText());
        // 5e25 is reached at cloud-a (day 9 of 10: 9 × 6e24 = 5.4e25), 8e25 at cloud-b (day 4: 6e25 + 4 × 6.25e24).
        assertThat(halfAt).isEqualTo(Instant.parse(usageA.get(8).get("end").asText()));
        assertThat(mostAt).isEqualTo(Instant.parse(usageB.get(3).get("end").asText()));
        assertThat(halfAt).isBefore(mostAt);
        assertThat(mostAt).isBefore(crossedAt);
        // cloud-a's account alone reaches 50% of SB 53 (6e25), not 80%.
        assertThat(all(alerts, a -> a.get("subject").asText().equals("cloud-a/acct-1") && a.get("regime").asText().equals(SB53)))
                .extracting(a -> a.get("fraction").asDouble()).containsExactly(0.5);

        // A provider sees its own account's alerts and obligations, never the owner's aggregate or the other provider's.
        for (JsonNode a : ok(cloudA.get("/api/v1/registry/alerts"))) {
            assertThat(a.get("subjectKind").asText()).isEqualTo("customer");
            assertThat(a.get("subject").asText()).startsWith("cloud-a/");
        }
        for (JsonNode o : ok(cloudB.get("/api/v1/registry/obligations"))) {
            assertThat(o.get("subject").asText()).startsWith("cloud-b/");
        }
        assertProblem(cloudA.get("/api/v1/registry/owners"), 403, "forbidden");
    }

    // ---- usage -----------------------------------------------------------------------------------------------

    static ArrayNode batch;

    @Test
    @Order(10)
    void resubmittingUsageIsIdempotent() throws Exception {
        // Usage counts for identified customers only (issue 12): the account's KYC record comes first.
        assertAccepted(cloudA.submit(customer(cloudA, customerRecord("acct-u", "Umbra Compute Inc.", "US",
                owner("Umbra Holdings", "US", null)))));
        batch = daily(cloudA, "acct-u", null, 40, 3, 1e22, "u-");
        Answer first = assertAccepted(cloudA.submit(usage(cloudA, batch)));
        assertThat(first.body().get("summary").get("accepted").asInt()).isEqualTo(3);
        assertThat(first.body().get("summary").get("flop").asDouble()).isCloseTo(flop(batch), within(flop(batch) * 1e-9));
        JsonNode before = registry.stats();
        long logBefore = registry.logSize();

        // Nothing new: refused as such, and nothing appended (issue 12: a fully repeated report is no statement).
        JsonNode p = assertProblem(cloudA.submit(usage(cloudA, batch)), 409, "usage-nothing-new");
        assertThat(p.get("detail").asText()).contains("all 3 record(s)");
        JsonNode after = registry.stats();
        assertThat(after).isEqualTo(before);
        assertThat(registry.logSize()).isEqualTo(logBefore);
        // Partly new: the known records are counted as duplicates beside the new one.
        ArrayNode more = daily(cloudA, "acct-u", null, 40, 4, 1e22, "u-");
        Answer again = assertAccepted(cloudA.submit(usage(cloudA, more)));
        assertThat(again.body().get("summary").get("accepted").asInt()).isEqualTo(1);
        assertThat(again.body().get("summary").get("duplicates").asInt()).isEqualTo(3);
    }

    @Test
    @Order(11)
    void theSameJobWithOtherValuesIs409() throws Exception {
        ObjectNode changed = ((ObjectNode) batch.get(0)).deepCopy();
        changed.put("chipCount", changed.get("chipCount").asInt() + 1);
        assertThat(recordId(changed)).isEqualTo(recordId((ObjectNode) batch.get(0)));
        JsonNode p = refused(cloudA, usage(cloudA, JSON.createArrayNode().add(changed)), 409, "usage-record-differs",
                "the same job with another chip count");
        assertThat(p.get("hint").asText()).contains("correction");
        ObjectNode later = ((ObjectNode) batch.get(1)).deepCopy().put("end", TODAY.minus(Duration.ofDays(1)).toString());
        refused(cloudA, usage(cloudA, JSON.createArrayNode().add(later)), 409, "usage-record-differs", "the same job ending later");
    }

    @Test
    @Order(12)
    void aBatchWithOneMalformedRecordIsRefusedWhole() throws Exception {
        ArrayNode mixed = daily(cloudA, "acct-u", null, 50, 2, 1e22, "m-");
        ((ObjectNode) mixed.get(1)).put("chip", "Z-9000 Imaginary");
        JsonNode p = refused(cloudA, usage(cloudA, mixed), 400, "invalid-statement", "one unknown chip in a batch of two");
        assertThat(p.get("field").asText()).isEqualTo("sealed.payload");
        assertThat(p.get("detail").asText()).contains("Z-9000");
        ArrayNode zero = daily(cloudA, "acct-u", null, 50, 2, 1e22, "m-");
        ((ObjectNode) zero.get(0)).put("chipCount", 0);
        refused(cloudA, usage(cloudA, zero), 400, "invalid-statement", "a record with no chips");
        // The good record of the refused batches was not stored: it is new when sent alone.
        Answer alone = assertAccepted(cloudA.submit(usage(cloudA, JSON.createArrayNode().add(mixed.get(0)))));
        assertThat(alone.body().get("summary").get("accepted").asInt()).isEqualTo(1);
        batch.add(mixed.get(0));
    }

    @Test
    @Order(13)
    void aRecordNamingAnotherProviderIs403() throws Exception {
        ArrayNode foreign = daily(cloudB, "acct-u", null, 60, 1, 1e22, "f-");
        JsonNode p = refused(cloudA, usage(cloudA, foreign), 403, "forbidden", "cloud-a reporting cloud-b's usage");
        assertThat(p.get("detail").asText()).contains("cloud-b");
        // A correction may not replace with another provider's records either.
        refused(cloudA, correction(cloudA, foreign, null), 403, "forbidden", "a correction with cloud-b's record");
    }

    @Test
    @Order(14)
    void aCorrectionReplacesAndWithdrawsRecords() throws Exception {
        JsonNode before = registry.stats();
        ObjectNode replaced = ((ObjectNode) batch.get(0)).deepCopy();
        replaced.put("chipCount", replaced.get("chipCount").asInt() * 2);
        String withdrawn = recordId((ObjectNode) batch.get(1));
        Answer a = assertAccepted(cloudA.submit(correction(cloudA, JSON.createArrayNode().add(replaced), List.of(withdrawn))));
        assertThat(a.body().get("summary").get("replaced").asInt()).isEqualTo(1);
        assertThat(a.body().get("summary").get("withdrawn").asInt()).isEqualTo(1);

        double expected = before.get("flop").asDouble() - flop(JSON.createArrayNode().add(batch.get(0)))
                - flop(JSON.createArrayNode().add(batch.get(1))) + flop(JSON.createArrayNode().add(replaced));
        JsonNode after = registry.stats();
        assertThat(after.get("flop").asDouble()).isCloseTo(expected, within(expected * 1e-12));
        assertThat(after.get("usageRecords").asLong()).isEqualTo(before.get("usageRecords").asLong() - 1);

        JsonNode records = ok(cloudA.get("/api/v1/registry/usage?customer=acct-u"));
        assertThat(find(records, r -> r.get("recordId").asText().equals(withdrawn))).isNull();
        JsonNode now = find(records, r -> r.get("recordId").asText().equals(recordId(replaced)));
        assertThat(now.get("chipCount").asInt()).isEqualTo(replaced.get("chipCount").asInt());
        batch.set(0, replaced);

        // Withdrawing it again, or a record never reported, finds nothing.
        refused(cloudA, correction(cloudA, null, List.of(withdrawn)), 404, "not-found", "withdrawing a withdrawn record");
        refused(cloudA, correction(cloudA, null, List.of("f".repeat(64))), 404, "not-found", "withdrawing an unknown record");
        // A withdrawn record reported again counts again.
        Answer back = assertAccepted(cloudA.submit(usage(cloudA, JSON.createArrayNode().add(batch.get(1)))));
        assertThat(back.body().get("summary").get("accepted").asInt()).isEqualTo(1);
    }

    @Test
    @Order(15)
    void aProviderCannotCorrectAnotherProvidersRecords() throws Exception {
        String theirs = recordId((ObjectNode) batch.get(2));
        JsonNode before = registry.stats();
        refused(cloudB, correction(cloudB, null, List.of(theirs)), 404, "not-found", "cloud-b withdrawing cloud-a's record");
        assertThat(find(ok(cloudA.get("/api/v1/registry/usage?customer=acct-u")),
                r -> r.get("recordId").asText().equals(theirs))).isNotNull();
        assertThat(registry.stats()).isEqualTo(before);
    }

    // ---- runs ------------------------------------------------------------------------------------------------

    @Test
    @Order(20)
    void aFineTuneCountsItsBaseAndTheEuNotificationIsDue14DaysAfterTheCrossing() throws Exception {
        // lab-a trains base-1 at cloud-a and ft-1 at cloud-b, and says so in the declarations (issue 12's link).
        assertAccepted(lab.submit(run(lab, trainsOn(runDeclaration("base-1", 2e25, null), "cloud-a"))));
        assertAccepted(cloudA.submit(customer(cloudA, customerRecord("acct-lab", "Lab A Training Inc.", "US",
                owner("Lab A Holdings", "US", null)))));
        assertAccepted(cloudB.submit(customer(cloudB, customerRecord("kunde-lab", "Lab A Europe GmbH", "DE",
                owner("Lab A Holdings", "US", null)))));
        // 2.1e24 a day: the EU's 1e25 is passed on the fifth day.
        ArrayNode baseUsage = daily(cloudA, "acct-lab", "lab-a/base-1", 15, 6, 2.1e24, "base-");
        assertAccepted(cloudA.submit(usage(cloudA, baseUsage)));
        assertAccepted(lab.submit(run(lab, trainsOn(runDeclaration("ft-1", 1e24, "lab-a/base-1"), "cloud-b"))));
        ArrayNode ftUsage = daily(cloudB, "kunde-lab", "lab-a/ft-1", 8, 2, 3e23, "ft-");
        assertAccepted(cloudB.submit(usage(cloudB, ftUsage)));

        JsonNode base = ok(lab.get("/api/v1/registry/runs/lab-a/base-1"));
        assertThat(base.get("flop").asDouble()).isCloseTo(flop(baseUsage), within(flop(baseUsage) * 1e-9));
        assertThat(base.get("cumulativeFlop").asDouble()).isEqualTo(base.get("flop").asDouble());
        JsonNode eu = find(base.get("findings"), f -> f.get("regime").asText().equals(EU));
        assertThat(eu.get("verdict").asText()).isEqualTo("CROSSED");
        Instant crossedAt = Instant.parse(eu.get("crossedAt").asText());
        assertThat(flopOfFirst(baseUsage, 4)).isLessThan(1e25);
        assertThat(flopOfFirst(baseUsage, 5)).isGreaterThan(1e25);
        assertThat(crossedAt).isEqualTo(Instant.parse(baseUsage.get(4).get("end").asText()));
        JsonNode notify = find(base.get("obligations"), o -> o.get("regime").asText().equals(EU)
                && o.get("what").asText().startsWith("Notify the European Commission"));
        assertThat(notify).as("%s", base.get("obligations")).isNotNull();
        assertThat(LocalDate.parse(notify.get("dueBy").asText()))
                .isEqualTo(LocalDate.ofInstant(crossedAt, ZoneOffset.UTC).plusDays(14));
        assertThat(notify.get("citation").asText()).isEqualTo("Art. 52(1)");

        JsonNode ft = ok(lab.get("/api/v1/registry/runs/lab-a/ft-1"));
        double own = flop(ftUsage);
        assertThat(ft.get("flop").asDouble()).isCloseTo(own, within(own * 1e-9));
        assertThat(ft.get("baseFlop").asDouble()).isEqualTo(base.get("flop").asDouble());
        assertThat(ft.get("cumulativeFlop").asDouble()).isCloseTo(base.get("flop").asDouble() + own, within(1e12));
        assertThat(ft.get("usageRecords").asInt()).isEqualTo(2);
        // Counted cumulatively, the fine-tune is past 1e25 from its first day.
        JsonNode ftEu = find(ft.get("findings"), f -> f.get("regime").asText().equals(EU));
        assertThat(ftEu.get("verdict").asText()).isEqualTo("CROSSED");
        assertThat(Instant.parse(ftEu.get("crossedAt").asText())).isEqualTo(Instant.parse(ftUsage.get(0).get("end").asText()));

        // The regulator sees the same; the usage is the developer's to read too.
        assertThat(ok(regulator.get("/api/v1/registry/runs/lab-a/ft-1")).get("cumulativeFlop"))
                .isEqualTo(ft.get("cumulativeFlop"));
        assertThat(ok(lab.get("/api/v1/registry/usage")).size()).isEqualTo(8);
    }

    @Test
    @Order(21)
    void aRunOnAnUndeclaredBaseIs404AndABadDeclarationIs400() throws Exception {
        JsonNode p = refused(lab, run(lab, runDeclaration("ft-x", 1e24, "lab-a/never-declared")), 404, "not-found",
                "a fine-tune of an undeclared base");
        assertThat(p.get("detail").asText()).contains("lab-a/never-declared");
        ObjectNode bad = runDeclaration("bad-1", 1e24, null);
        bad.put("plannedFlop", "lots");
        assertThat(refused(lab, run(lab, bad), 400, "invalid-statement", "plannedFlop as text").get("field").asText())
                .isEqualTo("sealed.payload.plannedFlop");
    }

    @Test
    @Order(22)
    void aDeveloperSeesOnlyItsOwnRuns() throws Exception {
        assertAccepted(otherLab.submit(run(otherLab, trainsOn(runDeclaration("secret-1", 5e24, null), "cloud-b"))));
        assertThat(ok(otherLab.get("/api/v1/registry/runs"))).extracting(r -> r.get("runId").asText())
                .containsExactly("secret-1");
        assertThat(ok(lab.get("/api/v1/registry/runs"))).extracting(r -> r.get("runId").asText())
                .containsExactlyInAnyOrder("base-1", "ft-1");
        assertProblem(lab.get("/api/v1/registry/runs/lab-b/secret-1"), 403, "forbidden");
        assertThat(ok(otherLab.get("/api/v1/registry/usage"))).isEmpty();
        assertThat(ok(regulator.get("/api/v1/registry/runs"))).extracting(r -> r.get("developer").asText() + "/"
                + r.get("runId").asText()).containsExactlyInAnyOrder("lab-a/base-1", "lab-a/ft-1", "lab-b/secret-1");
    }

    @Test
    @Order(23)
    void aRunCannotTakeAnotherDevelopersRunAsItsBase() throws Exception {
        // lab-b's run has usage; were lab-a allowed to name it as a base, lab-a's own run would show lab-b's
        // confidential compute (baseFlop, cumulativeFlop, crossing dates) as it grows.
        assertAccepted(cloudB.submit(customer(cloudB, customerRecord("kunde-b", "Lab B Europe GmbH", "DE",
                owner("Lab B Holdings", "GB", null)))));
        assertAccepted(cloudB.submit(usage(cloudB, daily(cloudB, "kunde-b", "lab-b/secret-1", 6, 2, 1e23, "s-"))));
        JsonNode p = refused(lab, run(lab, runDeclaration("spy-1", 1e23, "lab-b/secret-1")), 403, "forbidden",
                "a fine-tune naming another developer's run as its base");
        assertThat(p.get("hint").asText()).contains("baseModelFlop");
        assertProblem(lab.get("/api/v1/registry/runs/lab-a/spy-1"), 404, "not-found");
        // A model trained elsewhere is declared by its compute.
        ObjectNode elsewhere = runDeclaration("ft-open", 1e23, null).put("baseModelFlop", 3e24);
        assertAccepted(lab.submit(run(lab, elsewhere)));
        assertThat(ok(lab.get("/api/v1/registry/runs/lab-a/ft-open")).get("baseFlop").asDouble()).isEqualTo(3e24);
    }

    @Test
    @Order(30)
    void everythingReplaysEqual() throws Exception {
        JsonNode r = ok(regulator.client().post("/api/v1/registry/replay"));
        assertThat(r.get("refused").asLong()).as("%s", r).isZero();
        for (JsonNode t : r.get("tables")) {
            assertThat(t.get("onlyLive").asLong() + t.get("onlyReplayed").asLong()).as("%s", t).isZero();
        }
    }
}
