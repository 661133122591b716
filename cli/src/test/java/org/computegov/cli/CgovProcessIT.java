package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.computegov.api.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged ./cgov as a user runs it: separate processes, real signals, real exit codes. */
class CgovProcessIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static Process cgov(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("cgov").toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    private static String run(Path dir, int expectedExit, String... args) throws Exception {
        Path log = Files.createTempFile(dir, "cgov", ".log");
        Process p = cgov(log, args);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("cgov finished").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isEqualTo(expectedExit);
        return output;
    }

    @Test
    void shortCommandsAnswerAndBadInputExitsTwo(@TempDir Path dir) throws Exception {
        assertThat(run(dir, 0, "chips", "classify", "H20")).contains("NVIDIA H20 (HGX)", "not covered");
        assertThat(run(dir, 0, "--help")).contains("serve", "chips", "estimate", "thresholds");
        assertThat(run(dir, 2, "chips", "classify", "H2O")).contains("is not in the catalog", "Did you mean");
        assertThat(run(dir, 2, "estimate", "--params", "x", "--tokens", "1")).contains("--params must be a number");
    }

    @Test
    void serveStopsCleanlyOnCtrlCAndKeepsItsData(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        String first = serveUntilHealthyThenInterrupt(dir, data);
        String second = serveUntilHealthyThenInterrupt(dir, data);
        assertThat(second).as("the registry instance survives a restart").isEqualTo(first);
    }

    private static String serveUntilHealthyThenInterrupt(Path dir, Path data) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile(dir, "serve", ".log");
        Process server = cgov(log, "serve", "--demo", "--port", String.valueOf(port), "--data-dir", data.toString());
        try {
            JsonNode health = awaitHealthy(port, server, log);
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(Files.exists(data.resolve("postgres").resolve("postmaster.pid"))).as("PostgreSQL is running in the data dir").isTrue();
            // Ctrl-C: SIGINT to the JVM (./cgov execs java, so the pid is the JVM's).
            new ProcessBuilder("kill", "-INT", String.valueOf(server.pid())).start().waitFor();
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("server stopped after Ctrl-C").isTrue();
            String output = Files.readString(log);
            assertThat(output).contains("shutting down");
            // The hints name the URL the server really listens on (loopback by default), not a guessed one.
            assertThat(output).contains("ready at http://127.0.0.1:" + port, "--url http://127.0.0.1:" + port + " --key ",
                    "log verifier key:");
            assertThat(Files.exists(data.resolve("postgres").resolve("postmaster.pid")))
                    .as("PostgreSQL shut down cleanly (it removes postmaster.pid)\n" + output).isFalse();
            return health.get("database").get("instanceId").asText();
        } finally {
            server.destroyForcibly();
        }
    }

    private static JsonNode awaitHealthy(int port, Process server, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            assertThat(server.isAlive()).as(() -> "server died:\n" + read(log)).isTrue();
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return Json.mapper().readTree(r.body());
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("server not healthy within 120 s:\n" + read(log));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
