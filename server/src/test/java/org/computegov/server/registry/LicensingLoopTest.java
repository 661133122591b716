package org.computegov.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.computegov.server.registry.RegistryHarness.ack;
import static org.computegov.server.registry.RegistryHarness.application;
import static org.computegov.server.registry.RegistryHarness.assertAccepted;
import static org.computegov.server.registry.RegistryHarness.assertProblem;
import static org.computegov.server.registry.RegistryHarness.decision;
import static org.computegov.server.registry.RegistryHarness.licenceTerms;
import static org.computegov.server.registry.RegistryHarness.predicate;
import static org.computegov.server.registry.RegistryHarness.standing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.file.Path;
import org.computegov.registry.client.RegistryClient.Answer;
import org.computegov.registry.statement.Submission;
import org.computegov.server.registry.RegistryHarness.Snapshot;
import org.computegov.server.registry.RegistryHarness.TestActor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The licensing loop through the HTTP API: apply → decide → licence → admit → usage → burn-down → notice → ack, each
 * refusal leaving the log and registry unchanged, alerts and notices the same after a restart, and replay finding the
 * licensing tables equal.
 */
class LicensingLoopTest {
    @TempDir static Path data;
    static RegistryHarness registry;
    static TestActor regulator;
    static TestActor provA;
    static TestActor dev;
    static TestActor other;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryHarness.start(data);
        regulator = registry.regulator;
        provA = registry.register("prov-a", "US", "compute-provider");
        dev = registry.register("dev", "US", "developer");
        other = registry.register("dev-2", "US", "developer");
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    static void refused(TestActor by, Submission s, int status, String kind, String why) throws Exception {
        Snapshot before = registry.snapshot();
        assertProblem(by.submit(s), status, kind);
        registry.assertUnchanged(before, why);
    }

    @Test
    void applyDecideLicenceAdmitUsageBurnDownNoticeAck() throws Exception {
        // Under the built-in 1e26 regime a 5e25 run needs no licence; a 2e26 run does.
        JsonNode small = ok(dev.submit(application(dev, predicate(dev), "A-SMALL", "5e25")));
        assertThat(small.path("summary").path("licenceRequired").asBoolean()).isFalse();
        assertThat(small.path("summary").path("regimeMessage").asText()).contains("needs no licence");
        JsonNode big = ok(dev.submit(application(dev, predicate(dev), "A-1", "2e26")));
        assertThat(big.path("summary").path("licenceRequired").asBoolean()).isTrue();

        // Planned compute below the knowledge core's 6·N·D estimate is refused, and nothing changes.
        ObjectNode under = RegistryHarness.applicationDocument("A-UNDER", "1e25");
        under.putObject("estimate").put("parameters", 1e12).put("tokens", 1e13); // 6e25
        refused(dev, dev.writer().sealedStatement("licence-application", "licence-application:dev", predicate(dev),
                RegistryHarness.bytes(under)), 400, "invalid-statement", "planned below the estimate");

        // Reads: the developer and the regulator see the safety case; another developer does not see it exists.
        JsonNode read = dev.get("/api/v1/licence-applications/dev/A-1").body();
        assertThat(read.path("safetyCase").path("securityLevel").asText()).isEqualTo("SL-3");
        assertThat(read.path("state").asText()).isEqualTo("submitted");
        assertThat(regulator.get("/api/v1/licence-applications?state=submitted").body()).hasSize(2);
        assertProblem(other.get("/api/v1/licence-applications/dev/A-1"), 404, "not-found");
        assertThat(other.get("/api/v1/licence-applications").body()).isEmpty();

        // A licence naming the application before it is approved is refused; so is a decision by a developer.
        ObjectNode lp = predicate(regulator);
        ObjectNode terms = licenceTerms("L-LOOP", 2);
        terms.put("run", "dev/run-A-1");
        lp.set("licence", terms);
        lp.put("application", "dev/A-1");
        Submission issue = regulator.writer().publicStatement("licence", "licence:L-LOOP", lp, null, null);
        refused(regulator, issue, 409, "application-not-approved", "licence before approval");
        refused(dev, decision(dev, predicate(dev), "dev/A-1", "approve", null), 403, "forbidden", "developer deciding");
        refused(regulator, decision(regulator, predicate(regulator), "dev/A-1", "deny", null), 400, "invalid-statement",
                "deny without reasons");

        // Request changes; the developer re-applies; approve with a condition; the licence is issued under it.
        assertAccepted(regulator.submit(decision(regulator, predicate(regulator), "dev/A-1", "request-changes",
                "name the evaluation provider")));
        refused(regulator, decision(regulator, predicate(regulator), "dev/A-1", "approve", null), 409,
                "application-not-pending", "decision on an application awaiting changes");
        assertAccepted(dev.submit(application(dev, predicate(dev), "A-1", "2e26")));
        assertThat(dev.get("/api/v1/licence-applications/dev/A-1").body().path("version").asInt()).isEqualTo(2);
        ObjectNode approve = predicate(regulator);
        approve.putObject("decision").put("application", "dev/A-1").put("outcome", "approve").putArray("conditions")
                .add("monthly evaluation reports");
        assertAccepted(regulator.submit(regulator.writer().publicStatement("licence-decision", "licence-application:dev/A-1",
                approve, null, null)));
        assertAccepted(regulator.submit(issue));
        JsonNode approved = dev.get("/api/v1/licence-applications/dev/A-1").body();
        assertThat(approved.path("state").asText()).isEqualTo("approved");
        assertThat(approved.path("licence").asText()).isEqualTo("L-LOOP");
        assertThat(approved.path("conditions").get(0).asText()).isEqualTo("monthly evaluation reports");

        // Admit a job (1,000 H100 × 100 h ≈ 1.07e23 of 1e24 released), then report it ran 90 h... and another overruns.
        JsonNode ok = provA.post("/api/v1/admission/decide", job(1000, 6000, "j1")).body();
        assertThat(ok.path("decision").asText()).isEqualTo("allow");
        String sacct = "JobID|Elapsed|State|WCKey\n1|90:00:00|COMPLETED|cgov-j1\n";
        JsonNode settled = provA.client().post("/api/v1/admission/usage?cluster=c1", sacct.getBytes()).body();
        assertThat(settled.path("settled").asInt()).isEqualTo(1);
        JsonNode bd = dev.get("/api/v1/licences/L-LOOP/burn-down").body();
        BigInteger used = new BigInteger(bd.path("usedFlop").asText());
        assertThat(used.signum()).isPositive();
        assertThat(bd.path("tranches").get(0).path("usedFlop").asText()).isEqualTo(used.toString());
        assertThat(bd.path("tranches").get(1).path("released").asBoolean()).isFalse();
        assertThat(bd.path("alerts")).isEmpty();

        // 8,000 H100 × 100 h ≈ 8.5e23 more: held, then reported at 120 h (beyond its hold): 80% and 100% alerts, overrun.
        assertThat(provA.post("/api/v1/admission/decide", job(8000, 6000, "j2")).body().path("decision").asText()).isEqualTo("allow");
        provA.client().post("/api/v1/admission/usage?cluster=c1", "JobID|Elapsed|State|WCKey\n2|120:00:00|TIMEOUT|cgov-j2\n".getBytes());
        JsonNode over = regulator.get("/api/v1/licences/L-LOOP/burn-down").body();
        assertThat(over.path("alerts")).extracting(a -> a.path("level").asDouble()).containsExactly(0.8, 1.0);
        assertThat(new BigInteger(over.path("overrunFlop").asText()).signum()).isPositive();
        assertThat(over.path("notices")).extracting(n -> n.path("notice").asText()).containsExactly("L-LOOP#overrun");
        assertThat(provA.post("/api/v1/admission/decide", job(1, 60, "j3")).body().path("code").asText()).isEqualTo("budget-exceeded");

        // The regulator suspends: a notice to prov-a, which acknowledges both; a second ack is refused.
        JsonNode susp = ok(regulator.submit(standing(regulator, predicate(regulator), "L-LOOP", "suspended",
                "budget overrun")));
        String notice = susp.path("summary").path("notice").asText();
        assertThat(notice).startsWith("L-LOOP#");
        JsonNode mine = provA.get("/api/v1/licence-notices").body();
        assertThat(mine).extracting(n -> n.path("notice").asText()).contains(notice, "L-LOOP#overrun");
        assertThat(mine).allSatisfy(n -> assertThat(n.path("overdue").asBoolean()).isFalse());
        refused(dev, ack(dev, predicate(dev), "L-LOOP", notice), 403, "forbidden", "a developer acknowledging");
        refused(provA, ack(provA, predicate(provA), "L-LOOP", "L-LOOP#999"), 404, "not-found", "an unknown notice");
        assertAccepted(provA.submit(ack(provA, predicate(provA), "L-LOOP", notice)));
        assertAccepted(provA.submit(ack(provA, predicate(provA), "L-LOOP", "L-LOOP#overrun")));
        refused(provA, ack(provA, predicate(provA), "L-LOOP", notice), 409, "notice-acknowledged", "acknowledging twice");
        JsonNode after = regulator.get("/api/v1/licence-notices").body();
        assertThat(after).allSatisfy(n -> assertThat(n.has("acknowledgedAt")).isTrue());
        assertThat(regulator.get("/api/v1/licence-notices?overdue=true").body()).isEmpty();
        assertThat(regulator.get("/api/v1/licensing/regimes").body().path("regimes").get(0).path("thresholdFlop").asText())
                .isEqualTo("100000000000000000000000000");

        // Alerts and the overrun notice were signed by the server (licence-meter statements), and so were the
        // settlements (licence-settlement): a restart shows the same usage, the same alerts at the same times and the
        // same notices and acks.
        JsonNode meter = regulator.get("/api/v1/licences/L-LOOP/burn-down").body();
        assertThat(meter.path("alerts")).allSatisfy(a -> assertThat(a.has("logIndex")).isTrue());
        registry.restart();
        JsonNode restarted = registry.regulator.get("/api/v1/licences/L-LOOP/burn-down").body();
        assertThat(restarted.path("usedFlop")).as("settled usage is in the log").isEqualTo(meter.path("usedFlop"));
        assertThat(restarted.path("tranches")).isEqualTo(meter.path("tranches"));
        assertThat(restarted.path("overrunFlop")).isEqualTo(meter.path("overrunFlop"));
        assertThat(restarted.path("alerts")).isEqualTo(meter.path("alerts"));
        assertThat(restarted.path("notices")).isEqualTo(meter.path("notices"));
        assertThat(registry.regulator.get("/api/v1/licence-notices").body()).isEqualTo(after);

        // Replay rebuilds the licensing tables equal to the live ones, refusing nothing.
        JsonNode report = registry.regulator.client().post("/api/v1/registry/replay").body();
        assertThat(report.path("refused").asLong()).as("%s", report).isZero();
        for (JsonNode t : report.path("tables")) {
            assertThat(t.path("onlyLive").asLong() + t.path("onlyReplayed").asLong()).as("%s", t).isZero();
        }
    }

    static JsonNode ok(Answer a) {
        return assertAccepted(a).body();
    }

    private static String job(int chips, int minutes, String ref) {
        return "{\"provider\":\"prov-a\",\"cluster\":\"c1\",\"account\":\"acct-1\",\"licence\":\"L-LOOP\","
                + "\"chip\":\"H100\",\"chips\":" + chips + ",\"timeLimitMinutes\":" + minutes + ",\"jobRef\":\"" + ref + "\"}";
    }
}
