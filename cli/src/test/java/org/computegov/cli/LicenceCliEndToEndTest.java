package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole licence loop through {@code ./cgov} against a real demo server: apply (developer) → decide → issue →
 * release → amend → show → bundle → verify → admit offline (the bundle carries the amended terms) → suspend → admit
 * denied → revoke. Every bad input exits 2 with a message naming what is wrong, and the log does not grow; results
 * come as JSON with {@code --json}.
 */
class LicenceCliEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path data;
    @TempDir Path work;
    private String url;

    @Test
    void applyDecideIssueReleaseAmendBundleVerifyAdmitSuspendRevoke() throws Exception {
        try (CgovServer server = CgovServer.start(new ServerOptions(0, data, null, null, null, true, null, null,
                LogOptions.defaults()), Clock.systemUTC())) {
            url = "http://127.0.0.1:" + server.port();
            String reg = data.resolve("demo-keys/regulator.key").toString();
            String dev = data.resolve("demo-keys/frontier-lab.key").toString();
            String regVkey = KeyFiles.readSignerKey(data.resolve("demo-keys/regulator.key")).verifierKey().encode();
            String logVkey = KeyFiles.readSignerKey(data.resolve("log.key")).verifierKey().encode();
            Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);

            // The developer applies; a malformed application is refused before anything is signed.
            Path bad = Files.writeString(work.resolve("bad.json"), "{\"applicationId\": \"A-E2E\", \"run\": \"e2e-run\"}");
            badInput("plannedFlop", "licence", "apply", bad.toString(), "--url", url, "--key", dev);
            Path app = Files.writeString(work.resolve("app.json"), """
                    {"applicationId": "A-E2E", "run": "e2e-run", "plannedFlop": "1.25e26",
                     "estimate": {"parameters": 1e12, "tokens": 2e13},
                     "chips": {"type": "H100", "count": 16384}, "clusters": ["cloud-a/*", "cloud-b/sol"],
                     "schedule": {"start": "%s", "end": "%s"},
                     "safetyCase": {"riskFramework": "FSF v2", "evaluationPlan": "every 1e25 FLOP", "securityLevel": "SL-3",
                                    "responsibleOfficer": "CSO"}}""".formatted(today.minus(Duration.ofDays(10)), today.plus(Duration.ofDays(290))));
            JsonNode applied = json("licence", "apply", app.toString(), "--url", url, "--key", dev, "--json");
            assertThat(applied.path("kind").asText()).isEqualTo("licence-application");
            assertThat(applied.path("summary").path("licenceRequired").asBoolean()).isTrue();

            // The regulator approves with a condition; deciding twice, or a developer deciding, is refused.
            badInput("developer/applicationId", "licence", "decide", "A-E2E", "--approve", "--url", url, "--key", reg);
            assertThat(json("licence", "decide", "frontier-lab/A-E2E", "--approve", "--condition", "monthly evaluation reports",
                    "--url", url, "--key", reg, "--json").path("kind").asText()).isEqualTo("licence-decision");
            badInput(null, "licence", "decide", "frontier-lab/A-E2E", "--deny", "--reason", "late", "--url", url, "--key", reg);
            badInput(null, "licence", "decide", "frontier-lab/A-E2E", "--approve", "--url", url, "--key", dev);

            // The licence under the approval: 1e25 released of 6e25 at cloud-a.
            Path terms = Files.writeString(work.resolve("terms.json"), """
                    {"id": "L-E2E", "developer": "frontier-lab", "run": "e2e-run",
                     "tranches": [{"flop": "1e25"}, {"flop": "5e25", "condition": "interim evaluation at 1e25 accepted"}],
                     "tranchesReleased": 1, "clusters": ["cloud-a/*"], "accounts": [],
                     "validFrom": "%s", "validUntil": "%s", "conditions": ["monthly evaluation reports"]}"""
                    .formatted(today.minus(Duration.ofDays(1)), today.plus(Duration.ofDays(300))));
            badInput("licence terms are invalid", "licence", "issue", bad.toString(), "--url", url, "--key", reg);
            JsonNode issued = json("licence", "issue", terms.toString(), "--application", "frontier-lab/A-E2E", "--url", url,
                    "--key", reg, "--json");
            assertThat(issued.path("summary").path("application").asText()).isEqualTo("frontier-lab/A-E2E");
            badInput(null, "licence", "issue", terms.toString(), "--url", url, "--key", reg); // issued already

            // Tranches in order; amendments checked before they are sent, and by the registry.
            badInput(null, "licence", "release", "L-E2E", "--tranche", "3", "--url", url, "--key", reg);
            assertThat(json("licence", "release", "L-E2E", "--tranche", "2", "--url", url, "--key", reg, "--json")
                    .path("summary").path("tranchesReleased").asInt()).isEqualTo(2);
            Path before = work.resolve("l-before.json");
            assertThat(CliRun.of("licence", "bundle", "L-E2E", "--out", before.toString(), "--url", url, "--key", reg).exit()).isZero();
            badInput("Nothing to amend", "licence", "amend", "L-E2E", "--reason", "nothing", "--url", url, "--key", reg);
            badInput("is not N=FLOP", "licence", "amend", "L-E2E", "--reason", "x", "--tranche-flop", "two=1e25", "--url", url, "--key", reg);
            badInput("tranches 1..2", "licence", "amend", "L-E2E", "--reason", "x", "--tranche-flop", "9=1e25", "--url", url, "--key", reg);
            badInput("RFC 3339", "licence", "amend", "L-E2E", "--reason", "x", "--valid-until", "next year", "--url", url, "--key", reg);
            badInput(null, "licence", "amend", "L-E2E", "--reason", "x", "--cluster", "cloud-a/*", "--url", url, "--key", reg); // no change
            JsonNode amended = json("licence", "amend", "L-E2E", "--reason", "cloud-b's sol cluster added for the final phase",
                    "--cluster", "cloud-a/*", "--cluster", "cloud-b/sol", "--tranche-flop", "2=6e25", "--url", url, "--key", reg, "--json");
            assertThat(amended.path("summary").path("amendment").asInt()).isEqualTo(1);
            JsonNode shown = json("licence", "show", "L-E2E", "--url", url, "--key", reg, "--json");
            assertThat(shown.path("amendments").asInt()).isEqualTo(1);
            assertThat(shown.path("releasedFlop").asText()).isEqualTo("70000000000000000000000000");
            assertThat(shown.path("logIndex").asLong()).isEqualTo(amended.path("logIndex").asLong());
            CliRun text = CliRun.of("licence", "show", "L-E2E", "--url", url, "--key", reg);
            assertThat(text.out()).contains("L-E2E  active").contains("2 of 2 tranches").contains("amended 1 time(s)");

            // The bundle carries the amended terms: cloud-b/sol is admitted offline.
            Path bundle = work.resolve("l.json");
            JsonNode wrote = json("licence", "bundle", "L-E2E", "--out", bundle.toString(), "--url", url, "--key", reg, "--json");
            assertThat(wrote.path("logIndex").asLong()).isEqualTo(amended.path("logIndex").asLong());
            assertThat(wrote.path("status").asText()).isEqualTo("valid");
            JsonNode verified = json("licence", "verify", bundle.toString(), "--issuer-key", regVkey, "--log-key", logVkey, "--json");
            assertThat(verified.path("verified").asBoolean()).isTrue();
            JsonNode allow = json("admit", "--bundle", bundle.toString(), "--issuer-key", regVkey, "--log-key", logVkey,
                    "--provider", "cloud-b", "--cluster", "sol", "--chip", "H100", "--chips", "512", "--time-limit", "48h", "--json");
            assertThat(allow.path("decision").asText()).isEqualTo("allow");
            // The bundle made before the amendment still carries the old terms (until its status ages out).
            CliRun old = CliRun.of("admit", "--bundle", before.toString(), "--issuer-key", regVkey, "--log-key", logVkey,
                    "--provider", "cloud-b", "--cluster", "sol", "--chip", "H100", "--chips", "512", "--time-limit", "48h", "--json");
            assertThat(old.exit()).isEqualTo(1);
            assertThat(JSON.readTree(old.out()).path("code").asText()).isEqualTo("cluster-not-authorized");
            CliRun over = CliRun.of("admit", "--bundle", bundle.toString(), "--issuer-key", regVkey, "--log-key", logVkey,
                    "--provider", "cloud-b", "--cluster", "sol", "--chip", "H100", "--chips", "512", "--time-limit", "48h",
                    "--used", "6.999e25", "--json"); // 1e22 free; the job asks ~2.6e22
            assertThat(over.exit()).isEqualTo(1);
            assertThat(JSON.readTree(over.out()).path("code").asText()).isEqualTo("budget-exceeded");
            assertThat(JSON.readTree(over.out()).path("requested").path("flop").asText()).isNotEmpty();
            CliRun badAdmit = CliRun.of("admit", "--bundle", bundle.toString(), "--issuer-key", regVkey, "--log-key", logVkey,
                    "--provider", "cloud-b", "--cluster", "sol", "--chip", "H100", "--chips", "512", "--time-limit", "forever");
            assertThat(badAdmit.exit()).as(badAdmit.err()).isEqualTo(2);
            assertThat(badAdmit.err()).contains("--time-limit");
            // An altered bundle does not verify.
            Path altered = work.resolve("altered.json");
            Files.writeString(altered, Files.readString(bundle).replaceFirst("\"leafIndex\"\\s*:\\s*\\d+", "\"leafIndex\":0"));
            assertThat(CliRun.of("licence", "verify", altered.toString(), "--issuer-key", regVkey, "--log-key", logVkey).exit())
                    .isEqualTo(1);

            // Suspension: the next bundle's status denies; revocation is final.
            assertThat(json("licence", "suspend", "L-E2E", "--reason", "interim evaluation overdue", "--url", url, "--key", reg,
                    "--json").path("summary").path("standing").asText()).isEqualTo("suspended");
            Path suspended = work.resolve("l-suspended.json");
            assertThat(CliRun.of("licence", "bundle", "L-E2E", "--out", suspended.toString(), "--url", url, "--key", reg).exit()).isZero();
            CliRun denied = CliRun.of("admit", "--bundle", suspended.toString(), "--issuer-key", regVkey, "--log-key", logVkey,
                    "--provider", "cloud-a", "--cluster", "c1", "--chip", "H100", "--chips", "8", "--time-limit", "1h", "--json");
            assertThat(denied.exit()).isEqualTo(1);
            assertThat(JSON.readTree(denied.out()).path("code").asText()).isEqualTo("licence-suspended");
            assertThat(json("licence", "revoke", "L-E2E", "--reason", "safety case withdrawn", "--url", url, "--key", reg, "--json")
                    .path("summary").path("standing").asText()).isEqualTo("revoked");
            badInput(null, "licence", "revoke", "L-E2E", "--reason", "again", "--url", url, "--key", reg);
            badInput(null, "licence", "amend", "L-E2E", "--reason", "too late", "--valid-until", today.plus(Duration.ofDays(400)).toString(),
                    "--url", url, "--key", reg);
        }
    }

    /** Runs a command that must succeed and print JSON. */
    private static JsonNode json(String... args) throws Exception {
        CliRun r = CliRun.of(args);
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
        return JSON.readTree(r.out());
    }

    /** Runs a command that must exit 2 with a message (saying {@code what} when given) and leave the log as it was. */
    private void badInput(String what, String... args) throws Exception {
        long before = logSize();
        CliRun r = CliRun.of(args);
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).isNotBlank();
        if (what != null) {
            assertThat(r.err()).contains(what);
        }
        assertThat(r.out()).isEmpty();
        assertThat(logSize()).as("the log after " + String.join(" ", args)).isEqualTo(before);
    }

    private long logSize() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/api/v1/log/info")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).path("size").asLong();
    }
}
