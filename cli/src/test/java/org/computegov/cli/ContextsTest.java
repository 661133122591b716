package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.computegov.api.Json;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.ledger.keys.PemKeys;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import org.computegov.server.registry.RegistryOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contexts against one real server (embedded PostgreSQL, loopback, port 0): a saved URL and key, the log's key
 * pinned on first use and a changed key refused, flags over environment over context, and {@code log submit}
 * following {@code CGOV_URL}.
 */
class ContextsTest {
    @TempDir static Path shared;
    @TempDir Path dir;
    private static CgovServer server;
    private static String url;
    private static Path submitterKey;
    private final Map<String, String> env = new HashMap<>();

    @BeforeAll
    static void startServer() throws Exception {
        SignerKey submitter = SignerKey.generate("submitter");
        submitterKey = shared.resolve("submitter.key");
        KeyFiles.writeSignerKey(submitterKey, submitter);
        Path pem = Files.writeString(shared.resolve("submitter.pem"), PemKeys.toPem(submitter.privateKey().publicKey()));
        server = CgovServer.start(new ServerOptions(0, shared.resolve("data"), null, null, null, false, null, null,
                new LogOptions("contexts.test/log", List.of(pem), List.of(), 0), RegistryOptions.defaults(),
                ServerOptions.LOOPBACK), Clock.systemUTC());
        url = CgovServer.baseUrl(ServerOptions.LOOPBACK, server.port());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void hermetic() {
        env.put("CGOV_CONFIG", dir.resolve("cfg").resolve("config.json").toString());
        Env.variables = env::get;
    }

    @AfterEach
    void restore() {
        Env.reset();
    }

    private static CliRun ok(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exit()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
        return run;
    }

    private static String closedUrl() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    private Path envelope() throws Exception {
        Path payload = Files.writeString(dir.resolve("statement.json"), "{\"n\": " + System.nanoTime() + "}\n");
        return Files.writeString(dir.resolve("envelope.json"), ok("dsse", "sign", "--key", submitterKey.toString(),
                "--payload-type", "application/json", payload.toString()).out());
    }

    @Test
    void setUseListAndDeleteContextsInAFileOnlyTheOwnerCanRead() throws Exception {
        ok("config", "set-context", "local", "--url", url + "/", "--key", submitterKey.toString());
        Path file = Path.of(env.get("CGOV_CONFIG"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(ok("config", "current-context").out().strip()).as("the first context becomes current").isEqualTo("local");
        ok("config", "set-context", "other", "--url", "http://127.0.0.1:1");
        assertThat(ok("config", "current-context").out().strip()).isEqualTo("local");
        JsonNode list = Json.mapper().readTree(ok("config", "get-contexts", "--json").out()).get("contexts");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("name").asText()).isEqualTo("local");
        assertThat(list.get(0).get("current").asBoolean()).isTrue();
        assertThat(list.get(0).get("url").asText()).isEqualTo(url);
        assertThat(list.get(0).get("key").asText()).isEqualTo(submitterKey.toAbsolutePath().toString());
        assertThat(ok("config", "get-contexts").out()).contains("* ", "local", "other", "(pinned on first use)");

        ok("config", "use-context", "other");
        assertThat(ok("config", "current-context").out().strip()).isEqualTo("other");
        assertThat(ok("config", "current-context", "--context", "local").out().strip()).isEqualTo("local");
        ok("config", "delete-context", "other");
        assertThat(CliRun.of("config", "current-context").exit()).as("no current context is a failed check").isEqualTo(1);

        assertThat(CliRun.of("config", "set-context", "bad name").exit()).isEqualTo(2);
        assertThat(CliRun.of("config", "set-context", "x", "--url", "ftp://x").exit()).isEqualTo(2);
        assertThat(CliRun.of("config", "set-context", "x", "--key", dir.resolve("absent").toString()).exit()).isEqualTo(2);
        CliRun unknown = CliRun.of("keys", "show", "--context", "nowhere");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("There is no context 'nowhere'");
        // The saved key signs without --key.
        ok("config", "use-context", "local");
        assertThat(ok("keys", "show").out()).contains("signer key submitter+");
    }

    @Test
    void theLogKeyIsPinnedOnFirstUseAndAnotherKeyIsThenRefused() throws Exception {
        ok("config", "set-context", "local", "--url", url, "--use");
        CliRun first = ok("log", "info", "--json");
        JsonNode info = Json.mapper().readTree(first.out());
        assertThat(info.get("origin").asText()).isEqualTo("contexts.test/log");
        assertThat(info.get("verifierKey").asText()).isEqualTo(server.logVerifierKey());
        assertThat(info.get("size").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(info.get("trustedFrom").asText()).isEqualTo("pinned now in context local");
        assertThat(first.err()).contains("pinned the log key " + server.logVerifierKey(), "trust on first use");
        assertThat(Files.readString(Path.of(env.get("CGOV_CONFIG")))).contains(server.logVerifierKey());

        CliRun second = ok("log", "info");
        assertThat(second.out()).contains("contexts.test/log", server.logVerifierKey(), "context local");
        assertThat(second.err()).doesNotContain("pinned");
        // The pinned key verifies audits and receipts with no --vkey and no --url.
        assertThat(ok("log", "audit", "--state-dir", dir.resolve("audit").toString()).out()).contains("audit OK");
        CliRun submitted = ok("log", "submit", envelope().toString());
        assertThat(submitted.err()).contains("verified: entry");
        Path receipt = Files.writeString(dir.resolve("receipt.json"), submitted.out());
        assertThat(ok("log", "verify-inclusion", "--entry", dir.resolve("envelope.json").toString(), "--bundle",
                receipt.toString()).out()).contains("verified: entry");

        String impostor = SignerKey.generate("contexts.test/log").verifierKey().encode();
        ok("config", "set-context", "local", "--log-vkey", impostor);
        CliRun refused = CliRun.of("log", "info");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("states the key " + server.logVerifierKey(), "not the trusted " + impostor);
        assertThat(CliRun.of("log", "audit", "--state-dir", dir.resolve("audit2").toString()).exit()).isEqualTo(1);
    }

    @Test
    void flagsOverrideTheEnvironmentWhichOverridesTheContext() throws Exception {
        String nowhere = closedUrl();
        ok("config", "set-context", "dead", "--url", nowhere, "--use");
        assertThat(CliRun.of("log", "info").exit()).as("the context's URL is used").isEqualTo(1);
        env.put("CGOV_URL", url);
        assertThat(ok("log", "info", "--json").out()).contains(server.logVerifierKey());
        assertThat(CliRun.of("log", "info", "--url", nowhere).exit()).as("the flag wins").isEqualTo(1);
        env.put("CGOV_LOG_VKEY", server.logVerifierKey());
        assertThat(Json.mapper().readTree(ok("log", "info", "--json").out()).get("trustedFrom").asText())
                .isEqualTo("CGOV_LOG_VKEY");
    }

    @Test
    void logSubmitFollowsCgovUrl() throws Exception {
        env.put("CGOV_URL", url);
        CliRun run = ok("log", "submit", envelope().toString());
        assertThat(Json.mapper().readTree(run.out()).get("index").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(run.err()).contains("logged as entry");
    }
}
