package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.computegov.api.Json;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.ledger.witness.CosignatureSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cgov log submit against a fake log server, and cgov log verify-inclusion offline. */
class LogSubmitAndInclusionTest {
    @TempDir Path dir;
    private TestLog log;
    private HttpServer server;
    private final List<byte[]> posted = new ArrayList<>();
    private final AtomicReference<String> contentType = new AtomicReference<>();
    /** How the fake server answers: "honest", "problem", "crash", "lying". */
    private final AtomicReference<String> mode = new AtomicReference<>("honest");

    @BeforeEach
    void start() throws IOException {
        log = new TestLog("computegov.example/log").appendN(40);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/log/entries", this::entries);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void entries(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            synchronized (posted) {
                posted.add(body);
            }
            contentType.set(ex.getRequestHeaders().getFirst("Content-Type"));
            switch (mode.get()) {
                case "problem" -> send(ex, 401, "application/problem+json", "{\"type\":\"https://computegov.org/problems/"
                        + "signature-not-verified\",\"title\":\"Signature not verified\",\"status\":401,\"detail\":"
                        + "\"no trusted submitter key signed the envelope\",\"hint\":\"Register your key first.\"}");
                case "crash" -> send(ex, 500, "application/problem+json", "{\"title\":\"Internal server error\","
                        + "\"status\":500,\"detail\":\"The server failed to answer; the error is in its log.\"}");
                default -> {
                    long index = -1;
                    for (long i = 0; i < log.size(); i++) {
                        if (Arrays.equals(log.entryAt(i), body)) {
                            index = i;
                        }
                    }
                    boolean fresh = index < 0;
                    if (fresh) {
                        index = log.append(body);
                    }
                    String receipt = log.receipt(index, log.size());
                    if (mode.get().equals("lying")) {
                        ObjectNode r = (ObjectNode) Json.mapper().readTree(receipt);
                        r.withArray("inclusionProof").set(0, TestLog.b64(new byte[32]));
                        receipt = r.toString();
                    }
                    send(ex, fresh ? 201 : 200, "application/json", receipt);
                }
            }
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private Path envelope() throws Exception {
        Path key = dir.resolve("submitter.key");
        if (!Files.exists(key)) {
            assertThat(CliRun.of("keys", "generate", "--name", "submitter", "--out", key.toString()).exit()).isZero();
        }
        Path payload = Files.writeString(dir.resolve("statement.json"), "{\"claim\": \"run 42 used 3e25 FLOP\"}\n");
        CliRun signed = CliRun.of("dsse", "sign", "--key", key.toString(), "--payload-type", "application/json",
                payload.toString());
        assertThat(signed.exit()).isZero();
        return Files.writeString(dir.resolve("envelope.json"), signed.out());
    }

    private String vkey() {
        return log.key.verifierKey().encode();
    }

    @Test
    void submitPostsTheExactBytesAndPrintsTheReceiptWhichThenVerifiesOffline() throws Exception {
        Path envelope = envelope();
        CliRun run = CliRun.of("log", "submit", "--url", url() + "/", "--vkey", vkey(), envelope.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(posted).hasSize(1);
        assertThat(posted.get(0)).isEqualTo(Files.readAllBytes(envelope));
        assertThat(contentType.get()).isEqualTo("application/json");
        JsonNode receipt = Json.mapper().readTree(run.out());
        assertThat(receipt.get("index").asLong()).isEqualTo(40);
        assertThat(run.err()).contains("logged as entry 40", "verified: entry 40 is in computegov.example/log at size 41");

        Path receiptFile = Files.writeString(dir.resolve("receipt.json"), run.out());
        CliRun verified = CliRun.of("log", "verify-inclusion", "--entry", envelope.toString(), "--bundle",
                receiptFile.toString(), "--vkey", vkey());
        assertThat(verified.exit()).as(verified.err()).isZero();
        assertThat(verified.out()).contains("verified: entry 40 is in computegov.example/log at size 41",
                "signed by log-key+");

        CliRun again = CliRun.of("log", "submit", "--url", url(), envelope.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.err()).contains("already in the log as entry 40");
    }

    @Test
    void aRejectionExitsTwoWithTheProblemsDetailAndAServerErrorExitsOne() throws Exception {
        Path envelope = envelope();
        mode.set("problem");
        CliRun rejected = CliRun.of("log", "submit", "--url", url(), envelope.toString());
        assertThat(rejected.exit()).isEqualTo(2);
        assertThat(rejected.err()).contains("The log rejected the envelope (HTTP 401): Signature not verified: "
                + "no trusted submitter key signed the envelope", "Register your key first.");
        assertThat(rejected.out()).isEmpty();
        mode.set("crash");
        CliRun crashed = CliRun.of("log", "submit", "--url", url(), envelope.toString());
        assertThat(crashed.exit()).isEqualTo(1);
        assertThat(crashed.err()).contains("answered HTTP 500", "The server failed to answer");
    }

    @Test
    void aReceiptThatDoesNotVerifyFailsTheSubmission() throws Exception {
        mode.set("lying");
        CliRun run = CliRun.of("log", "submit", "--url", url(), "--vkey", vkey(), envelope().toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("The log's receipt does not verify", "inclusion proof does not lead");
    }

    @Test
    void submitChecksItsInputBeforeSendingAnything() throws Exception {
        Path notEnvelope = Files.writeString(dir.resolve("x.json"), "{\"hello\": 1}");
        CliRun run = CliRun.of("log", "submit", "--url", url(), notEnvelope.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("is not a DSSE envelope", "cgov dsse sign");
        assertThat(CliRun.of("log", "submit", "--url", "ftp://x", notEnvelope.toString()).err())
                .contains("is not an http(s) URL");
        assertThat(posted).isEmpty();
        server.stop(0);
        CliRun refused = CliRun.of("log", "submit", "--url", url(), envelope().toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("POST " + url() + "/api/v1/log/entries failed: connection refused");
    }

    private CliRun verify(byte[] entry, String receipt, String... extra) throws Exception {
        Path e = Files.write(Files.createTempFile(dir, "entry", ".json"), entry);
        Path r = Files.writeString(Files.createTempFile(dir, "receipt", ".json"), receipt);
        List<String> args = new ArrayList<>(List.of("log", "verify-inclusion", "--entry", e.toString(), "--receipt",
                r.toString()));
        args.addAll(List.of(extra));
        if (!args.contains("--vkey")) {
            args.addAll(List.of("--vkey", vkey()));
        }
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void verifyInclusionNamesWhatFailed() throws Exception {
        String receipt = log.receipt(7, 40);
        CliRun ok = verify(log.entryAt(7), receipt);
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("verified: entry 7 is in computegov.example/log at size 40");

        CliRun wrongEntry = verify(log.entryAt(8), receipt);
        assertThat(wrongEntry.exit()).isEqualTo(1);
        assertThat(wrongEntry.err()).contains("Not verified (--entry): the entry's leaf hash SHA-256(0x00||entry) is",
                "but the receipt's leafHash is", "Give the exact file that was submitted");

        CliRun wrongKey = verify(log.entryAt(7), receipt, "--vkey", SignerKey.generate("log-key").verifierKey().encode());
        assertThat(wrongKey.exit()).isEqualTo(1);
        assertThat(wrongKey.err()).contains("the receipt's checkpoint is not signed as required");

        ObjectNode tampered = (ObjectNode) Json.mapper().readTree(receipt);
        tampered.withArray("inclusionProof").set(2, TestLog.b64(new byte[32]));
        CliRun badProof = verify(log.entryAt(7), tampered.toString());
        assertThat(badProof.exit()).isEqualTo(1);
        assertThat(badProof.err()).contains("the inclusion proof does not lead from entry 7 to the root of "
                + "computegov.example/log at size 40", "fetch a fresh receipt");

        ObjectNode moved = (ObjectNode) Json.mapper().readTree(receipt);
        moved.put("index", 6);
        assertThat(verify(log.entryAt(7), moved.toString()).err()).contains("does not lead from entry 6");

        ObjectNode shortProof = (ObjectNode) Json.mapper().readTree(receipt);
        shortProof.withArray("inclusionProof").remove(0);
        assertThat(verify(log.entryAt(7), shortProof.toString()).err()).contains("must have 6 hashes, got 5");

        assertThat(verify(log.entryAt(7), "{\"index\": 7}").err()).contains("is not a receipt",
                "receipt field 'leafHash' must be a string");
        assertThat(verify(log.entryAt(7), "[]").err()).contains("receipt must be a JSON object");
    }

    @Test
    void verifyInclusionCanRequireWitnessCosignatures() throws Exception {
        CosignatureSigner w = CosignatureSigner.of(SignerKey.generate("witness.example/w"));
        String wv = w.verifier().verifierKey().encode();
        CliRun cosigned = verify(log.entryAt(3), log.receipt(3, 40, w), "--witness-vkey", wv);
        assertThat(cosigned.exit()).as(cosigned.err()).isZero();
        assertThat(cosigned.out()).contains("cosigned by witness.example/w+");
        CliRun bare = verify(log.entryAt(3), log.receipt(3, 40), "--witness-vkey", wv);
        assertThat(bare.exit()).isEqualTo(1);
        assertThat(bare.err()).contains("0 valid witness cosignatures, need 1");
    }
}
