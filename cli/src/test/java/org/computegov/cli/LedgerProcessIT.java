package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.ledger.witness.AddCheckpointRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged ./cgov's ledger commands as a user runs them: separate processes, environment, Ctrl-C, exit codes. */
class LedgerProcessIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void serveKeepsItsStateAcrossCtrlCAndARestart(@TempDir Path dir) throws Exception {
        TestLog log = new TestLog("computegov.example/log").appendN(30);
        SignerKey witnessKey = SignerKey.generate("witness.example/it");
        Path state = dir.resolve("state");

        int port = freePort();
        Process first = serve(dir, port, witnessKey, log, state);
        try {
            awaitUp(port, first, dir);
            HttpResponse<String> r = add(port, new AddCheckpointRequest(0, List.of(), log.checkpoint(10)));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).startsWith("\u2014 witness.example/it ");
        } finally {
            interrupt(first, dir);
        }
        assertThat(Files.readString(dir.resolve("serve-" + first.pid() + ".log"))).contains("witness: shutting down");

        Process second = serve(dir, port, witnessKey, log, state);
        try {
            awaitUp(port, second, dir);
            HttpResponse<String> stale = add(port, new AddCheckpointRequest(0, List.of(), log.checkpoint(20)));
            assertThat(stale.statusCode()).isEqualTo(409);
            assertThat(stale.body()).isEqualTo("10\n");
            HttpResponse<String> next = add(port, new AddCheckpointRequest(10, log.consistencyProof(10, 30),
                    log.checkpoint(30)));
            assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        } finally {
            interrupt(second, dir);
        }
    }

    @Test
    void keysNotesAndEnvelopesFromTheShell(@TempDir Path dir) throws Exception {
        SignerKey key = SignerKey.generate("alice");
        Path note = Files.writeString(dir.resolve("note.txt"), "hello from the shell\n");
        String signed = run(dir, 0, key, "note", "sign", "--skey-env", "CGOV_TEST_KEY", note.toString());
        assertThat(signed).startsWith("hello from the shell\n\n\u2014 alice ");
        Path signedFile = Files.writeString(dir.resolve("note.signed"), signed);
        assertThat(run(dir, 0, key, "note", "verify", "--vkey", key.verifierKey().encode(), "--text-out", "-",
                signedFile.toString())).contains("hello from the shell", "verified: signed by alice+");
        assertThat(run(dir, 1, key, "note", "verify", "--vkey", SignerKey.generate("alice").verifierKey().encode(),
                signedFile.toString())).contains("does not verify");
        assertThat(run(dir, 0, key, "keys", "generate", "--name", "bob", "--out", dir.resolve("bob.key").toString()))
                .contains("bob+", "BEGIN PUBLIC KEY");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("bob.key"))))
                .isEqualTo("rw-------");
        assertThat(run(dir, 2, key, "keys", "generate", "--name", "bob", "--out", dir.resolve("bob.key").toString()))
                .contains("already exists");
    }

    private static String run(Path dir, int expectedExit, SignerKey key, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "cgov", ".log");
        List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("cgov").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().put("CGOV_TEST_KEY", key.encode());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("cgov finished").isTrue();
        String output = Files.readString(out);
        assertThat(p.exitValue()).as(output).isEqualTo(expectedExit);
        return output;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Process serve(Path dir, int port, SignerKey key, TestLog log, Path state) throws IOException {
        Path out = dir.resolve("serve.tmp");
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("cgov").toString(), "witness", "serve", "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--skey-env", "CGOV_TEST_WITNESS_KEY", "--log",
                log.origin + "=" + log.key.verifierKey().encode(), "--state-dir", state.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("CGOV_TEST_WITNESS_KEY", key.encode());
        Process p = pb.start();
        Files.move(out, dir.resolve("serve-" + p.pid() + ".log"));
        return p;
    }

    private void awaitUp(int port, Process p, Path dir) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            assertThat(p.isAlive()).as(() -> "witness died:\n" + read(dir, p)).isTrue();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("witness not up within 120 s:\n" + read(dir, p));
    }

    private HttpResponse<String> add(int port, AddCheckpointRequest request) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/add-checkpoint"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.encode())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void interrupt(Process p, Path dir) throws Exception {
        new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
        boolean stopped = p.waitFor(60, TimeUnit.SECONDS);
        if (!stopped) {
            p.destroyForcibly();
        }
        assertThat(stopped).as(() -> "witness stopped after Ctrl-C:\n" + read(dir, p)).isTrue();
    }

    private static String read(Path dir, Process p) {
        try {
            return Files.readString(dir.resolve("serve-" + p.pid() + ".log"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
