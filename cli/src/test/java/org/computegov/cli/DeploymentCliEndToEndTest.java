package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment commands not driven elsewhere, through the real {@code cgov} entry point against a demo server
 * (embedded PostgreSQL): {@code evaluator accredit}, {@code certify}, {@code deploy register}, {@code order comply} and
 * {@code switch create}. Each succeeds as a table and as {@code --json}, and each refusal exits 2 with one message
 * saying what is wrong and how to fix it, prints nothing on stdout, and leaves the log as it was.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentCliEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCEPTED = "accepted %s statement [0-9a-f-]{36} at log index \\d+\n(?s).*";

    @TempDir static Path data;
    private static CgovServer server;
    private static String url;
    private static String regulator;
    private static String lab;
    private static String evaluator;
    private static String cloudA;
    private static String cloudB;
    private static String root;

    @BeforeAll
    static void start() throws Exception {
        server = CgovServer.start(new ServerOptions(0, data, null, null, null, true, null, null, LogOptions.defaults()),
                Clock.systemUTC());
        url = "http://127.0.0.1:" + server.port();
        regulator = key("regulator");
        lab = key("frontier-lab");
        evaluator = key("eval-inst");
        cloudA = key("cloud-a");
        cloudB = key("cloud-b");
        JsonNode models = json(run(null, "model", "list", "--json"));
        for (JsonNode m : models) {
            if (m.path("modelId").asText().equals("frontier-1-chat")) {
                root = m.path("root").asText();
            }
        }
        assertThat(root).as(models.toString()).matches("[0-9a-f]{64}");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String key(String actor) {
        return data.resolve("demo-keys/" + actor + ".key").toString();
    }

    /** A command as the holder of {@code key} (none: anonymous) against the demo server. */
    private static CliRun run(String key, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", url));
        if (key != null) {
            all.addAll(List.of("--key", key));
        }
        return CliRun.of(all.toArray(String[]::new));
    }

    /** A write that must succeed and add exactly one entry to the log; what it printed. */
    private static String logged(String key, String... args) throws Exception {
        long before = logSize();
        CliRun r = run(key, args);
        assertThat(r.exit()).as("%s%nstdout: %s%nstderr: %s", String.join(" ", args), r.out(), r.err()).isZero();
        assertThat(logSize()).as("the log after " + String.join(" ", args)).isEqualTo(before + 1);
        return r.out();
    }

    private static JsonNode json(CliRun r) throws Exception {
        assertThat(r.exit()).as("stdout: %s%nstderr: %s", r.out(), r.err()).isZero();
        return JSON.readTree(r.out());
    }

    /**
     * A command that must be refused as bad input: exit 2, nothing on stdout, one "cgov: " line on stderr holding
     * every fragment (what is wrong, how to fix it), and the log unchanged.
     */
    private static String refused(String key, List<String> says, String... args) throws Exception {
        long before = logSize();
        CliRun r = run(key, args);
        String what = String.join(" ", args);
        assertThat(r.exit()).as("%s%nstdout: %s%nstderr: %s", what, r.out(), r.err()).isEqualTo(2);
        assertThat(r.out()).as(what).isEmpty();
        assertThat(r.err()).as(what).startsWith("cgov: ").doesNotContain("Exception", "\tat ");
        assertThat(r.err().strip()).as(what).doesNotContain("\n");
        assertThat(r.err()).as(what).contains(says);
        assertThat(logSize()).as("the log after " + what).isEqualTo(before);
        return r.err();
    }

    /** A command picocli itself refuses (an option missing or malformed): exit 2 naming the option, the log unchanged. */
    private static void unparsable(String option, String key, String... args) throws Exception {
        long before = logSize();
        CliRun r = run(key, args);
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(option).contains("Usage:");
        assertThat(logSize()).isEqualTo(before);
    }

    private static long logSize() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/api/v1/log/info")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).path("size").asLong();
    }

    private static JsonNode find(JsonNode rows, String field, String value) {
        for (JsonNode r : rows) {
            if (r.path(field).asText().equals(value)) {
                return r;
            }
        }
        throw new AssertionError("no row with " + field + " " + value + " in " + rows);
    }

    @Test
    @Order(1)
    void theRegulatorAccreditsAnEvaluator() throws Exception {
        String until = Instant.now().plus(Duration.ofDays(365)).truncatedTo(ChronoUnit.SECONDS).toString();
        String out = logged(regulator, "evaluator", "accredit", "eval-inst", "--scope", "frontier cyber and bio evaluations",
                "--valid-until", until);
        assertThat(out).matches(String.format(ACCEPTED, "evaluator-accreditation"));
        JsonNode e = find(json(run(null, "evaluator", "list", "--json")), "evaluator", "eval-inst");
        assertThat(e.path("scope").asText()).isEqualTo("frontier cyber and bio evaluations");
        assertThat(Instant.parse(e.path("validUntil").asText())).isEqualTo(Instant.parse(until));
        assertThat(e.path("withdrawn").asBoolean()).isFalse();
        assertThat(run(null, "evaluator", "list").out()).contains("eval-inst").contains("frontier cyber and bio evaluations");

        // --json: the server's answer (re-accrediting replaces: until withdrawn again).
        JsonNode j = JSON.readTree(logged(regulator, "evaluator", "accredit", "eval-inst", "--scope", "frontier model evaluations",
                "--json"));
        assertThat(j.path("kind").asText()).isEqualTo("evaluator-accreditation");
        assertThat(j.path("logIndex").asLong()).isEqualTo(logSize() - 1);
        assertThat(find(json(run(null, "evaluator", "list", "--json")), "evaluator", "eval-inst").path("validUntil").isNull()).isTrue();

        refused(regulator, List.of("cloud-a does not hold the evaluator role", "Register it with the role evaluator."),
                "evaluator", "accredit", "cloud-a");
        refused(regulator, List.of("no actor nobody is registered", "Register the evaluator as an actor first."),
                "evaluator", "accredit", "nobody");
        refused(regulator, List.of("--valid-until 'next year' is not an RFC 3339 UTC instant", "Write e.g. 2026-12-31T00:00:00Z."),
                "evaluator", "accredit", "eval-inst", "--valid-until", "next year");
        refused(null, List.of("needs your key", "Give --key FILE"), "evaluator", "accredit", "eval-inst");
    }

    @Test
    @Order(2)
    void anAccreditedEvaluatorCertifiesAModelAndTheScoreRegimeApplies() throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String out = logged(evaluator, "certify", root, "--id", "EI-CLI-1", "--suite", "frontier-safety-suite", "--suite-version",
                "2.2", "--verdict", "conditional", "--result", "bio-uplift=0.6", "--result", "autonomy=below threshold",
                "--evaluated-on", today);
        assertThat(out).matches(String.format(ACCEPTED, "evaluation-certificate"));
        JsonNode j = JSON.readTree(logged(evaluator, "certify", root, "--id", "EI-CLI-2", "--suite", "frontier-safety-suite",
                "--suite-version", "2.2", "--verdict", "passed", "--result", "cyber-uplift=0.1", "--json"));
        assertThat(j.path("kind").asText()).isEqualTo("evaluation-certificate");

        // The model's page shows both, with the results as numbers and text, and the score regime (0.6 ≥ 0.5) now
        // applies: due 30 days before the demo deployment, which came right after registering, so late.
        JsonNode model = json(run(null, "model", "show", "frontier-lab/frontier-1-chat", "--json"));
        JsonNode cert = find(model.path("certificates"), "certId", "EI-CLI-1");
        assertThat(cert.path("evaluator").asText()).isEqualTo("eval-inst");
        assertThat(cert.path("verdict").asText()).isEqualTo("conditional");
        assertThat(cert.path("evaluatedOn").asText()).isEqualTo(today);
        assertThat(cert.path("results").path("bio-uplift").asDouble()).isEqualTo(0.6);
        assertThat(cert.path("results").path("autonomy").asText()).isEqualTo("below threshold");
        assertThat(find(model.path("certificates"), "certId", "EI-CLI-2").path("evaluatedOn").asText()).isEqualTo(today);
        JsonNode regime = find(model.path("notification"), "regime", "demo-eval-uplift");
        assertThat(regime.path("why").asText()).isEqualTo("bio-uplift score 0.6 ≥ 0.5");
        assertThat(regime.path("met").asBoolean()).isFalse();
        assertThat(run(null, "model", "show", "frontier-lab/frontier-1-chat").out())
                .contains("certificate eval-inst/EI-CLI-1: frontier-safety-suite 2.2 conditional on " + today)
                .contains("must notify under demo-eval-uplift (bio-uplift score 0.6 ≥ 0.5; 30 days before deployment, due ")
                .contains(", LATE)");

        String unknownRoot = "ab".repeat(32);
        refused(evaluator, List.of("no registered model has root " + unknownRoot, "The developer registers the model first (cgov model register)."),
                "certify", unknownRoot, "--id", "EI-CLI-3", "--suite", "s", "--suite-version", "1", "--verdict", "passed");
        refused(evaluator, List.of("--result 'bio-uplift' is not NAME=VALUE", "e.g. --result bio-uplift=0.08"),
                "certify", root, "--id", "EI-CLI-3", "--suite", "s", "--suite-version", "1", "--verdict", "passed", "--result", "bio-uplift");
        refused(evaluator, List.of("--evaluated-on '06/12/2026' is not a date", "Write YYYY-MM-DD."),
                "certify", root, "--id", "EI-CLI-3", "--suite", "s", "--suite-version", "1", "--verdict", "passed", "--evaluated-on", "06/12/2026");
        unparsable("--verdict", evaluator, "certify", root, "--id", "EI-CLI-3", "--suite", "s", "--suite-version", "1");

        // Withdrawn, the evaluator certifies no more, until accredited again.
        logged(regulator, "evaluator", "accredit", "eval-inst", "--withdraw");
        refused(evaluator, List.of("eval-inst is not an accredited evaluator (any more)", "The regulator accredits evaluators"),
                "certify", root, "--id", "EI-CLI-3", "--suite", "s", "--suite-version", "1", "--verdict", "passed");
        logged(regulator, "evaluator", "accredit", "eval-inst", "--scope", "frontier model evaluations");
    }

    @Test
    @Order(3)
    void aProviderRegistersADeploymentItsAuthorizationCovers() throws Exception {
        String out = logged(cloudA, "deploy", "register", "--id", "chat-us-2", "--deployer", "acct-frontier", "--root", root,
                "--endpoint", "https://chat2.frontier-lab.example/v1", "--region", "US", "--authorization", "AUTH-DEMO-1");
        assertThat(out).matches(String.format(ACCEPTED, "deployment"));
        JsonNode j = JSON.readTree(logged(cloudA, "deploy", "register", "--id", "chat-us-3", "--deployer", "acct-frontier",
                "--root", root, "--endpoint", "https://chat3.frontier-lab.example/v1", "--region", "US", "--authorization",
                "AUTH-DEMO-1", "--json"));
        assertThat(j.path("kind").asText()).isEqualTo("deployment");
        JsonNode d = find(json(run(null, "deploy", "list", "--json")), "deploymentId", "chat-us-2");
        assertThat(d.path("provider").asText()).isEqualTo("cloud-a");
        assertThat(d.path("deployer").asText()).isEqualTo("acct-frontier");
        assertThat(d.path("region").asText()).isEqualTo("US");
        assertThat(d.path("authorizationId").asText()).isEqualTo("AUTH-DEMO-1");
        assertThat(run(null, "deploy", "list").out()).contains("cloud-a/chat-us-2").contains("https://chat2.frontier-lab.example/v1");

        String fix = "Nothing was recorded. Deploy within the authorization's conditions, or ask the regulator.";
        refused(cloudA, List.of("authorization AUTH-DEMO-1 does not admit region EU", fix),
                "deploy", "register", "--id", "chat-eu-1", "--deployer", "acct-frontier", "--root", root,
                "--endpoint", "https://eu.example/v1", "--region", "EU", "--authorization", "AUTH-DEMO-1");
        refused(cloudB, List.of("authorization AUTH-DEMO-1 does not admit provider cloud-b", fix),
                "deploy", "register", "--id", "chat-us-9", "--deployer", "acct-x", "--root", root,
                "--endpoint", "https://b.example/v1", "--region", "US", "--authorization", "AUTH-DEMO-1");
        refused(cloudA, List.of("no registered model has root " + "cd".repeat(32), "the developer registers it (cgov model register)"),
                "deploy", "register", "--id", "chat-us-9", "--deployer", "acct-frontier", "--root", "cd".repeat(32),
                "--endpoint", "https://x.example/v1", "--region", "US");
        unparsable("--region", cloudA, "deploy", "register", "--id", "chat-us-9", "--deployer", "acct-frontier", "--root", root,
                "--endpoint", "https://x.example/v1");
    }

    @Test
    @Order(4)
    void theProviderAnOrderIsAddressedToReportsCompliance() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        logged(regulator, "order", "issue", "--id", "ORD-CLI-C", "--deployment", "cloud-a/chat-us-2", "--measure", "suspend",
                "--reason", "suspend pending review", "--ack-by", now.plus(Duration.ofHours(1)).toString(), "--comply-by",
                now.plus(Duration.ofDays(1)).toString());

        refused(cloudB, List.of("order ORD-CLI-C is addressed to cloud-a, not cloud-b", "Only the provider an order is addressed to answers it."),
                "order", "comply", "ORD-CLI-C", "--note", "not ours");
        unparsable("--note", cloudA, "order", "comply", "ORD-CLI-C");

        String out = logged(cloudA, "order", "comply", "ORD-CLI-C", "--note", "endpoint chat2 suspended");
        assertThat(out).matches(String.format(ACCEPTED, "order-compliance"));
        JsonNode o = find(json(run(regulator, "order", "list", "--json")), "id", "ORD-CLI-C");
        assertThat(o.path("standing").asText()).isEqualTo("complied");
        assertThat(run(regulator, "order", "list").out()).containsPattern("ORD-CLI-C .*complied");

        refused(cloudA, List.of("order ORD-CLI-C was reported complied with before", "'cgov order list' shows the order's standing"),
                "order", "comply", "ORD-CLI-C", "--note", "again");
        refused(cloudA, List.of("no order ORD-NONE"), "order", "comply", "ORD-NONE", "--note", "x");

        // --json, for the demo order cloud-a had only acknowledged.
        JsonNode j = JSON.readTree(logged(cloudA, "order", "comply", "ORD-DEMO-1", "--note", "throttled to 1,000 requests a day", "--json"));
        assertThat(j.path("kind").asText()).isEqualTo("order-compliance");
        assertThat(find(json(run(regulator, "order", "list", "--json")), "id", "ORD-DEMO-1").path("standing").asText()).isEqualTo("complied");
    }

    @Test
    @Order(5)
    void aProviderCreatesAnOffSwitch() throws Exception {
        String out = logged(cloudA, "switch", "create", "cli-switch-1", "--holder", "cloud-a", "--holder", "regulator",
                "--holder", "eval-inst", "--threshold", "2");
        assertThat(out).matches(String.format(ACCEPTED, "switch"));
        assertThat(run(null, "switch", "status", "cli-switch-1").out())
                .isEqualTo("cli-switch-1  RUNNING  epoch 0  2 of 3 holders\n  halt votes this epoch: 0; 2 more halt it\n");
        JsonNode s = json(run(null, "switch", "status", "cli-switch-1", "--json"));
        assertThat(s.path("status").asText()).isEqualTo("running");
        assertThat(s.path("votesNeeded").asInt()).isEqualTo(2);
        assertThat(s.path("holders").toString()).contains("cloud-a", "regulator", "eval-inst");

        JsonNode j = JSON.readTree(logged(cloudA, "switch", "create", "cli-switch-2", "--holder", "cloud-a", "--threshold", "1", "--json"));
        assertThat(j.path("kind").asText()).isEqualTo("switch");

        refused(cloudA, List.of("predicate.threshold must be a whole number from 1 to the number of holders (3)",
                        "give a threshold of at least 1 and at most the number of holders"),
                "switch", "create", "cli-switch-3", "--holder", "cloud-a", "--holder", "regulator", "--holder", "eval-inst",
                "--threshold", "4");
        refused(cloudA, List.of("holder nobody is not a registered actor", "Holders vote with their registered keys."),
                "switch", "create", "cli-switch-3", "--holder", "cloud-a", "--holder", "nobody", "--threshold", "1");
        refused(cloudA, List.of("must name one or more distinct actors", "Name each holder once"),
                "switch", "create", "cli-switch-3", "--holder", "cloud-a", "--holder", "cloud-a", "--threshold", "1");
        refused(cloudA, List.of("switch cli-switch-1 exists", "Choose another id"),
                "switch", "create", "cli-switch-1", "--holder", "cloud-a", "--threshold", "1");
        unparsable("--threshold", cloudA, "switch", "create", "cli-switch-3", "--holder", "cloud-a", "--threshold", "two");
    }
}
