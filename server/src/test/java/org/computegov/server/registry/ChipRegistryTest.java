package org.computegov.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.computegov.server.registry.RegistryHarness.assertAccepted;
import static org.computegov.server.registry.RegistryHarness.assertProblem;
import static org.computegov.server.registry.RegistryHarness.chipBatch;
import static org.computegov.server.registry.RegistryHarness.chipMove;
import static org.computegov.server.registry.RegistryHarness.chipRegister;
import static org.computegov.server.registry.RegistryHarness.chipTransfer;
import static org.computegov.server.registry.RegistryHarness.predicate;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
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
 * The chip registry end to end through the API: registration, a flagged transfer, a blocked transfer refused with
 * its reason and nothing logged, reads per role, holdings aggregates, actors of concern, and replay equal.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChipRegistryTest {
    @TempDir static Path data;
    static RegistryHarness registry;
    static TestActor regulator;
    static TestActor provA;
    static TestActor provB;
    static TestActor dev;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryHarness.start(data);
        regulator = registry.regulator;
        provA = registry.register("prov-a", "US", "compute-provider");
        provB = registry.register("prov-b", "DE", "compute-provider");
        dev = registry.register("dev", "US", "developer");
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    @Order(1)
    void registerAndTransfer() throws Exception {
        var batch = chipBatch("A-H100-1", "h100", 60_000, "US").put("networkGbps", 400);
        batch.putArray("provenance").addObject().put("role", "vendor").put("name", "NVIDIA");
        assertAccepted(provA.submit(chipRegister(provA, predicate(provA), batch)));
        assertAccepted(provB.submit(chipRegister(provB, predicate(provB), chipBatch("B-A100-1", "A100", 12_000, "DE"))));
        // The same batch id twice is refused.
        assertProblem(provA.submit(chipRegister(provA, predicate(provA), chipBatch("A-H100-1", "H100", 1, "US"))), 409, "batch-exists");

        // To the United Arab Emirates: licence required, recorded with its flag.
        var flagged = assertAccepted(provA.submit(chipTransfer(provA, predicate(provA), chipMove("A-H100-1", 1_000, "gulf-ai", "AE"))));
        assertThat(flagged.body().get("summary").get("exportControl").asText()).isEqualTo("FLAG");

        // To China: blocked with the reason, and nothing reaches the log or the tables.
        Snapshot before = registry.snapshot();
        JsonNode p = assertProblem(provA.submit(chipTransfer(provA, predicate(provA), chipMove("A-H100-1", 512, "zorblat", "CN"))),
                403, "export-blocked");
        assertThat(p.get("detail").asText()).contains("3A090.a.1", "presumption of denial");
        assertThat(p.get("field").asText()).isEqualTo("sealed.payload.toCountry");
        registry.assertUnchanged(before, "a blocked transfer");

        // More than the batch holds, or a batch the sender does not hold.
        assertProblem(provA.submit(chipTransfer(provA, predicate(provA), chipMove("A-H100-1", 59_001, "x", "DE"))), 400, "invalid-statement");
        assertProblem(provB.submit(chipTransfer(provB, predicate(provB), chipMove("A-H100-1", 1, "x", "DE"))), 404, "not-found");
    }

    @Test
    @Order(2)
    void readsPerRole() throws Exception {
        JsonNode all = regulator.get("/api/v1/registry/chips/batches").body();
        assertThat(all).extracting(b -> b.get("owner").asText() + "/" + b.get("batch").asText() + "=" + b.get("count").asLong())
                .containsExactly("gulf-ai/A-H100-1=1000", "prov-a/A-H100-1=59000", "prov-b/B-A100-1=12000");
        JsonNode received = all.get(0);
        assertThat(received.get("provenance").toString()).contains("NVIDIA", "\"owner\"", "prov-a");
        assertThat(received.get("chip").asText()).isEqualTo("NVIDIA H100 SXM5 80GB");
        assertThat(provB.get("/api/v1/registry/chips/batches").body()).hasSize(1);
        assertThat(provB.get("/api/v1/registry/chips/transfers").body()).isEmpty();
        JsonNode transfers = regulator.get("/api/v1/registry/chips/transfers").body();
        assertThat(transfers).singleElement().satisfies(t -> {
            assertThat(t.get("exportControl").asText()).isEqualTo("FLAG");
            assertThat(t.get("reason").asText()).contains("licence required");
        });
        assertProblem(registry.publicClient().get("/api/v1/registry/chips/batches"), 401, "signature-required");
        assertProblem(dev.get("/api/v1/registry/chips/holdings"), 403, "forbidden");
        assertProblem(provA.get("/api/v1/registry/concern"), 403, "forbidden");
    }

    @Test
    @Order(3)
    void holdingsAndConcern() throws Exception {
        JsonNode byCountry = regulator.get("/api/v1/registry/chips/holdings?by=country").body().get("holdings");
        assertThat(byCountry.get(0).get("key").asText()).isEqualTo("US");
        assertThat(byCountry.get(0).get("peakTrainingFlops").asDouble()).isCloseTo(59_000 * 989.4e12, within(1e9));
        assertThat(regulator.get("/api/v1/registry/chips/holdings?by=planet").status()).isEqualTo(400);

        JsonNode actors = regulator.get("/api/v1/registry/concern?within=90&utilization=0.4&date=2026-03-01").body().get("actors");
        // prov-a: 59,000 H100s × 989.4 TFLOP/s × 0.4 × 90 days = 1.82e26, over SB 53's 1e26; prov-b's 12,000 A100s reach 1.16e25.
        assertThat(actors.get(0).get("owner").asText()).isEqualTo("prov-a");
        assertThat(actors.get(0).get("achievableFlop").asDouble()).isCloseTo(59_000 * 989.4e12 * 0.4 * 90 * 86_400, within(1e20));
        assertThat(actors.get(0).get("crossable").toString()).contains("US-CA-SB53-model");
        // gulf-ai's 1,000 H100s still reach 3.08e24 in 90 days: over the EU GPAI guidelines' indicative 1e23.
        assertThat(actors).extracting(a -> a.get("owner").asText()).containsExactly("prov-a", "prov-b", "gulf-ai");
        assertThat(registry.stats().get("chipsRegistered").asLong()).isEqualTo(72_000);
    }

    @Test
    @Order(4)
    void replayRebuildsTheSameTables() throws Exception {
        var a = regulator.client().post("/api/v1/registry/replay");
        assertThat(a.status()).as("%s", a.body()).isEqualTo(200);
        assertThat(a.body().get("tables").toString()).contains("\"table\":\"chip_batch\"", "\"table\":\"chip_transfer\"");
        for (JsonNode t : a.body().get("tables")) {
            assertThat(t.get("onlyLive").asLong() + t.get("onlyReplayed").asLong()).as("%s", t).isZero();
        }
    }
}
