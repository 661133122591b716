package org.computegov.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.computegov.server.registry.AdmissionCalls.assertReplayEqual;
import static org.computegov.server.registry.AdmissionCalls.decide;
import static org.computegov.server.registry.AdmissionCalls.flop;
import static org.computegov.server.registry.AdmissionCalls.job;
import static org.computegov.server.registry.AdmissionCalls.usage;
import static org.assertj.core.api.Assertions.within;
import static org.computegov.server.registry.RegistryHarness.assertAccepted;
import static org.computegov.server.registry.RegistryHarness.licence;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.registry.client.RegistryClient.Answer;
import org.computegov.server.registry.RegistryHarness.TestActor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admission ledger across restarts (docs/LICENSING.md, "Durable budget accounting"): pre-charges of jobs admitted
 * and settlements of reported usage are read back after the server stops and starts on the same data directory, so the
 * remaining budget, the burn-down and the next decision are what they were; concurrent decisions never together exceed
 * the released budget, before or after a restart; a server without the regulator's signer key keeps its settlements
 * in the database instead of the log; replay still equals the live projection.
 */
class LicenceBudgetDurabilityTest {
    @TempDir Path data;

    @Test
    void holdsAndSettlementsSurviveARestart() throws Exception {
        RegistryHarness registry = RegistryHarness.start(data);
        try {
            TestActor provA = registry.register("prov-a", "US", "compute-provider");
            TestActor dev = registry.register("dev", "US", "developer");
            assertAccepted(registry.regulator.submit(licence(registry.regulator, "L-R", 2))); // 1e24 of 2e24 released

            // Three jobs held (1,000, 2,000 and 500 H100 for up to 100 h); two report partial use, one is still running.
            JsonNode j1 = decide(provA, job("L-R", 1000, 6000, "j1"));
            assertThat(j1.path("decision").asText()).isEqualTo("allow");
            assertThat(decide(provA, job("L-R", 2000, 6000, "j2")).path("decision").asText()).isEqualTo("allow");
            JsonNode j3 = decide(provA, job("L-R", 500, 6000, "j3"));
            assertThat(j3.path("decision").asText()).isEqualTo("allow");
            JsonNode settled = usage(provA, "j1@90:00:00", "j2@50:00:00");
            assertThat(settled.path("settled").asInt()).isEqualTo(2);

            JsonNode before = registry.regulator.get("/api/v1/licences/L-R/burn-down").body();
            BigInteger used = flop(before, "usedFlop");
            BigInteger held = flop(before, "heldFlop");
            BigInteger available = flop(before, "availableFlop");
            // j1 used 90 of its 100 h, j2 50 of 100: the unused part of each hold returned; j3's hold is whole.
            BigInteger j1Held = new BigInteger(j1.path("requested").path("flop").asText());
            assertThat(held).isEqualTo(new BigInteger(j3.path("requested").path("flop").asText()));
            assertThat(used).isGreaterThan(BigInteger.ZERO).isLessThan(j1Held.multiply(BigInteger.valueOf(3)));
            assertThat(available).isEqualTo(new BigInteger("1000000000000000000000000").subtract(used).subtract(held));
            assertThat(dev.get("/api/v1/licences/L-R").body().path("openHolds").asInt()).isEqualTo(1);

            registry.restart();
            provA = registry.again(provA);
            dev = registry.again(dev);

            // The same budget after the restart: used (and per tranche), held, available, and the open hold.
            JsonNode after = registry.regulator.get("/api/v1/licences/L-R/burn-down").body();
            assertThat(after.path("usedFlop")).isEqualTo(before.path("usedFlop"));
            assertThat(after.path("heldFlop")).isEqualTo(before.path("heldFlop"));
            assertThat(after.path("availableFlop")).isEqualTo(before.path("availableFlop"));
            assertThat(after.path("tranches")).isEqualTo(before.path("tranches"));
            JsonNode lic = dev.get("/api/v1/licences/L-R").body();
            assertThat(lic.path("openHolds").asInt()).isEqualTo(1);
            assertThat(lic.path("usedFlop").asText()).isEqualTo(used.toString());

            // A job asking more than what is left is refused, with requested and available in FLOP and chip-hours.
            JsonNode big = decide(provA, job("L-R", 10000, 6000, "big"));
            assertThat(big.path("decision").asText()).isEqualTo("deny");
            assertThat(big.path("code").asText()).isEqualTo("budget-exceeded");
            BigInteger requested = new BigInteger(big.path("requested").path("flop").asText());
            assertThat(new BigInteger(big.path("available").path("flop").asText())).isEqualTo(available);
            assertThat(requested).isGreaterThan(available);
            double perChipHour = requested.doubleValue() / big.path("requested").path("chipHours").asDouble();
            assertThat(big.path("requested").path("chipHours").asDouble()).isEqualTo(10000 * 100.0);
            assertThat(big.path("available").path("chipHours").asDouble())
                    .isCloseTo(available.doubleValue() / perChipHour, within(1e-6 * available.doubleValue() / perChipHour));
            assertThat(big.path("reason").asText()).contains("chip-hours").contains("FLOP");

            // Retrying j3's admission holds nothing more; a settled job's reference is not admitted again.
            assertThat(decide(provA, job("L-R", 500, 6000, "j3")).path("decision").asText()).isEqualTo("allow");
            assertThat(flop(registry.regulator.get("/api/v1/licences/L-R/burn-down").body(), "heldFlop")).isEqualTo(held);
            assertThat(decide(provA, job("L-R", 1000, 6000, "j1")).path("code").asText()).isEqualTo("job-ref-settled");

            // Usage re-sent after the restart settles nothing twice; j3, admitted before it, settles and frees the rest.
            JsonNode again = usage(provA, "j1@90:00:00", "j3@10:00:00");
            assertThat(again.path("alreadySettled").asInt()).isEqualTo(1);
            assertThat(again.path("settled").asInt()).isEqualTo(1);
            JsonNode end = registry.regulator.get("/api/v1/licences/L-R/burn-down").body();
            BigInteger j3Used = flop(end, "usedFlop").subtract(used);
            assertThat(j3Used).isPositive();
            assertThat(flop(end, "heldFlop")).isZero();
            assertThat(flop(end, "availableFlop")).isEqualTo(available.add(held).subtract(j3Used));

            // A second settlement of a job is refused before the log, whoever signs it.
            com.fasterxml.jackson.databind.node.ObjectNode p = RegistryHarness.predicate(registry.regulator);
            p.putObject("settlement").put("licence", "L-R").putArray("jobs").addObject().put("hold", "prov-a/c1/j1")
                    .put("provider", "prov-a").put("cluster", "c1").put("jobRef", "j1").put("chip", "H100").put("chips", 1000)
                    .put("elapsedSeconds", 0).put("heldFlop", "0").put("usedFlop", "0");
            RegistryHarness.Snapshot unchanged = registry.snapshot();
            RegistryHarness.assertProblem(registry.regulator.submit(registry.regulator.writer().publicStatement(
                    "licence-settlement", "licence:L-R", p, null, null)), 409, "hold-settled");
            registry.assertUnchanged(unchanged, "a job settled twice");

            // The settlements are statements: replay rebuilds them, equal to the live projection.
            assertReplayEqual(registry);
            registry.restart();
            assertThat(registry.regulator.get("/api/v1/licences/L-R/burn-down").body().path("availableFlop"))
                    .isEqualTo(end.path("availableFlop"));
        } finally {
            registry.close();
        }
    }

    /** 12 at a time: below the 16 requests a client address may have in progress. */
    private static List<JsonNode> concurrently(TestActor provider, String licence, String prefix, int jobs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                String body = job(licence, 1000, 6000, prefix + i);
                answers.add(pool.submit(() -> decide(provider, body)));
            }
            List<JsonNode> out = new ArrayList<>();
            for (Future<JsonNode> f : answers) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long allowed(List<JsonNode> answers) {
        assertThat(answers).allSatisfy(a -> assertThat(a.path("code").asText()).isIn("licensed", "budget-exceeded"));
        return answers.stream().filter(a -> a.path("decision").asText().equals("allow")).count();
    }

    @Test
    void concurrentDecisionsNeverExceedTheBudgetAcrossARestart() throws Exception {
        RegistryHarness registry = RegistryHarness.start(data);
        try {
            TestActor provA = registry.register("prov-a", "US", "compute-provider");
            assertAccepted(registry.regulator.submit(licence(registry.regulator, "L-C", 2)));
            // Each job holds 1,000 H100 × 100 h ≈ 1.07e23 FLOP: nine fit in the released 1e24, whatever the order.
            List<JsonNode> first = concurrently(provA, "L-C", "a", 40);
            BigInteger each = new BigInteger(first.get(0).path("requested").path("flop").asText());
            BigInteger released = new BigInteger("1000000000000000000000000");
            long fit = released.divide(each).longValueExact();
            assertThat(fit).isEqualTo(9);
            assertThat(allowed(first)).isEqualTo(fit);
            JsonNode bd = registry.regulator.get("/api/v1/licences/L-C/burn-down").body();
            assertThat(flop(bd, "heldFlop")).isEqualTo(each.multiply(BigInteger.valueOf(fit)));

            registry.restart();
            provA = registry.again(provA);
            // After the restart the nine holds still count: nothing more fits.
            assertThat(allowed(concurrently(provA, "L-C", "b", 12))).isZero();
            JsonNode after = registry.regulator.get("/api/v1/licences/L-C/burn-down").body();
            assertThat(flop(after, "heldFlop")).isEqualTo(each.multiply(BigInteger.valueOf(fit)));

            // Three of the admitted jobs report no use: their holds return, and exactly three more fit.
            List<String> admitted = first.stream().filter(a -> a.path("decision").asText().equals("allow"))
                    .map(a -> a.path("holdId").asText()).toList();
            assertThat(admitted).hasSize((int) fit);
            String[] lines = admitted.stream().limit(3).map(h -> h.substring(h.lastIndexOf('/') + 1) + "@00:00:00")
                    .toArray(String[]::new);
            assertThat(usage(provA, lines).path("settled").asInt()).isEqualTo(3);
            assertThat(allowed(concurrently(provA, "L-C", "c", 12))).isEqualTo(3);
            JsonNode end = registry.regulator.get("/api/v1/licences/L-C/burn-down").body();
            assertThat(flop(end, "heldFlop")).isEqualTo(each.multiply(BigInteger.valueOf(fit)));
            assertThat(flop(end, "availableFlop")).isEqualTo(released.subtract(each.multiply(BigInteger.valueOf(fit))));
            assertReplayEqual(registry);
        } finally {
            registry.close();
        }
    }

    @Test
    void aServerWithoutTheRegulatorSignerKeyKeepsSettlementsInItsDatabase() throws Exception {
        // First start creates the bootstrap regulator's key; then the server runs with its verifier key only
        // (--regulator-key), so it cannot sign settlements and keeps them in its own table.
        RegistryHarness.start(data).close();
        Path vkey = data.resolve("regulator.vkey.test");
        Files.writeString(vkey, KeyFiles.readSignerKey(data.resolve(RegistryKeys.FILE)).verifierKey().encode());
        RegistryHarness registry = RegistryHarness.start(data, new RegistryOptions(vkey, null, null));
        try {
            TestActor provA = registry.register("prov-a", "US", "compute-provider");
            assertAccepted(registry.regulator.submit(licence(registry.regulator, "L-V", 2)));
            assertThat(decide(provA, job("L-V", 1000, 6000, "v1")).path("decision").asText()).isEqualTo("allow");
            assertThat(decide(provA, job("L-V", 1000, 6000, "v2")).path("decision").asText()).isEqualTo("allow");
            assertThat(usage(provA, "v1@50:00:00").path("settled").asInt()).isEqualTo(1);
            JsonNode before = registry.regulator.get("/api/v1/licences/L-V/burn-down").body();
            assertThat(flop(before, "usedFlop")).isPositive();
            assertThat(flop(before, "heldFlop")).isPositive();

            registry.restart();
            provA = registry.again(provA);
            JsonNode after = registry.regulator.get("/api/v1/licences/L-V/burn-down").body();
            assertThat(after.path("usedFlop")).isEqualTo(before.path("usedFlop"));
            assertThat(after.path("heldFlop")).isEqualTo(before.path("heldFlop"));
            assertThat(after.path("availableFlop")).isEqualTo(before.path("availableFlop"));
            JsonNode again = usage(provA, "v1@50:00:00", "v2@10:00:00");
            assertThat(again.path("alreadySettled").asInt()).isEqualTo(1);
            assertThat(again.path("settled").asInt()).isEqualTo(1);
            assertThat(flop(registry.regulator.get("/api/v1/licences/L-V/burn-down").body(), "heldFlop")).isZero();
            // Nothing was signed by the server: replay (which sees the log only) still equals the projection.
            assertReplayEqual(registry);
        } finally {
            registry.close();
        }
    }
}
