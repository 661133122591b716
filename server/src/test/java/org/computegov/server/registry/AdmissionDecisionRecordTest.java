package org.computegov.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.computegov.server.registry.RegistryHarness.assertAccepted;
import static org.computegov.server.registry.RegistryHarness.assertProblem;
import static org.computegov.server.registry.RegistryHarness.licence;
import static org.computegov.server.registry.RegistryHarness.licenceTerms;
import static org.computegov.server.registry.RegistryHarness.predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.computegov.registry.client.RegistryClient.Answer;
import org.computegov.server.registry.RegistryHarness.TestActor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision record end to end through the API (docs/LICENSING.md, "Decision record"): every answer of
 * {@code POST /api/v1/admission/decide}, allow or deny, is in {@code GET /api/v1/admission/decisions} with its code and
 * requested FLOP; the regulator reads all, a provider its own, a developer the decisions on its licences (never another
 * provider's unlicensed jobs), anyone else is refused; pages, filters and bad filters; the record survives a restart,
 * rows past the retention are deleted at start, and no decision appends anything to the log.
 */
class AdmissionDecisionRecordTest {
    @TempDir Path data;

    private static String job(String provider, String licence, int chips, int minutes, String ref) {
        return "{\"provider\":\"" + provider + "\",\"cluster\":\"c1\",\"account\":\"acct-1\","
                + (licence == null ? "" : "\"licence\":\"" + licence + "\",")
                + "\"chip\":\"H100\",\"chips\":" + chips + ",\"timeLimitMinutes\":" + minutes + ",\"jobRef\":\"" + ref + "\"}";
    }

    private static JsonNode decide(TestActor provider, String body) throws Exception {
        Answer a = provider.post("/api/v1/admission/decide", body);
        assertThat(a.status()).as("%s", a.body()).isEqualTo(200);
        return a.body();
    }

    private static JsonNode read(TestActor who, String query) throws Exception {
        Answer a = who.get("/api/v1/admission/decisions" + query);
        assertThat(a.status()).as("GET decisions%s as %s: %s", query, who.id(), a.body()).isEqualTo(200);
        return a.body();
    }

    private static List<String> refs(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("decisions").forEach(d -> out.add(d.path("jobRef").asText()));
        return out;
    }

    @Test
    void everyDecisionIsRecordedForTheProviderTheLicenseeAndTheRegulator() throws Exception {
        RegistryHarness registry = RegistryHarness.start(data);
        try {
            TestActor regulator = registry.regulator;
            TestActor provA = registry.register("prov-a", "US", "compute-provider");
            TestActor provB = registry.register("prov-b", "US", "compute-provider");
            TestActor dev = registry.register("dev", "US", "developer");
            TestActor dev2 = registry.register("dev2", "US", "developer");
            TestActor outsider = registry.register("eval-1", "US", "evaluator");
            assertAccepted(regulator.submit(licence(regulator, "L-D", 2))); // dev's, at prov-a/*, 1e24 released
            ObjectNode p = predicate(regulator);
            ObjectNode other = licenceTerms("L-O", 1).put("developer", "dev2");
            other.putArray("clusters").add("prov-b/*");
            p.set("licence", other);
            assertAccepted(regulator.submit(regulator.writer().publicStatement(Kind.LICENCE.wire(), "licence:L-O", p, null, null)));
            long logBefore = registry.logSize();

            // prov-a: a licensed allow, an over-budget deny, a large unlicensed deny, a de-minimis allow, a CPU job.
            Map<String, JsonNode> answers = new HashMap<>();
            answers.put("a1", decide(provA, job("prov-a", "L-D", 1000, 6000, "a1")));
            answers.put("a2", decide(provA, job("prov-a", "L-D", 10000, 6000, "a2")));
            answers.put("a3", decide(provA, job("prov-a", null, 2048, 43200, "a3")));
            answers.put("a4", decide(provA, job("prov-a", null, 1, 60, "a4")));
            answers.put("a5", decide(provA, job("prov-a", null, 0, 60, "a5")));
            // prov-b: its own unlicensed deny, a job under dev's licence it is not authorized for, one under dev2's.
            answers.put("b1", decide(provB, job("prov-b", null, 4096, 43200, "b1")));
            answers.put("b2", decide(provB, job("prov-b", "L-D", 8, 60, "b2")));
            answers.put("b3", decide(provB, job("prov-b", "L-O", 8, 60, "b3")));
            assertThat(answers.get("a1").path("code").asText()).isEqualTo("licensed");
            assertThat(answers.get("a2").path("code").asText()).isEqualTo("budget-exceeded");
            assertThat(answers.get("a3").path("code").asText()).isEqualTo("licence-required");
            assertThat(answers.get("a4").path("code").asText()).isEqualTo("de-minimis");
            assertThat(answers.get("a5").path("code").asText()).isEqualTo("no-accelerators");
            assertThat(answers.get("b1").path("code").asText()).isEqualTo("licence-required");
            assertThat(answers.get("b2").path("code").asText()).isEqualTo("cluster-not-authorized");
            assertThat(answers.get("b3").path("code").asText()).isEqualTo("licensed");

            // The regulator: all eight, newest first, each as it was answered.
            JsonNode all = read(regulator, "");
            assertThat(refs(all)).containsExactly("b3", "b2", "b1", "a5", "a4", "a3", "a2", "a1");
            assertThat(all.path("total").asLong()).isEqualTo(8);
            for (JsonNode d : all.path("decisions")) {
                JsonNode answer = answers.get(d.path("jobRef").asText());
                assertThat(d.path("decision").asText()).isEqualTo(answer.path("decision").asText());
                assertThat(d.path("code").asText()).isEqualTo(answer.path("code").asText());
                assertThat(d.path("reason").asText()).isEqualTo(answer.path("reason").asText());
                assertThat(d.path("requestedFlop").asText()).isEqualTo(answer.path("requested").path("flop").asText());
                assertThat(d.path("holdId").isNull() ? null : d.path("holdId").asText())
                        .isEqualTo(answer.path("holdId").isNull() ? null : answer.path("holdId").asText());
                assertThat(d.path("repeats").asInt()).isEqualTo(1);
                assertThat(Instant.parse(d.path("decidedAt").asText())).isBefore(Instant.now().plusSeconds(1));
            }
            JsonNode a3 = all.path("decisions").get(5);
            assertThat(a3.path("licence").isNull()).isTrue();
            assertThat(a3.path("provider").asText()).isEqualTo("prov-a");
            assertThat(a3.path("chips").asInt()).isEqualTo(2048);
            assertThat(a3.path("timeLimitMinutes").asLong()).isEqualTo(43200);
            assertThat(all.path("decisions").get(7).path("holdId").asText()).isEqualTo("prov-a/c1/a1");
            assertThat(all.path("summary").path("allow").asLong()).isEqualTo(4);
            assertThat(all.path("summary").path("deny").asLong()).isEqualTo(4);
            assertThat(all.path("summary").path("denyByCode")).isEqualTo(RegistryHarness.JSON.readTree(
                    "{\"budget-exceeded\":1,\"cluster-not-authorized\":1,\"licence-required\":2}"));
            assertThat(all.path("recording").path("dropped").asLong()).isZero();
            assertThat(all.path("recording").path("upToDate").asBoolean()).isTrue();

            // Filters.
            assertThat(refs(read(regulator, "?decision=deny"))).containsExactly("b2", "b1", "a3", "a2");
            assertThat(refs(read(regulator, "?licence=L-D"))).containsExactly("b2", "a2", "a1");
            assertThat(refs(read(regulator, "?provider=prov-b&decision=allow"))).containsExactly("b3");
            JsonNode denies = read(regulator, "?decision=deny&provider=prov-a");
            assertThat(denies.path("summary").path("denyByCode")).isEqualTo(RegistryHarness.JSON.readTree(
                    "{\"budget-exceeded\":1,\"licence-required\":1}"));

            // A provider sees its own decisions only, and may not ask for another's.
            assertThat(refs(read(provA, ""))).containsExactly("a5", "a4", "a3", "a2", "a1");
            assertThat(refs(read(provB, ""))).containsExactly("b3", "b2", "b1");
            assertThat(refs(read(provA, "?licence=L-D"))).containsExactly("a2", "a1");
            assertProblem(provA.get("/api/v1/admission/decisions?provider=prov-b"), 403, "forbidden");

            // A developer sees the decisions on its licences, whoever asked; never unlicensed jobs or others' licences.
            assertThat(refs(read(dev, ""))).containsExactly("b2", "a2", "a1");
            assertThat(refs(read(dev, "?provider=prov-b"))).containsExactly("b2");
            assertThat(refs(read(dev2, ""))).containsExactly("b3");
            assertProblem(dev.get("/api/v1/admission/decisions?licence=L-O"), 404, "not-found");
            assertProblem(dev.get("/api/v1/admission/decisions?licence=L-NONE"), 404, "not-found");

            // Anyone else is refused.
            assertProblem(outsider.get("/api/v1/admission/decisions"), 403, "forbidden");
            assertProblem(registry.publicClient().get("/api/v1/admission/decisions"),
                    401, "signature-required");

            // Pages of three, newest first, in SQL: together the whole list; past the end, none.
            List<String> paged = new ArrayList<>();
            for (int page = 1; page <= 3; page++) {
                JsonNode pg = read(regulator, "?limit=3&page=" + page);
                assertThat(pg.path("page").asInt()).isEqualTo(page);
                assertThat(pg.path("pages").asInt()).isEqualTo(3);
                assertThat(pg.path("total").asLong()).isEqualTo(8);
                assertThat(pg.path("decisions").size()).isEqualTo(page < 3 ? 3 : 2);
                paged.addAll(refs(pg));
            }
            assertThat(paged).isEqualTo(refs(all));
            assertThat(read(regulator, "?limit=3&page=4").path("decisions").size()).isZero();
            assertThat(refs(read(provA, "?limit=2&page=2"))).containsExactly("a3", "a2");

            // Bad query values are 400 problems (an empty value is an absent one, as everywhere in the API).
            for (String bad : List.of("?decision=maybe", "?decision=DENY", "?page=0", "?page=two", "?limit=0", "?limit=501",
                    "?provider=" + "p".repeat(201), "?licence=" + "L".repeat(201), "?since=yesterday")) {
                assertProblem(regulator.get("/api/v1/admission/decisions" + bad), 400, "invalid-input");
            }

            // No decision, allow or deny, and no read appended anything to the log.
            assertThat(registry.logSize()).isEqualTo(logBefore);

            // The record survives a restart.
            registry.restart();
            regulator = registry.regulator;
            provA = registry.again(provA);
            JsonNode again = read(regulator, "");
            assertThat(again.path("decisions")).isEqualTo(all.path("decisions"));
            assertThat(again.path("summary")).isEqualTo(all.path("summary"));

            // The same job asked again and denied the same way three times: counted three times, however it is stored.
            for (int i = 0; i < 3; i++) {
                assertThat(decide(provA, job("prov-a", null, 4096, 43200, "again")).path("code").asText()).isEqualTo("licence-required");
            }
            JsonNode repeated = read(provA, "?decision=deny");
            int repeats = 0;
            for (JsonNode d : repeated.path("decisions")) {
                if (d.path("jobRef").asText().equals("again")) {
                    repeats += d.path("repeats").asInt();
                }
            }
            assertThat(repeats).isEqualTo(3);
            assertThat(repeated.path("summary").path("denyByCode").path("licence-required").asLong()).isEqualTo(4);
            assertThat(registry.logSize()).isEqualTo(logBefore);
        } finally {
            registry.close();
        }
    }

    @Test
    void decisionsPastTheRetentionAreDeletedAndTheRestKept() throws Exception {
        RegistryHarness registry = RegistryHarness.start(data);
        try {
            TestActor provA = registry.register("prov-a", "US", "compute-provider");
            decide(provA, job("prov-a", null, 2048, 43200, "recent"));
            // A row from 91 days ago (the default retention is 90 days), written as the recorder writes them.
            try (Connection c = registry.server().database().dataSource().getConnection();
                    PreparedStatement s = c.prepareStatement("INSERT INTO licensing_local.admission_decision (decided_at,"
                            + " last_at, provider, cluster, account, job_ref, chip, chips, time_limit_minutes, requested_flop,"
                            + " decision, code, reason) VALUES (?, ?, 'prov-a', 'c1', 'acct-1', 'old', 'H100', 8, 60, 1,"
                            + " 'deny', 'licence-required', 'old')")) {
                Timestamp old = Timestamp.from(Instant.now().minus(Duration.ofDays(91)));
                s.setTimestamp(1, old);
                s.setTimestamp(2, old);
                s.executeUpdate();
            }
            assertThat(refs(read(registry.regulator, ""))).containsExactly("recent", "old");

            // The cleanup runs when the server starts (and hourly while it runs).
            registry.restart();
            assertThat(refs(read(registry.regulator, ""))).containsExactly("recent");
            assertThat(read(registry.regulator, "").path("recording").path("retentionDays").asLong()).isEqualTo(90);
        } finally {
            registry.close();
        }
    }
}
