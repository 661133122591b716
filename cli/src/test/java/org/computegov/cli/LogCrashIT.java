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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.computegov.api.Json;
import org.computegov.ledger.checkpoint.SignedCheckpoint;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.ledger.keys.PemKeys;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.ledger.merkle.ProofBuilder;
import org.computegov.ledger.note.Ed25519NoteSigner;
import org.computegov.ledger.note.VerifierSet;
import org.computegov.ledger.tiles.TileHashReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash test: kill -9 the server while it appends under load, restart it, and check that every acknowledged
 * entry is at its index with its exact bytes and that the tree rebuilt from the tiles matches the signed
 * checkpoint. Round one kills only the server's JVM (its PostgreSQL is left running, orphaned); round two kills
 * the whole process group, PostgreSQL included, which must recover from its write-ahead log.
 */
class LogCrashIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyAcknowledgedEntrySurvivesKillMinusNine(@TempDir Path dir) throws Exception {
        Ed25519PrivateKey key = Ed25519PrivateKey.generate();
        Path pem = Files.writeString(dir.resolve("submitter.pem"), PemKeys.toPem(key.publicKey()));
        Ed25519DsseSigner signer = new Ed25519DsseSigner("crash-test", key);
        Path data = dir.resolve("data");
        Map<Long, byte[]> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger counter = new AtomicInteger();

        for (boolean wholeGroup : new boolean[] {false, true}) {
            int port = freePort();
            Process server = start(dir, data, pem, port);
            awaitHealthy(port, server);
            int before = acknowledged.size();
            ExecutorService load = Executors.newFixedThreadPool(8);
            for (int t = 0; t < 8; t++) {
                load.submit(() -> {
                    while (true) {
                        int n = counter.incrementAndGet();
                        byte[] envelope = Dsse.sign("application/vnd.in-toto+json",
                                ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8), List.of(signer)).toJson();
                        try {
                            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                    + "/api/v1/log/entries")).POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 201) {
                                acknowledged.put(Json.mapper().readTree(r.body()).get("index").asLong(), envelope);
                            }
                        } catch (IOException | InterruptedException dead) {
                            return null;
                        }
                    }
                });
            }
            Thread.sleep(4000);
            String target = wholeGroup ? "-" + server.pid() : String.valueOf(server.pid());
            new ProcessBuilder("kill", "-9", "--", target).inheritIO().start().waitFor();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            load.shutdown();
            assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            assertThat(acknowledged.size()).as("the server acknowledged entries before it was killed").isGreaterThan(before);
        }

        int port = freePort();
        Process server = start(dir, data, pem, port);
        try {
            awaitHealthy(port, server);
            SignerKey logKey = KeyFiles.readSignerKey(data.resolve("log.key"));
            SignedCheckpoint cp = SignedCheckpoint.open(get(port, "/log/checkpoint"),
                    VerifierSet.of(Ed25519NoteSigner.of(logKey).verifier()));
            long size = cp.checkpoint().size();
            long maxAcked = acknowledged.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
            assertThat(size).isGreaterThan(maxAcked);
            assertThat(Files.readString(dir.resolve("server.log"))).as("round one left an orphaned PostgreSQL to stop")
                    .contains("left running on");
            for (var e : acknowledged.entrySet()) {
                assertThat(get(port, "/api/v1/log/entries/" + e.getKey())).as("entry " + e.getKey()).isEqualTo(e.getValue());
            }
            TileHashReader tiles = new TileHashReader(size, tile -> get(port, "/log/" + tile.path()));
            assertThat(new ProofBuilder(tiles).root(size)).as("root from tiles").isEqualTo(cp.checkpoint().rootHash());
            // And the log still appends after its crashes.
            byte[] after = Dsse.sign("application/vnd.in-toto+json", "{\"after\":true}".getBytes(StandardCharsets.UTF_8),
                    List.of(signer)).toJson();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/log/entries"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(after)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(201);
            assertThat(Json.mapper().readTree(r.body()).get("index").asLong()).isEqualTo(size);
        } finally {
            new ProcessBuilder("kill", "-INT", String.valueOf(server.pid())).start().waitFor();
            server.waitFor(60, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    private static Process start(Path dir, Path data, Path pem, int port) throws IOException {
        // setsid: a process group of its own, so round two can kill the server with its PostgreSQL.
        return new ProcessBuilder("setsid", ROOT.resolve("cgov").toString(), "serve", "--port", String.valueOf(port),
                "--data-dir", data.toString(), "--trusted-key", pem.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile())).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static byte[] get(int port, String path) throws IOException {
        try {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IOException(path + ": HTTP " + r.statusCode());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void awaitHealthy(int port, Process server) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            assertThat(server.isAlive()).as("server died").isTrue();
            try {
                JsonNode health = Json.mapper().readTree(get(port, "/health"));
                if (health.get("status").asText().equals("UP")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("server not healthy within 120 s");
    }
}
