package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment loop from the command line against a demo server (embedded PostgreSQL): the developer registers a
 * model, the regulator authorizes it as a registry statement and writes the bundle from the log, and a provider checks
 * the weights offline with {@code cgov model verify --authorization}; a swapped weight file, a revocation or a foreign
 * key deny. Then deployments, incidents, attribution, orders and the off switch through their commands.
 */
class ServingCheckCommandTest {
    @TempDir static Path dir;
    private static CgovServer server;
    private static String url;
    private static String regulatorKey;
    private static String labKey;
    private static String cloudKey;
    private static String regulatorVkey;
    private static String logVkey;

    @BeforeAll
    static void start() throws Exception {
        Path data = dir.resolve("data");
        server = CgovServer.start(new ServerOptions(0, data, null, null, null, true, null, null, LogOptions.defaults()),
                Clock.systemUTC());
        url = "http://127.0.0.1:" + server.port();
        regulatorKey = data.resolve("demo-keys/regulator.key").toString();
        labKey = data.resolve("demo-keys/frontier-lab.key").toString();
        cloudKey = data.resolve("demo-keys/cloud-a.key").toString();
        regulatorVkey = KeyFiles.readSignerKey(Path.of(regulatorKey)).verifierKey().encode();
        logVkey = KeyFiles.readSignerKey(data.resolve("log.key")).verifierKey().encode();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Path model(String name) throws Exception {
        Path m = Files.createDirectories(dir.resolve(name));
        Files.writeString(m.resolve("config.json"), "{\"layers\": 32, \"name\": \"" + name + "\"}");
        Files.createDirectories(m.resolve("weights"));
        for (int i = 0; i < 3; i++) {
            Files.writeString(m.resolve("weights/part-" + i + ".safetensors"), (name + " tensor " + i + " ").repeat(5000));
        }
        return m;
    }

    private static CliRun run(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--url", url));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static CliRun serve(Path model, Path bundle, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("model", "verify", model.toString(), "--authorization",
                bundle.toString(), "--regulator", regulatorVkey, "--log-key", logVkey));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void authorizedModelIsServedAndASwappedWeightOrARevocationDenies() throws Exception {
        Path m = model("frontier-7b");
        CliRun reg = run("model", "register", m.toString(), "--id", "frontier-7b", "--run", "frontier-1", "--key", labKey);
        assertThat(reg.exit()).as(reg.err()).isZero();
        Path bundle = dir.resolve("auth.bundle");
        CliRun auth = run("deploy", "authorize", m.toString(), "--key", regulatorKey, "--id", "AUTH-1", "--region", "EU",
                "--provider", "cloud-a", "--usage-limit", "requestsPerDay=1e6", "--out", bundle.toString());
        assertThat(auth.exit()).as(auth.err()).isZero();

        CliRun ok = serve(m, bundle, "--region", "EU", "--provider", "cloud-a");
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).startsWith("ALLOWED").contains("AUTH-1");
        CliRun online = run("deploy", "verify", m.toString(), "--region", "EU", "--provider", "cloud-a");
        assertThat(online.exit()).as(online.out() + online.err()).isZero();

        CliRun elsewhere = serve(m, bundle, "--region", "US", "--json");
        assertThat(elsewhere.exit()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(elsewhere.out()).get("reasons").get(0).asText()).contains("region US");

        Files.writeString(m.resolve("weights/part-2.safetensors"), "swapped");
        CliRun swapped = serve(m, bundle);
        assertThat(swapped.exit()).isEqualTo(1);
        assertThat(swapped.out()).startsWith("DENIED").contains("changed: weights/part-2.safetensors").doesNotContain("part-0");
    }

    @Test
    void revokedOrForeignAuthorizationsDenyAndBadInputIsExit2() throws Exception {
        Path m = model("frontier-13b");
        Path bundle = dir.resolve("auth13.bundle");
        // Not registered: the registry refuses the authorization (exit 2 with its reason), nothing is written.
        CliRun unregistered = run("deploy", "authorize", m.toString(), "--key", regulatorKey, "--id", "AUTH-2", "--out", bundle.toString());
        assertThat(unregistered.exit()).isEqualTo(2);
        assertThat(unregistered.err()).contains("cgov model register");
        assertThat(run("model", "register", m.toString(), "--id", "frontier-13b", "--key", labKey).exit()).isZero();
        assertThat(run("deploy", "authorize", m.toString(), "--key", regulatorKey, "--id", "AUTH-2", "--out", bundle.toString()).exit()).isZero();
        assertThat(serve(m, bundle).exit()).isZero();
        CliRun revoke = run("deploy", "status", "AUTH-2", "--state", "revoked", "--reason", "incident 7", "--key", regulatorKey);
        assertThat(revoke.exit()).as(revoke.err()).isZero();
        Path revoked = dir.resolve("revoked.bundle");
        assertThat(run("deploy", "bundle", "AUTH-2", "--key", regulatorKey, "--out", revoked.toString()).exit()).isZero();
        CliRun r = serve(m, revoked);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("revoked").contains("incident 7");

        String impostor = SignerKey.generate("regulator/deploy").verifierKey().encode();
        CliRun foreign = CliRun.of("model", "verify", m.toString(), "--authorization", bundle.toString(),
                "--regulator", impostor, "--log-key", logVkey);
        assertThat(foreign.exit()).isEqualTo(1);
        assertThat(foreign.out()).contains("authorization not valid");
        CliRun noKey = CliRun.of("model", "verify", m.toString(), "--authorization", bundle.toString(), "--log-key", logVkey);
        assertThat(noKey.exit()).isEqualTo(2);
        assertThat(noKey.err()).contains("--regulator");
        // A provider cannot authorize.
        assertThat(run("deploy", "authorize", m.toString(), "--key", cloudKey, "--id", "AUTH-X", "--out",
                dir.resolve("x").toString()).exit()).isEqualTo(2);
    }

    @Test
    void incidentsAttributionOrdersAndTheSwitchFromTheCommandLine() throws Exception {
        CliRun file = run("incident", "file", "--id", "INC-CLI", "--deployment", "cloud-a/chat-us-1", "--severity", "medium",
                "--description", "jailbreak reported", "--key", labKey);
        assertThat(file.exit()).as(file.err()).isZero();
        CliRun attr = run("incident", "attribute", "cloud-a/chat-us-1", "--key", regulatorKey);
        assertThat(attr.exit()).as(attr.err()).isZero();
        assertThat(attr.out()).contains("Frontier Lab Inc.").contains("frontier-lab/frontier-1-chat").contains("INC-CLI");
        CliRun attrPublic = run("incident", "attribute", "cloud-a/chat-us-1");
        assertThat(attrPublic.out()).contains("identity: regulator only").doesNotContain("Frontier Lab Inc.");

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CliRun issue = run("order", "issue", "--id", "ORD-CLI", "--deployment", "cloud-a/chat-us-1", "--measure", "suspend",
                "--reason", "incident INC-CLI", "--ack-by", now.plusSeconds(3600).toString(), "--comply-by",
                now.plusSeconds(86400).toString(), "--key", regulatorKey);
        assertThat(issue.exit()).as(issue.err()).isZero();
        assertThat(run("order", "ack", "ORD-CLI", "--key", cloudKey).exit()).isZero();
        assertThat(run("order", "ack", "ORD-CLI", "--key", cloudKey).exit()).isEqualTo(2);
        CliRun list = run("order", "list", "--key", regulatorKey);
        assertThat(list.out()).contains("ORD-CLI").contains("acknowledged");
        assertThat(run("order", "issue", "--id", "ORD-BAD", "--deployment", "cloud-a/chat-us-1", "--measure", "pause",
                "--reason", "x", "--ack-by", now.plusSeconds(60).toString(), "--comply-by", now.plusSeconds(120).toString(),
                "--key", regulatorKey).exit()).isEqualTo(2);

        // The demo switch has one halt vote of two needed; frontier-lab's is the second.
        assertThat(run("switch", "status", "cloud-a-shared-1").out()).contains("RUNNING").contains("1 more");
        CliRun vote = run("switch", "sign", "cloud-a-shared-1", "--action", "halt", "--key", labKey);
        assertThat(vote.exit()).as(vote.err()).isZero();
        assertThat(run("switch", "status", "cloud-a-shared-1", "--json").out()).contains("\"halted\"");
        assertThat(run("switch", "sign", "cloud-a-shared-1", "--action", "halt", "--epoch", "0", "--key", labKey).exit()).isEqualTo(2);
    }
}
