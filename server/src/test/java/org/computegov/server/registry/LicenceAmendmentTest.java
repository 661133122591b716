package org.computegov.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.computegov.server.registry.RegistryHarness.assertAccepted;
import static org.computegov.server.registry.RegistryHarness.assertProblem;
import static org.computegov.server.registry.RegistryHarness.licence;
import static org.computegov.server.registry.RegistryHarness.licenceTerms;
import static org.computegov.server.registry.RegistryHarness.predicate;
import static org.computegov.server.registry.RegistryHarness.standing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.computegov.registry.statement.Submission;
import org.computegov.server.registry.RegistryHarness.Snapshot;
import org.computegov.server.registry.RegistryHarness.TestActor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Licence amendments through the HTTP API: each refusal (stale number, licensee changed, nothing changed, budget below
 * what is charged and held, revoked) leaves the log and registry unchanged; an accepted one changes what admission
 * allows, the burn-down's budget, the entry a bundle carries, and tells the providers of the old and new terms; replay
 * finds the tables equal.
 */
class LicenceAmendmentTest {
    @TempDir static Path data;
    static RegistryHarness registry;
    static TestActor regulator;
    static TestActor provA;
    static TestActor provB;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryHarness.start(data);
        regulator = registry.regulator;
        provA = registry.register("prov-a", "US", "compute-provider");
        provB = registry.register("prov-b", "US", "compute-provider");
        registry.register("dev", "US", "developer");
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    static void refused(Submission s, int status, String kind, String why) throws Exception {
        Snapshot before = registry.snapshot();
        assertProblem(regulator.submit(s), status, kind);
        registry.assertUnchanged(before, why);
    }

    /** Amendment {@code number} of L-AM: the given first tranche and clusters, validity a year longer. */
    static Submission amend(int number, String tranche1, String developer, String... clusters) {
        ObjectNode terms = licenceTerms("L-AM", 2);
        terms.put("developer", developer);
        ((ObjectNode) terms.withArray("tranches").get(0)).put("flop", tranche1);
        var cs = terms.putArray("clusters");
        for (String c : clusters) {
            cs.add(c);
        }
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        terms.put("validUntil", today.plus(java.time.Duration.ofDays(730)).toString());
        ObjectNode p = predicate(regulator);
        p.set("licence", terms);
        p.putObject("amendment").put("number", number).put("reason", "interim evaluation accepted early");
        return regulator.writer().publicStatement("licence-amendment", "licence:L-AM", p, null, null);
    }

    @Test
    void amendmentsAreCheckedThenChangeAdmissionBurnDownAndBundles() throws Exception {
        JsonNode issued = assertAccepted(regulator.submit(licence(regulator, "L-AM", 2))).body();
        // prov-a holds 8,000 H100 × 100 h ≈ 8.5e23 of the 1e24 released.
        assertThat(provA.post("/api/v1/admission/decide", job("prov-a", "c1", 8000, "j1")).body().path("decision").asText())
                .isEqualTo("allow");
        assertThat(provB.post("/api/v1/admission/decide", job("prov-b", "c7", 1, "j2")).body().path("code").asText())
                .isEqualTo("cluster-not-authorized");

        refused(amend(1, "5e23", "dev", "prov-a/*"), 409, "budget-below-charged", "budget below the hold");
        refused(amend(2, "3e24", "dev", "prov-a/*"), 409, "amendment-out-of-order", "a stale amendment number");
        refused(amend(1, "3e24", "dev-2", "prov-a/*"), 400, "invalid-statement", "another licensee");
        ObjectNode same = predicate(regulator);
        same.set("licence", licenceTerms("L-AM", 2));
        same.putObject("amendment").put("number", 1).put("reason", "nothing");
        refused(regulator.writer().publicStatement("licence-amendment", "licence:L-AM", same, null, null), 400,
                "invalid-statement", "an amendment changing nothing");

        JsonNode done = assertAccepted(regulator.submit(amend(1, "3e24", "dev", "prov-a/*", "prov-b/c7"))).body();
        assertThat(done.path("summary").path("changes")).extracting(c -> c.path("field").asText())
                .contains("tranches", "clusters", "validUntil", "releasedFlop", "totalFlop");
        long at = done.path("logIndex").asLong();

        JsonNode l = regulator.get("/api/v1/licences/L-AM").body();
        assertThat(l.path("amendments").asInt()).isEqualTo(1);
        assertThat(l.path("logIndex").asLong()).as("bundles carry the amendment's entry").isEqualTo(at);
        assertThat(l.path("issuedIndex").asLong()).isEqualTo(issued.path("logIndex").asLong());
        assertThat(l.path("releasedFlop").asText()).isEqualTo("3000000000000000000000000");
        assertThat(l.path("heldFlop").asText()).as("holds survive an amendment").isNotEqualTo("0");
        assertThat(provB.post("/api/v1/admission/decide", job("prov-b", "c7", 1, "j3")).body().path("decision").asText())
                .isEqualTo("allow");
        JsonNode bd = regulator.get("/api/v1/licences/L-AM/burn-down").body();
        assertThat(bd.path("tranches").get(0).path("flop").asText()).isEqualTo("3000000000000000000000000");
        assertThat(bd.path("notices")).extracting(n -> n.path("provider").asText() + " " + n.path("cause").asText())
                .containsExactlyInAnyOrder("prov-a amended", "prov-b amended");
        JsonNode list = provB.get("/api/v1/licences/L-AM/amendments").body();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("reason").asText()).isEqualTo("interim evaluation accepted early");
        assertThat(list.get(0).path("logIndex").asLong()).isEqualTo(at);

        // Taking prov-b off again: its admission is refused from then on.
        assertAccepted(regulator.submit(amend(2, "3e24", "dev", "prov-a/*")));
        assertThat(provB.post("/api/v1/admission/decide", job("prov-b", "c7", 1, "j4")).body().path("code").asText())
                .isEqualTo("cluster-not-authorized");

        assertAccepted(regulator.submit(standing(regulator, predicate(regulator), "L-AM", "revoked", "safety case withdrawn")));
        refused(amend(3, "4e24", "dev", "prov-a/*"), 409, "licence-revoked", "amending a revoked licence");

        JsonNode report = regulator.client().post("/api/v1/registry/replay").body();
        assertThat(report.path("refused").asLong()).as("%s", report).isZero();
        for (JsonNode t : report.path("tables")) {
            assertThat(t.path("onlyLive").asLong() + t.path("onlyReplayed").asLong()).as("%s", t).isZero();
        }
    }

    private static String job(String provider, String cluster, int chips, String ref) {
        return "{\"provider\":\"" + provider + "\",\"cluster\":\"" + cluster + "\",\"account\":\"acct-1\",\"licence\":\"L-AM\","
                + "\"chip\":\"H100\",\"chips\":" + chips + ",\"timeLimitMinutes\":6000,\"jobRef\":\"" + ref + "\"}";
    }
}
