package org.computegov.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.computegov.server.registry.AdmissionCalls.assertReplayEqual;
import static org.computegov.server.registry.AdmissionCalls.decide;
import static org.computegov.server.registry.AdmissionCalls.flop;
import static org.computegov.server.registry.AdmissionCalls.job;
import static org.computegov.server.registry.AdmissionCalls.usage;
import static org.computegov.server.registry.RegistryHarness.ack;
import static org.computegov.server.registry.RegistryHarness.assertAccepted;
import static org.computegov.server.registry.RegistryHarness.licence;
import static org.computegov.server.registry.RegistryHarness.predicate;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.computegov.ledger.dsse.Envelope;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.licensing.Licensing;
import org.computegov.registry.client.RegistryClient.Answer;
import org.computegov.server.registry.RegistryHarness.MovableClock;
import org.computegov.server.registry.RegistryHarness.TestActor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expiry of admission holds whose job never reports usage (docs/LICENSING.md, "Durable budget accounting"): once
 * admission + time limit + the grace has passed, the hold is settled at its whole pre-charge by a server-signed
 * licence-settlement marked unreported, the provider gets a notice (acknowledged and escalated like any), a late report
 * changes nothing, a job within its grace is untouched, replay equals the live projection and a restart keeps it all.
 * Time is the server's clock, which the test moves (its actors sign with the same clock).
 */
class LicenceHoldExpiryTest {
    /** Shorter than the default 7 days, so the tests also show the server's grace is the one configured. */
    private static final Duration GRACE = Duration.ofDays(2);

    @TempDir Path data;

    private static BigInteger admit(TestActor provider, String licence, int chips, int minutes, String ref) throws Exception {
        JsonNode d = decide(provider, job(licence, chips, minutes, ref));
        assertThat(d.path("decision").asText()).as("%s", d).isEqualTo("allow");
        return new BigInteger(d.path("requested").path("flop").asText());
    }

    private static JsonNode burnDown(RegistryHarness registry, String licence) throws Exception {
        Answer a = registry.regulator.get("/api/v1/licences/" + licence + "/burn-down");
        assertThat(a.status()).as("%s", a.body()).isEqualTo(200);
        return a.body();
    }

    private static Licensing licensing(RegistryHarness registry) {
        return registry.server().registry().catalogue().capabilities().stream().filter(Licensing.class::isInstance)
                .map(Licensing.class::cast).findFirst().orElseThrow();
    }

    /** The in-toto statement logged at {@code index}. */
    private static JsonNode statementAt(RegistryHarness registry, long index) throws Exception {
        byte[] entry = registry.getBytes("/api/v1/log/entries/" + index);
        return RegistryHarness.JSON.readTree(Envelope.parse(entry).payload());
    }

    private static List<JsonNode> notices(TestActor who, String query) throws Exception {
        Answer a = who.get("/api/v1/licence-notices" + query);
        assertThat(a.status()).as("%s", a.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        a.body().forEach(out::add);
        return out;
    }

    @Test
    void anUnreportedJobIsChargedItsWholePreChargeAfterItsLimitAndTheGrace() throws Exception {
        MovableClock clock = new MovableClock();
        RegistryHarness registry = RegistryHarness.start(data, new RegistryOptions(null, null, null, null, GRACE, null), clock);
        try {
            TestActor provA = registry.register("prov-a", "US", "compute-provider");
            assertAccepted(registry.regulator.submit(licence(registry.regulator, "L-X", 2))); // 1e24 of 2e24 released
            assertThat(licensing(registry).holdGrace()).isEqualTo(GRACE);

            // j1 (1,000 H100 for 1 h) never reports; j2 (the same) reports half an hour; j3 (500 H100 for 100 h) runs on.
            BigInteger j1 = admit(provA, "L-X", 1000, 60, "j1");
            admit(provA, "L-X", 1000, 60, "j2");
            BigInteger j3 = admit(provA, "L-X", 500, 6000, "j3");
            assertThat(usage(provA, "j2@00:30:00").path("settled").asInt()).isEqualTo(1);
            JsonNode before = burnDown(registry, "L-X");
            BigInteger reported = flop(before, "usedFlop");
            assertThat(reported).isPositive();
            assertThat(flop(before, "heldFlop")).isEqualTo(j1.add(j3));
            assertThat(flop(before, "unreportedFlop")).isZero();
            assertThat(flop(before, "reportedFlop")).isEqualTo(reported);

            // Within the grace nothing expires: 1 h limit + 1 day.
            clock.advance(Duration.ofHours(1).plus(Duration.ofDays(1)));
            assertThat(licensing(registry).expireHolds()).isZero();
            assertThat(burnDown(registry, "L-X").path("heldFlop")).isEqualTo(before.path("heldFlop"));

            // Past j1's limit + grace (j3's is days away): j1's hold is settled at its whole pre-charge.
            clock.advance(Duration.ofDays(1).plusMinutes(1));
            assertThat(licensing(registry).expireHolds()).isEqualTo(1);
            JsonNode swept = burnDown(registry, "L-X");
            assertThat(flop(swept, "heldFlop")).isEqualTo(j3);
            assertThat(flop(swept, "usedFlop")).isEqualTo(reported.add(j1));
            assertThat(flop(swept, "availableFlop")).as("expiry moves FLOP from held to used")
                    .isEqualTo(flop(before, "availableFlop"));
            assertThat(flop(swept, "unreportedFlop")).isEqualTo(j1);
            assertThat(swept.path("unreportedJobs").asInt()).isEqualTo(1);
            assertThat(flop(swept, "reportedFlop")).isEqualTo(reported);
            assertThat(registry.regulator.get("/api/v1/licences/L-X").body().path("openHolds").asInt()).isEqualTo(1);

            // The provider is told, naming the job; the notice is the settlement statement's, which marks j1 unreported.
            List<JsonNode> mine = notices(provA, "");
            assertThat(mine).hasSize(1);
            JsonNode notice = mine.get(0);
            assertThat(notice.path("cause").asText()).isEqualTo("unreported");
            assertThat(notice.path("reason").asText()).contains("prov-a/c1/j1").doesNotContain("j3").doesNotContain("j2");
            String id = notice.path("notice").asText();
            JsonNode statement = statementAt(registry, Long.parseLong(id.substring(id.indexOf('#') + 1)));
            assertThat(statement.path("predicateType").asText()).endsWith("registry-licence-settlement/v1");
            JsonNode settled = statement.path("predicate").path("settlement").path("jobs");
            assertThat(settled).hasSize(1);
            assertThat(settled.get(0).path("hold").asText()).isEqualTo("prov-a/c1/j1");
            assertThat(settled.get(0).path("unreported").asBoolean()).isTrue();
            assertThat(settled.get(0).path("usedFlop").asText()).isEqualTo(j1.toString()).isEqualTo(settled.get(0).path("heldFlop").asText());
            assertThat(settled.get(0).path("elapsedSeconds").asLong()).as("charged for its whole time limit").isEqualTo(3600);

            // A second sweep settles nothing more; a late report is already settled and charges nothing.
            assertThat(licensing(registry).expireHolds()).isZero();
            JsonNode late = usage(provA, "j1@00:10:00");
            assertThat(late.path("alreadySettled").asInt()).isEqualTo(1);
            assertThat(late.path("settled").asInt()).isZero();
            assertThat(decide(provA, job("L-X", 1000, 60, "j1")).path("code").asText()).isEqualTo("job-ref-settled");
            assertThat(burnDown(registry, "L-X").path("usedFlop")).isEqualTo(swept.path("usedFlop"));

            // Not acknowledged within 24 h, the notice is escalated; acknowledged, it is not.
            clock.advance(Duration.ofHours(25));
            assertThat(notices(registry.regulator, "?overdue=true")).extracting(n -> n.path("notice").asText()).containsExactly(id);
            assertAccepted(provA.submit(ack(provA, predicate(provA), "L-X", id)));
            assertThat(notices(registry.regulator, "?overdue=true")).isEmpty();
            assertReplayEqual(registry);

            // A restart keeps the charge, the hold still open and the notice.
            JsonNode kept = burnDown(registry, "L-X");
            registry.restart();
            provA = registry.again(provA);
            JsonNode restarted = burnDown(registry, "L-X");
            for (String f : List.of("usedFlop", "heldFlop", "availableFlop", "reportedFlop", "unreportedFlop", "unreportedJobs",
                    "tranches", "notices")) {
                assertThat(restarted.path(f)).as(f).isEqualTo(kept.path(f));
            }

            // j3 expires, and the server restarts before its next periodic sweep: the sweep at start settles it before
            // the server answers.
            clock.advance(Duration.ofHours(100).plus(GRACE));
            registry.restart();
            provA = registry.again(provA);
            JsonNode all = burnDown(registry, "L-X");
            assertThat(flop(all, "heldFlop")).isZero();
            assertThat(flop(all, "unreportedFlop")).isEqualTo(j1.add(j3));
            assertThat(all.path("unreportedJobs").asInt()).isEqualTo(2);
            assertThat(flop(all, "availableFlop")).isEqualTo(flop(before, "availableFlop"));
            assertThat(notices(provA, "")).hasSize(2);
            assertReplayEqual(registry);
        } finally {
            registry.close();
        }
    }

    @Test
    void sweepsAndUsageReportsAtOnceChargeEachJobOnce() throws Exception {
        MovableClock clock = new MovableClock();
        RegistryHarness registry = RegistryHarness.start(data, new RegistryOptions(null, null, null, null, GRACE, null), clock);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            TestActor provA = registry.register("prov-a", "US", "compute-provider");
            assertAccepted(registry.regulator.submit(licence(registry.regulator, "L-Y", 2)));
            BigInteger each = BigInteger.ZERO;
            for (int i = 0; i < 12; i++) {
                each = admit(provA, "L-Y", 100, 60, "k" + i);
            }
            JsonNode before = burnDown(registry, "L-Y");
            clock.advance(Duration.ofHours(1).plus(GRACE).plusMinutes(1));
            // Three sweeps and a report of six of the jobs (used nothing), all at once.
            Licensing licensing = licensing(registry);
            List<Future<Integer>> sweeps = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sweeps.add(pool.submit(licensing::expireHolds));
            }
            TestActor reporter = provA;
            Future<JsonNode> report = pool.submit(() -> usage(reporter, "k0@00:00:00", "k1@00:00:00", "k2@00:00:00",
                    "k3@00:00:00", "k4@00:00:00", "k5@00:00:00"));
            int expired = 0;
            for (Future<Integer> f : sweeps) {
                expired += f.get();
            }
            JsonNode r = report.get();
            assertThat(r.path("settled").asInt() + r.path("alreadySettled").asInt()).isEqualTo(6);
            assertThat(expired + r.path("settled").asInt()).as("every job settled exactly once").isEqualTo(12);
            JsonNode after = burnDown(registry, "L-Y");
            assertThat(flop(after, "heldFlop")).isZero();
            assertThat(after.path("unreportedJobs").asInt()).isEqualTo(expired);
            assertThat(flop(after, "unreportedFlop")).isEqualTo(each.multiply(BigInteger.valueOf(expired)));
            assertThat(flop(after, "usedFlop")).as("reported jobs used nothing").isEqualTo(flop(after, "unreportedFlop"));
            assertThat(flop(after, "availableFlop")).isEqualTo(flop(before, "availableFlop").add(
                    each.multiply(BigInteger.valueOf(r.path("settled").asInt()))));
            assertThat(licensing.expireHolds()).isZero();
            assertReplayEqual(registry);
        } finally {
            pool.shutdownNow();
            registry.close();
        }
    }

    @Test
    void aHoldFromBeforeTimeLimitsWereRecordedExpiresAfterTheLimitItsPreChargeImplies() throws Exception {
        MovableClock clock = new MovableClock();
        RegistryHarness registry = RegistryHarness.start(data, new RegistryOptions(null, null, null, null, GRACE, null), clock);
        try {
            TestActor provA = registry.register("prov-a", "US", "compute-provider");
            assertAccepted(registry.regulator.submit(licence(registry.regulator, "L-O", 2)));
            BigInteger held = admit(provA, "L-O", 500, 6000, "old"); // 100 h
            // As a server before migration V5 wrote it: no time limit.
            try (var c = registry.server().database().dataSource().getConnection(); var st = c.createStatement()) {
                assertThat(st.executeUpdate("UPDATE licensing_local.admission_hold SET time_limit_seconds = NULL")).isEqualTo(1);
            }
            // Past admission + grace but not past the 100 h limit + grace: still held (a grace-only expiry would charge it).
            clock.advance(GRACE.plusHours(99));
            assertThat(licensing(registry).expireHolds()).isZero();
            assertThat(flop(burnDown(registry, "L-O"), "heldFlop")).isEqualTo(held);
            clock.advance(Duration.ofHours(1).plusMinutes(1));
            assertThat(licensing(registry).expireHolds()).isEqualTo(1);
            JsonNode after = burnDown(registry, "L-O");
            assertThat(flop(after, "heldFlop")).isZero();
            assertThat(flop(after, "unreportedFlop")).isEqualTo(held);
            assertReplayEqual(registry);
        } finally {
            registry.close();
        }
    }

    @Test
    void aServerWithoutTheRegulatorSignerKeyExpiresHoldsInItsDatabase() throws Exception {
        RegistryHarness.start(data).close();
        Path vkey = data.resolve("regulator.vkey.test");
        Files.writeString(vkey, KeyFiles.readSignerKey(data.resolve(RegistryKeys.FILE)).verifierKey().encode());
        MovableClock clock = new MovableClock();
        RegistryHarness registry = RegistryHarness.start(data, new RegistryOptions(vkey, null, null, null, GRACE, null), clock);
        try {
            TestActor provA = registry.register("prov-a", "US", "compute-provider");
            assertAccepted(registry.regulator.submit(licence(registry.regulator, "L-V", 2)));
            BigInteger v1 = admit(provA, "L-V", 1000, 60, "v1");
            BigInteger v2 = admit(provA, "L-V", 1000, 6000, "v2");
            JsonNode before = burnDown(registry, "L-V");
            long logSize = registry.logSize();
            clock.advance(Duration.ofHours(1).plus(GRACE).plusMinutes(1));
            assertThat(licensing(registry).expireHolds()).isEqualTo(1);
            assertThat(registry.logSize()).as("nothing signed by the server").isEqualTo(logSize);
            JsonNode swept = burnDown(registry, "L-V");
            assertThat(flop(swept, "heldFlop")).isEqualTo(v2);
            assertThat(flop(swept, "usedFlop")).isEqualTo(v1);
            assertThat(flop(swept, "unreportedFlop")).isEqualTo(v1);
            assertThat(flop(swept, "availableFlop")).isEqualTo(flop(before, "availableFlop"));
            // The notice is kept here (no statement to carry it), and acknowledged like any.
            List<JsonNode> mine = notices(provA, "");
            assertThat(mine).hasSize(1);
            assertThat(mine.get(0).path("cause").asText()).isEqualTo("unreported");
            assertThat(mine.get(0).path("reason").asText()).contains("prov-a/c1/v1").doesNotContain("v2");
            String id = mine.get(0).path("notice").asText();
            assertAccepted(provA.submit(ack(provA, predicate(provA), "L-V", id)));
            assertThat(notices(provA, "").get(0).has("acknowledgedAt")).isTrue();

            registry.restart();
            provA = registry.again(provA);
            JsonNode after = burnDown(registry, "L-V");
            for (String f : List.of("usedFlop", "heldFlop", "availableFlop", "unreportedFlop", "unreportedJobs")) {
                assertThat(after.path(f)).as(f).isEqualTo(swept.path(f));
            }
            assertThat(after.path("notices")).hasSize(1);
            assertThat(after.path("notices").get(0).path("notice").asText()).isEqualTo(id);
            assertThat(after.path("notices").get(0).has("acknowledgedAt")).isTrue();
            JsonNode late = usage(provA, "v1@00:10:00");
            assertThat(late.path("alreadySettled").asInt()).isEqualTo(1);
            assertThat(burnDown(registry, "L-V").path("usedFlop")).isEqualTo(swept.path("usedFlop"));
            assertReplayEqual(registry);
        } finally {
            registry.close();
        }
    }

    @Test
    void aSettlementMarkingAJobUnreportedMustChargeItsWholePreCharge() throws Exception {
        RegistryHarness registry = RegistryHarness.start(data);
        try {
            registry.register("prov-a", "US", "compute-provider");
            assertAccepted(registry.regulator.submit(licence(registry.regulator, "L-S", 2)));
            RegistryHarness.Snapshot unchanged = registry.snapshot();
            RegistryHarness.assertProblem(registry.regulator.submit(settlement(registry.regulator, "s1", "5", "4", true)),
                    400, "invalid-statement");
            RegistryHarness.assertProblem(registry.regulator.submit(settlement(registry.regulator, "s1", "5", "5", "yes")),
                    400, "invalid-statement");
            registry.assertUnchanged(unchanged, "malformed unreported settlements");
            assertAccepted(registry.regulator.submit(settlement(registry.regulator, "s1", "5", "5", true)));
            // Reported (no flag, as every statement before the field): no notice.
            assertAccepted(registry.regulator.submit(settlement(registry.regulator, "s2", "5", "3", null)));
            List<JsonNode> all = notices(registry.regulator, "");
            assertThat(all).hasSize(1);
            assertThat(all.get(0).path("cause").asText()).isEqualTo("unreported");
            assertThat(all.get(0).path("provider").asText()).isEqualTo("prov-a");
            assertThat(all.get(0).path("reason").asText()).contains("prov-a/c1/s1").doesNotContain("s2");
            JsonNode b = burnDown(registry, "L-S");
            assertThat(b.path("usedFlop").asText()).isEqualTo("8");
            assertThat(b.path("unreportedFlop").asText()).isEqualTo("5");
            assertThat(b.path("reportedFlop").asText()).isEqualTo("3");
            assertReplayEqual(registry);
        } finally {
            registry.close();
        }
    }

    /** A hand-signed settlement of job {@code ref} at prov-a/c1; {@code unreported} null leaves the field out. */
    private static org.computegov.registry.statement.Submission settlement(TestActor regulator, String ref, String held,
            String used, Object unreported) {
        var p = predicate(regulator);
        var j = p.putObject("settlement").put("licence", "L-S").putArray("jobs").addObject().put("hold", "prov-a/c1/" + ref)
                .put("provider", "prov-a").put("cluster", "c1").put("jobRef", ref).put("chip", "H100").put("chips", 8)
                .put("elapsedSeconds", 3600).put("heldFlop", held).put("usedFlop", used);
        if (unreported instanceof Boolean flag) {
            j.put("unreported", flag);
        } else if (unreported != null) {
            j.put("unreported", unreported.toString());
        }
        return regulator.writer().publicStatement("licence-settlement", "licence:L-S", p, null, null);
    }
}
