package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.computegov.ledger.keys.PemKeys;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving check end to end: the regulator authorizes a model through a real server's log (embedded PostgreSQL),
 * and a provider checks the weights against the bundle offline with {@code cgov model verify --authorization}.
 */
class ServingCheckCommandTest {
    @TempDir static Path dir;
    private static CgovServer server;
    private static String url;
    private static Path regulatorKey;
    private static String regulatorVkey;
    private static String logVkey;

    @BeforeAll
    static void start() throws Exception {
        regulatorKey = dir.resolve("regulator.key");
        assertThat(CliRun.of("keys", "generate", "--name", "regulator/deploy", "--out", regulatorKey.toString()).exit()).isZero();
        SignerKey reg = SignerKey.parse(Files.readString(regulatorKey).strip());
        regulatorVkey = reg.verifierKey().encode();
        Path pem = Files.writeString(dir.resolve("regulator.pem"), PemKeys.toPem(reg.privateKey().publicKey()));
        Path data = dir.resolve("data");
        server = CgovServer.start(new ServerOptions(0, data, null, null, null, false, null, null,
                new LogOptions(null, List.of(pem), List.of(), 0)), Clock.systemUTC());
        url = "http://127.0.0.1:" + server.port();
        logVkey = SignerKey.parse(Files.readString(data.resolve("log.key")).strip()).verifierKey().encode();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Path model(String name) throws Exception {
        Path m = Files.createDirectories(dir.resolve(name));
        Files.writeString(m.resolve("config.json"), "{\"layers\": 32}");
        Files.createDirectories(m.resolve("weights"));
        for (int i = 0; i < 3; i++) {
            Files.writeString(m.resolve("weights/part-" + i + ".safetensors"), ("tensor " + i + " ").repeat(5000));
        }
        return m;
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
        Path bundle = dir.resolve("auth.bundle");
        CliRun auth = CliRun.of("deploy", "authorize", m.toString(), "--key", regulatorKey.toString(), "--url", url,
                "--id", "AUTH-1", "--region", "EU", "--provider", "cloud-a", "--usage-limit", "requestsPerDay=1e6",
                "--out", bundle.toString());
        assertThat(auth.exit()).as(auth.err()).isZero();

        CliRun ok = serve(m, bundle, "--region", "EU", "--provider", "cloud-a");
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).startsWith("ALLOWED").contains("AUTH-1");

        CliRun elsewhere = serve(m, bundle, "--region", "US", "--json");
        assertThat(elsewhere.exit()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(elsewhere.out()).get("reasons").get(0).asText()).contains("region US");

        Files.writeString(m.resolve("weights/part-2.safetensors"), "swapped");
        CliRun swapped = serve(m, bundle);
        assertThat(swapped.exit()).isEqualTo(1);
        assertThat(swapped.out()).startsWith("DENIED").contains("changed: weights/part-2.safetensors")
                .doesNotContain("part-0");
    }

    @Test
    void revokedOrForeignAuthorizationsDenyAndMissingKeysAreBadInput() throws Exception {
        Path m = model("frontier-13b");
        Path bundle = dir.resolve("auth13.bundle");
        assertThat(CliRun.of("deploy", "authorize", m.toString(), "--key", regulatorKey.toString(), "--url", url,
                "--id", "AUTH-2", "--out", bundle.toString()).exit()).isZero();
        Path revoked = dir.resolve("revoked.bundle");
        assertThat(CliRun.of("deploy", "status", bundle.toString(), "--key", regulatorKey.toString(), "--state", "revoked",
                "--reason", "incident 7", "--out", revoked.toString()).exit()).isZero();
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

        Path other = Files.createDirectories(dir.resolve("untrusted"));
        Path otherKey = other.resolve("x.key");
        CliRun.of("keys", "generate", "--name", "someone/x", "--out", otherKey.toString());
        CliRun unlogged = CliRun.of("deploy", "authorize", m.toString(), "--key", otherKey.toString(), "--url", url,
                "--id", "AUTH-X", "--out", other.resolve("b").toString());
        assertThat(unlogged.exit()).isEqualTo(1);
        assertThat(unlogged.err()).contains("--trusted-key");
    }
}
