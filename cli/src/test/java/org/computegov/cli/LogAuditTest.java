package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.computegov.api.Json;
import org.computegov.ledger.Bytes;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.ledger.witness.CosignatureSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cgov log audit against a static tlog-tiles server started in the test, honest and misbehaving. */
class LogAuditTest {
    @TempDir Path state;
    private StaticServer server;
    private TestLog log;

    @BeforeEach
    void start() throws Exception {
        server = new StaticServer("/log/");
        log = new TestLog("computegov.example/log");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRun audit(String... extra) {
        List<String> args = new ArrayList<>(List.of("log", "audit", "--url", server.url(), "--vkey",
                log.key.verifierKey().encode(), "--state-dir", state.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private CliRun auditOk(String... extra) {
        CliRun run = audit(extra);
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        return run;
    }

    private CliRun auditFails(String... extra) {
        CliRun run = audit(extra);
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("!!! AUDIT FAILED");
        assertThat(run.err()).contains("AUDIT FAILED");
        return run;
    }

    private String stateFileContent() throws Exception {
        try (var files = Files.list(state)) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".json")).toList();
            assertThat(all).hasSize(1);
            return Files.readString(all.get(0));
        }
    }

    @Test
    void twoLogsWithTheSameOriginButDifferentKeysAreTwoLogsNotAFork() throws Exception {
        log.appendN(300);
        server.serve(log.files(300));
        auditOk();
        // Another server left at the same origin, with its own key and its own (smaller, different) tree.
        TestLog other = new TestLog(log.origin);
        other.appendN(20);
        try (StaticServer second = new StaticServer("/log/")) {
            second.serve(other.files(20));
            CliRun run = CliRun.of("log", "audit", "--url", second.url(), "--vkey", other.key.verifierKey().encode(),
                    "--state-dir", state.toString());
            assertThat(run.exit()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("first audit of " + log.origin);
        }
        // Each log's state names the key that signed its remembered checkpoint.
        try (var files = Files.list(state)) {
            List<String> contents = new ArrayList<>();
            for (Path p : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                contents.add(Files.readString(p));
            }
            assertThat(contents).hasSize(2);
            assertThat(String.join("\n", contents)).contains(log.key.verifierKey().encode(),
                    other.key.verifierKey().encode());
        }
        auditOk(); // the first log still audits against its own remembered checkpoint
    }

    @Test
    void anHonestLogPassesAndItsGrowthIsCheckedAgainstTheRememberedCheckpoint() throws Exception {
        log.appendN(70);
        server.serve(log.files(70));
        CliRun first = auditOk();
        assertThat(first.out()).contains("audit OK: computegov.example/log at size 70", "root " + Bytes.base64(log.root(70)),
                "70 entries in 1 bundles re-hashed", "root recomputed from the entries equals the checkpoint's root",
                "first audit of computegov.example/log", "remembered for the next audit in " + state);
        assertThat(stateFileContent()).contains("\"size\" : 70", Bytes.base64(log.root(70)));

        log.appendN(600 - 70);
        server.serve(log.files(600));
        CliRun second = auditOk();
        assertThat(second.out()).contains("audit OK: computegov.example/log at size 600",
                "extends the checkpoint audited at", "the first 70 entries still hash to its root",
                "4 hash tiles fetched"); // tile/0/000, tile/0/001, tile/0/002.p/88, tile/1/000.p/2
        assertThat(stateFileContent()).contains("\"size\" : 600");

        assertThat(auditOk().out()).contains("unchanged since the checkpoint audited at");
    }

    @Test
    void aBigTreeWithThreeTileLevelsIsFetchedOnceEachAndVerified() throws Exception {
        log.appendN(70_000);
        server.serve(log.files(70_000));
        CliRun run = auditOk("--json");
        JsonNode r = Json.mapper().readTree(run.out());
        assertThat(r.get("ok").asBoolean()).isTrue();
        assertThat(r.get("entries").asLong()).isEqualTo(70_000);
        assertThat(r.get("bundles").asInt()).isEqualTo(274);
        assertThat(r.get("hashTiles").asInt()).isEqualTo(274 + 2 + 1); // the spec's example: 273+1, 1+1, 1
        assertThat(r.get("requests").asLong()).isEqualTo(1 + 274 + 277);
        assertThat(server.hits.values()).allMatch(h -> h.get() == 1);
        assertThat(server.totalHits()).isEqualTo(1 + 274 + 277);
    }

    @Test
    void theTileCountMatchesTheTilesOfTheSpec() {
        for (long size : new long[] {0, 1, 255, 256, 257, 65_535, 65_536, 65_537, 70_000}) {
            assertThat(org.computegov.cli.log.Auditor.expectedTileCount(size)).as("size " + size)
                    .isEqualTo(org.computegov.ledger.tiles.Tiles.hashTiles(size).size());
        }
        assertThat(org.computegov.cli.log.Auditor.expectedTileCount(70_000)).isEqualTo(273 + 1 + 1 + 1 + 1);
        assertThat(org.computegov.cli.log.Auditor.expectedTileCount(256)).isEqualTo(2);
    }

    @Test
    void aHugeSignedSizeIsWalkedLazilyAndFailsOnTheFirstMissingTile() throws Exception {
        log.appendN(3);
        Map<String, byte[]> files = log.files(3);
        files.put("checkpoint", org.computegov.ledger.checkpoint.SignedCheckpoint.sign(
                new org.computegov.ledger.checkpoint.Checkpoint(log.origin, 1L << 50, log.root(3)),
                org.computegov.ledger.note.Ed25519NoteSigner.of(log.key)));
        server.serve(files);
        assertThat(auditFails().out()).contains("at size " + (1L << 50), "UNAVAILABLE: GET " + server.url()
                + "/log/tile/entries/000 answered HTTP 404");
    }

    @Test
    void gzippedTilesAndBundlesAreAcceptedEvenWhenCompressionMakesThemLarger() throws Exception {
        server.gzip = true;
        log.appendN(600);
        server.serve(log.files(600));
        CliRun run = auditOk();
        assertThat(run.out()).contains("audit OK: computegov.example/log at size 600");
        Map<String, byte[]> files = log.files(600);
        files.get("tile/0/001")[7 * 32] ^= 1;
        server.serve(files);
        assertThat(auditFails().out()).contains("TAMPERED TILE: tile/0/001 position 7");
    }

    @Test
    void anEmptyLogPasses() {
        server.serve(log.files(0));
        assertThat(auditOk().out()).contains("audit OK: computegov.example/log at size 0");
    }

    @Test
    void aModifiedEntryIsDetectedAndNamed() throws Exception {
        log.appendN(300);
        Map<String, byte[]> files = log.files(300);
        files.put("tile/entries/001.p/44", log.copyWith(300, Map.of(261L, "{\"entry\":\"forged\"}".getBytes()))
                .files(300).get("tile/entries/001.p/44"));
        server.serve(files);
        CliRun run = auditFails();
        assertThat(run.out()).contains("TAMPERED ENTRY: entry 261 (in tile/entries/001.p/44)",
                "tile/0/001.p/44 position 5", "the entry was modified");
        assertThat(Files.exists(state.resolve("x"))).isFalse();
        try (var s = Files.list(state)) {
            assertThat(s.toList()).as("a failed audit remembers nothing").isEmpty();
        }
    }

    @Test
    void aModifiedLevelZeroTileHashIsDetectedAndNamed() throws Exception {
        log.appendN(70);
        Map<String, byte[]> files = log.files(70);
        files.get("tile/0/000.p/70")[5 * 32] ^= 1;
        server.serve(files);
        CliRun run = auditFails();
        assertThat(run.out()).contains("TAMPERED TILE: tile/0/000.p/70 position 5 holds", "but entry 5 hashes to",
                "the tile was modified");
        assertThat(run.out()).doesNotContain("TAMPERED ENTRY");
    }

    @Test
    void aModifiedHigherLevelTileHashIsDetectedAndNamed() throws Exception {
        log.appendN(600);
        Map<String, byte[]> files = log.files(600);
        files.get("tile/1/000.p/2")[32] ^= 0x40;
        server.serve(files);
        CliRun run = auditFails();
        assertThat(run.out()).contains("TAMPERED TILE: tile/1/000.p/2 position 1 holds",
                "the hashes below it (tile/0/001) hash to");
        assertThat(run.out()).doesNotContain("ROOT MISMATCH", "TAMPERED ENTRY");
    }

    @Test
    void aCheckpointWhoseRootMatchesNothingIsDetected() throws Exception {
        log.appendN(10);
        TestLog other = log.copyWith(10, Map.of(3L, "x".getBytes()));
        Map<String, byte[]> files = log.files(10);
        files.put("checkpoint", other.checkpoint(10));
        server.serve(files);
        assertThat(auditFails().out()).contains("ROOT MISMATCH: the checkpoint's root " + Bytes.base64(other.root(10)),
                "matches neither the entries");
    }

    @Test
    void aForkOfTheSameSizeIsDetected() throws Exception {
        log.appendN(70);
        server.serve(log.files(70));
        auditOk();
        String remembered = stateFileContent();
        TestLog fork = log.copyWith(70, Map.of(12L, "{\"entry\":\"rewritten\"}".getBytes()));
        server.serve(fork.files(70));
        CliRun run = auditFails();
        assertThat(run.out()).contains("FORK: the log signed a different root " + Bytes.base64(fork.root(70))
                + " for the same size 70", "two histories exist", "evidence: the checkpoint remembered from",
                Bytes.base64(log.root(70)));
        assertThat(stateFileContent()).as("the remembered checkpoint is kept").isEqualTo(remembered);
    }

    @Test
    void aRewriteOfHistoryUnderGrowthIsDetected() throws Exception {
        log.appendN(70);
        server.serve(log.files(70));
        auditOk();
        TestLog fork = log.copyWith(70, Map.of(69L, "{\"entry\":\"rewritten\"}".getBytes())).appendN(200);
        server.serve(fork.files(270));
        CliRun run = auditFails();
        assertThat(run.out()).contains("FORK: the first 70 entries now hash to " + Bytes.base64(fork.root(70)),
                "history was rewritten");
    }

    @Test
    void aRollbackIsDetected() throws Exception {
        log.appendN(100);
        server.serve(log.files(100));
        auditOk();
        server.serve(log.files(60));
        CliRun run = auditFails();
        assertThat(run.out()).contains("ROLLBACK: the log now claims size 60, smaller than the checkpoint audited at",
                "(size 100");
        assertThat(stateFileContent()).contains("\"size\" : 100");
    }

    @Test
    void aCheckpointNotSignedByTheLogKeyFails() throws Exception {
        log.appendN(5);
        TestLog impostor = new TestLog(log.origin, SignerKey.generate("log-key")).appendN(5);
        Map<String, byte[]> files = log.files(5);
        files.put("checkpoint", impostor.checkpoint(5));
        server.serve(files);
        assertThat(auditFails().out()).contains("BAD SIGNATURE: the checkpoint at " + server.url()
                + "/log/checkpoint does not verify", "computegov.example/log (unverified)");
    }

    @Test
    void witnessCosignaturesAreCountedAgainstTheQuorum() throws Exception {
        CosignatureSigner w1 = CosignatureSigner.of(SignerKey.generate("witness.example/w1"));
        CosignatureSigner w2 = CosignatureSigner.of(SignerKey.generate("witness.example/w2"));
        log.appendN(20);
        server.serve(log.files(20, w1));
        String v1 = w1.verifier().verifierKey().encode();
        String v2 = w2.verifier().verifierKey().encode();
        assertThat(auditOk("--witness-vkey", v1, "--witness-vkey", v2).out())
                .contains("cosigned by 1 of 2 trusted witnesses (witness.example/w1+", "quorum 1");
        assertThat(auditFails("--witness-vkey", v1, "--witness-vkey", v2, "--quorum", "2").out())
                .contains("BAD SIGNATURE", "1 valid witness cosignatures, need 2");
        server.serve(log.files(20, w1, w2));
        assertThat(auditOk("--witness-vkey", v1, "--witness-vkey", v2, "--quorum", "2").out())
                .contains("cosigned by 2 of 2");
    }

    @Test
    void aMissingTileIsReportedAsUnavailable() throws Exception {
        log.appendN(300);
        Map<String, byte[]> files = log.files(300);
        files.remove("tile/0/000");
        server.serve(files);
        assertThat(auditFails().out()).contains("UNAVAILABLE: GET " + server.url() + "/log/tile/0/000 answered HTTP 404");
    }

    @Test
    void aPartialTileNoLongerServedIsReadFromTheFullOne() throws Exception {
        log.appendN(512);
        Map<String, byte[]> files = log.files(512);
        // The checkpoint says 300, but the log has grown to 512 and dropped the partial tiles of size 300.
        files.put("checkpoint", log.checkpoint(300));
        files.put("tile/1/000.p/1", log.files(300).get("tile/1/000.p/1"));
        server.serve(files);
        CliRun run = auditOk();
        assertThat(run.out()).contains("audit OK: computegov.example/log at size 300");
        assertThat(server.hits).containsKeys("/log/tile/0/001.p/44", "/log/tile/0/001", "/log/tile/entries/001.p/44",
                "/log/tile/entries/001");
    }

    @Test
    void malformedTilesAndBundlesAreReported() throws Exception {
        log.appendN(10);
        Map<String, byte[]> files = log.files(10);
        files.put("tile/0/000.p/10", new byte[31]);
        server.serve(files);
        assertThat(auditFails().out()).contains("MALFORMED: tile tile/0/000.p/10 has 31 bytes; a tile of 10 hashes has 320");
        files = log.files(10);
        files.put("tile/entries/000.p/10", new byte[] {0, 9, 1});
        server.serve(files);
        assertThat(auditFails().out()).contains("MALFORMED: entry bundle", "is malformed");
    }

    @Test
    void anUnreachableServerFailsWithExitOne() {
        int port = server.url().lastIndexOf(':');
        String url = server.url();
        server.close();
        CliRun run = CliRun.of("log", "audit", "--url", url, "--vkey", log.key.verifierKey().encode(), "--state-dir",
                state.toString());
        assertThat(run.exit()).as(run.out() + run.err() + port).isEqualTo(1);
        assertThat(run.out()).contains("UNAVAILABLE", "connection refused");
    }

    @Test
    void badInputExitsTwo() {
        String vkey = log.key.verifierKey().encode();
        assertThat(bad("log", "audit", "--url", "localhost:8080", "--vkey", vkey)).contains("is not an http(s) URL");
        assertThat(bad("log", "audit", "--url", "http://localhost:1", "--vkey", "garbage"))
                .contains("--vkey 'garbage' is neither a verifier key nor a file");
        assertThat(bad("log", "audit", "--url", "http://localhost:1", "--vkey", vkey, "--quorum", "2"))
                .contains("--quorum 2 needs witnesses");
        assertThat(bad("log", "audit", "--url", "http://localhost:1", "--vkey", vkey, "--witness-vkey", vkey,
                "--quorum", "2")).contains("--quorum 2 must be between 1 and the number of distinct --witness-vkey");
        assertThat(bad("log", "audit", "--url", "http://localhost:1", "--vkey", vkey, "--parallel", "0"))
                .contains("--parallel must be between 1 and 64");
        Env.variables = java.util.Map.of("CGOV_CONFIG", "/nonexistent/cgov-config.json")::get;
        try {
            assertThat(bad("log", "audit", "--url", "http://localhost:1")).contains("needs the log's verifier key",
                    "cgov config set-context");
        } finally {
            Env.reset();
        }
        AtomicInteger unused = new AtomicInteger();
        assertThat(unused.get()).isZero();
    }

    private String bad(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        return run.err();
    }
}
