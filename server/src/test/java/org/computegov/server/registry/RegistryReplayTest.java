package org.computegov.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.computegov.server.registry.RegistryHarness.JSON;
import static org.computegov.server.registry.RegistryHarness.access;
import static org.computegov.server.registry.RegistryHarness.accessEvent;
import static org.computegov.server.registry.RegistryHarness.addKey;
import static org.computegov.server.registry.RegistryHarness.assertAccepted;
import static org.computegov.server.registry.RegistryHarness.assertProblem;
import static org.computegov.server.registry.RegistryHarness.correction;
import static org.computegov.server.registry.RegistryHarness.customer;
import static org.computegov.server.registry.RegistryHarness.customerRecord;
import static org.computegov.server.registry.RegistryHarness.flop;
import static org.computegov.server.registry.RegistryHarness.owner;
import static org.computegov.server.registry.RegistryHarness.recordId;
import static org.computegov.server.registry.RegistryHarness.revokeKey;
import static org.computegov.server.registry.RegistryHarness.run;
import static org.computegov.server.registry.RegistryHarness.runDeclaration;
import static org.computegov.server.registry.RegistryHarness.screeningList;
import static org.computegov.server.registry.RegistryHarness.usage;
import static org.computegov.server.registry.RegistryHarness.usageRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.computegov.ledger.keys.PemKeys;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.registry.client.RegistryClient.Answer;
import org.computegov.registry.statement.Submission;
import org.computegov.server.log.LogOptions;
import org.computegov.server.registry.RegistryHarness.TestActor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The projection is a function of the log: replay rebuilds it in a fresh schema and finds every table equal, and finds
 * a row altered behind the registry's back; a crash between a statement's append and its apply is caught up at the
 * next start; a projection lost altogether is rebuilt from the log at start, equal to what it was.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryReplayTest {
    /** The kernel's and the first capabilities' tables: replay must compare at least these, by name. */
    static final List<String> CORE_TABLES = List.of("access_event", "account_usage", "actor", "actor_key", "alert", "beneficial_owner",
            "compute_hour", "cursor", "customer", "finding", "obligation", "root_key", "run", "run_provider_usage", "screening_hit",
            "screening_list", "statement", "usage_record");
    static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(5));

    @TempDir static Path data;
    @TempDir static Path keys;
    static RegistryHarness registry;
    static TestActor regulator;
    static TestActor cloud;
    static TestActor lab;
    /** A key the raw log path trusts, for entries that are not registry statements. */
    static final Ed25519PrivateKey OTHER_FACTS = Ed25519PrivateKey.generate();
    static ArrayNode records;

    @BeforeAll
    static void start() throws Exception {
        Path pem = keys.resolve("facts.pem");
        Files.writeString(pem, PemKeys.toPem(OTHER_FACTS.publicKey()));
        registry = RegistryHarness.start(data, new LogOptions(null, List.of(pem), List.of(), 0));
        regulator = registry.regulator;
        // Something of every kind, so that every table has rows.
        cloud = registry.register("cloud", "US", "compute-provider");
        lab = registry.register("lab", "US", "developer");
        SignerKey key2 = SignerKey.generate("cloud/k2");
        assertAccepted(cloud.submit(addKey(cloud, "cloud", key2)));
        TestActor rotated = registry.as("cloud", key2);
        assertAccepted(rotated.submit(revokeKey(rotated, "cloud", cloud.keyId())));
        cloud = rotated;
        assertAccepted(regulator.submit(screeningList(regulator, RegistryHarness.predicate(regulator), "synthetic")));
        assertAccepted(cloud.submit(customer(cloud, customerRecord("acct-1", "Harbor Compute Inc.", "US",
                owner("Harbor Holdings", "US", "LEI:5493001KJTIIGC8Y1R12")))));
        // A name on the synthetic denied-party list, so that screening hits are projected too.
        Answer zorblat = assertAccepted(cloud.submit(customer(cloud, customerRecord("acct-2", "Zorblat Quantum Dynamics", "CN",
                owner("Zorblat Holdings", "CN", null)))));
        assertThat(zorblat.body().get("summary").get("screeningHits").asInt()).isPositive();
        assertAccepted(cloud.submit(access(cloud, "acct-2", JSON.createArrayNode().add(accessEvent("acct-2", "192.0.2.50", DAY)))));
        // Linked to the usage below by the declarations: r1 names the provider, r1-ft one account (issue 12).
        assertAccepted(lab.submit(run(lab, RegistryHarness.trainsOn(runDeclaration("r1", 3e25, null), "cloud"))));
        ObjectNode ft = runDeclaration("r1-ft", 1e24, "lab/r1");
        ft.putArray("accounts").add("cloud/acct-2");
        assertAccepted(lab.submit(run(lab, ft)));
        int chips = (int) Math.round(3e24 / (24 * RegistryHarness.h100FlopPerChipHour()));
        records = JSON.createArrayNode();
        for (int d = 0; d < 5; d++) {
            Instant start = DAY.minus(Duration.ofDays(5 - d));
            records.add(usageRecord("cloud", "acct-1", chips, start, start.plus(Duration.ofDays(1)), "lab/r1", "job-" + d));
        }
        records.add(usageRecord("cloud", "acct-2", 64, DAY, DAY.plus(Duration.ofHours(6)), "lab/r1-ft", "job-z"));
        assertAccepted(cloud.submit(usage(cloud, records)));
        assertAccepted(cloud.submit(correction(cloud, null, List.of(recordId((ObjectNode) records.get(4))))));
        // The root key rotated: the rest of the tests act as the new root.
        SignerKey root2 = SignerKey.generate("regulator/root-2");
        assertAccepted(regulator.submit(regulator.writer().publicStatementCosigned("root-key", "root:regulator",
                regulator.writer().predicate().put("key", root2.verifierKey().encode()), List.of(root2))));
        regulator = registry.as("regulator", root2);
        registry.regulator = regulator;
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    static JsonNode replay() throws Exception {
        Answer a = regulator.client().post("/api/v1/registry/replay");
        assertThat(a.status()).as("%s", a.body()).isEqualTo(200);
        return a.body();
    }

    /** Table name → [onlyLive, onlyReplayed]. */
    static Map<String, List<Long>> differences(JsonNode report) {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (JsonNode t : report.get("tables")) {
            long onlyLive = t.get("onlyLive").asLong();
            long onlyReplayed = t.get("onlyReplayed").asLong();
            if (onlyLive + onlyReplayed > 0) {
                out.put(t.get("table").asText(), List.of(onlyLive, onlyReplayed));
            }
        }
        return out;
    }

    static void assertEqualReplay(JsonNode report) throws Exception {
        // Every table of the registry's schema, whichever capability made it (migration history aside), is compared.
        assertThat(report.get("tables")).extracting(t -> t.get("table").asText()).containsExactlyElementsOf(tables())
                .containsAll(CORE_TABLES);
        assertThat(differences(report)).as("%s", report).isEmpty();
        assertThat(report.get("refused").asLong()).as("%s", report).isZero();
        assertThat(report.get("logSize").asLong()).isEqualTo(registry.logSize());
        for (JsonNode t : report.get("tables")) {
            assertThat(t.get("liveRows").asLong()).as("%s", t).isEqualTo(t.get("replayedRows").asLong());
        }
    }

    static void sql(String statement) throws Exception {
        try (Connection c = registry.server().database().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** Every row of every projection table as text, in a stable order. */
    /** The registry schema's tables, by name, as PostgreSQL lists them (not the Flyway history tables). */
    static List<String> tables() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = registry.server().database().dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'registry'"
                        + " AND table_type = 'BASE TABLE' AND table_name NOT LIKE '%\\_schema\\_history' ORDER BY table_name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    static Map<String, List<String>> dump() throws Exception {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Connection c = registry.server().database().dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String t : tables()) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT x::text FROM registry." + t + " x ORDER BY 1")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
                out.put(t, rows);
            }
        }
        return out;
    }

    @Test
    @Order(1)
    void theAccountTotalsPagesReadAreTheSumsOfTheLiveUsageRows() throws Exception {
        // After usage and a correction withdrawing one record: each account's maintained totals equal its rows'.
        List<String> totals = new ArrayList<>();
        List<String> sums = new ArrayList<>();
        try (Connection c = registry.server().database().dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT provider, customer_id, records, chip_hours, flop FROM registry.account_usage ORDER BY 1, 2")) {
                while (rs.next()) {
                    totals.add(String.format(java.util.Locale.ROOT, "%s/%s %d %.12e %.12e", rs.getString(1), rs.getString(2),
                            rs.getLong(3), rs.getDouble(4), rs.getDouble(5)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT provider, customer_id, count(*), sum(chip_hours), sum(flop)"
                    + " FROM registry.usage_record WHERE NOT withdrawn GROUP BY 1, 2 ORDER BY 1, 2")) {
                while (rs.next()) {
                    sums.add(String.format(java.util.Locale.ROOT, "%s/%s %d %.12e %.12e", rs.getString(1), rs.getString(2),
                            rs.getLong(3), rs.getDouble(4), rs.getDouble(5)));
                }
            }
        }
        assertThat(totals).hasSize(2).isEqualTo(sums);
        List<String> runTotals = new ArrayList<>();
        List<String> runSums = new ArrayList<>();
        try (Connection c = registry.server().database().dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT run_id, provider, records, flop FROM registry.run_provider_usage ORDER BY 1, 2")) {
                while (rs.next()) {
                    runTotals.add(String.format(java.util.Locale.ROOT, "%s %s %d %.12e", rs.getString(1), rs.getString(2), rs.getLong(3), rs.getDouble(4)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT run_id, provider, count(*), sum(flop) FROM registry.usage_record"
                    + " WHERE NOT withdrawn AND run_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2")) {
                while (rs.next()) {
                    runSums.add(String.format(java.util.Locale.ROOT, "%s %s %d %.12e", rs.getString(1), rs.getString(2), rs.getLong(3), rs.getDouble(4)));
                }
            }
        }
        assertThat(runTotals).hasSize(2).isEqualTo(runSums);
        assertThat(totals.get(0)).startsWith("cloud/acct-1 4 "); // five reported, one withdrawn
        JsonNode stats = registry.stats();
        assertThat(stats.get("usageRecords").asLong()).isEqualTo(5);
    }

    @Test
    @Order(1)
    void replayFindsEveryTableEqual() throws Exception {
        JsonNode report = replay();
        assertEqualReplay(report);
        // Every core table has rows, so "equal" is not vacuous (each capability's own replay test fills its tables);
        // the revoked key's refusal is not a replay refusal.
        for (JsonNode t : report.get("tables")) {
            if (CORE_TABLES.contains(t.get("table").asText())) {
                assertThat(t.get("liveRows").asLong()).as("%s", t).isPositive();
            }
        }
        assertThat(report.get("applied").asLong()).isEqualTo(registry.stats().get("statements").asLong());
        // Only a regulator may replay.
        assertProblem(cloud.client().post("/api/v1/registry/replay"), 403, "forbidden");
        assertProblem(lab.client().post("/api/v1/registry/replay"), 403, "forbidden");
        assertProblem(registry.publicClient().post("/api/v1/registry/replay"), 401, "signature-required");
    }

    @Test
    @Order(2)
    void replayFindsARowAlteredBehindTheRegistrysBack() throws Exception {
        String id = recordId((ObjectNode) records.get(0));
        sql("UPDATE registry.usage_record SET flop = flop * 2 WHERE record_id = '" + id + "'");
        assertThat(differences(replay())).containsExactly(Map.entry("usage_record", List.of(1L, 1L)));

        sql("UPDATE registry.usage_record SET flop = flop / 2 WHERE record_id = '" + id + "'");
        sql("DELETE FROM registry.alert WHERE subject_kind = 'run'");
        JsonNode report = replay();
        assertThat(differences(report)).containsOnlyKeys("alert");
        assertThat(differences(report).get("alert").get(0)).isZero();
        assertThat(differences(report).get("alert").get(1)).isPositive();

        // Put back by the registry itself: correcting the run's usage reassesses it (and rewrites its alerts).
        assertAccepted(cloud.submit(correction(cloud, JSON.createArrayNode().add(records.get(0)), null)));
        assertEqualReplay(replay());
    }

    @Test
    @Order(3)
    void replayIsEqualWhenTheLogEndsWithOtherFacts() throws Exception {
        // The log carries other signed facts besides registry statements; one is the last entry.
        byte[] fact = Dsse.sign("application/vnd.in-toto+json",
                ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"eval\",\"digest\":{\"sha256\":\""
                        + "1".repeat(64) + "\"}}],\"predicateType\":\"https://computegov.org/attestation/evaluation/v1\","
                        + "\"predicate\":{\"score\":1}}").getBytes(StandardCharsets.UTF_8),
                List.of(new Ed25519DsseSigner("facts", OTHER_FACTS))).toJson();
        HttpResponse<String> r = registry.send(HttpRequest.newBuilder().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(fact)), "/api/v1/log/entries");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode report = replay();
        assertEqualReplay(report);
        assertThat(report.get("otherEntries").asLong()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void aStatementAppendedButNotAppliedIsCaughtUpAtTheNextStart() throws Exception {
        // What submit does up to the crash: the sealed payload kept in the vault, the envelope appended to the log;
        // then the server dies before applying it.
        ArrayNode more = JSON.createArrayNode().add(usageRecord("cloud", "acct-1", 512, DAY, DAY.plus(Duration.ofHours(12)),
                "lab/r1", "job-crash"));
        Submission s = usage(cloud, more);
        JsonNode before = registry.stats();
        long size = registry.logSize();
        try (Connection c = registry.server().database().dataSource().getConnection();
                var q = c.prepareStatement("INSERT INTO registry_vault.sealed_payload (commitment, owner, salt, payload) VALUES (?, ?, ?, ?)")) {
            q.setString(1, s.sealed().commitment());
            q.setString(2, "cloud");
            q.setBytes(3, s.sealed().salt());
            q.setBytes(4, s.sealed().payload());
            q.executeUpdate();
        }
        long index = registry.server().log().appendVerified(s.envelope());
        assertThat(index).isEqualTo(size);
        assertThat(registry.stats()).as("not applied yet").isEqualTo(before);

        registry.restart();
        refresh();
        JsonNode after = registry.stats();
        assertThat(after.get("statements").asLong()).isEqualTo(before.get("statements").asLong() + 1);
        assertThat(after.get("usageRecords").asLong()).isEqualTo(before.get("usageRecords").asLong() + 1);
        assertThat(after.get("flop").asDouble()).isCloseTo(before.get("flop").asDouble() + flop(more),
                within(flop(more) * 1e-9));
        assertThat(dump().get("cursor")).containsExactly("(t," + index + ")");
        assertEqualReplay(replay());
        // And the registry goes on: the same statement is now a replay, a new one is accepted after it.
        assertProblem(cloud.submit(s), 409, "statement-replayed");
        Answer next = assertAccepted(lab.submit(run(lab, runDeclaration("r2", 1e23, null))));
        assertThat(next.body().get("logIndex").asLong()).isEqualTo(index + 1);
    }

    @Test
    @Order(4)
    void aStatementWhoseAcknowledgementWasLostIsAppliedBeforeTheNextWrite() throws Exception {
        // As if the log committed a statement but its acknowledgement never reached the registry (no restart).
        ArrayNode more = JSON.createArrayNode().add(usageRecord("cloud", "acct-1", 256, DAY, DAY.plus(Duration.ofHours(6)),
                "lab/r1", "job-lost-ack"));
        Submission s = usage(cloud, more);
        JsonNode before = registry.stats();
        try (Connection c = registry.server().database().dataSource().getConnection();
                var q = c.prepareStatement("INSERT INTO registry_vault.sealed_payload (commitment, owner, salt, payload) VALUES (?, ?, ?, ?)")) {
            q.setString(1, s.sealed().commitment());
            q.setString(2, "cloud");
            q.setBytes(3, s.sealed().salt());
            q.setBytes(4, s.sealed().payload());
            q.executeUpdate();
        }
        long lost = registry.server().log().appendVerified(s.envelope());
        // The next write lands after it; the registry takes the gap in order first, as replay will.
        Answer next = assertAccepted(lab.submit(run(lab, runDeclaration("r-after-gap", 1e23, null))));
        assertThat(next.body().get("logIndex").asLong()).isEqualTo(lost + 1);
        JsonNode after = registry.stats();
        assertThat(after.get("usageRecords").asLong()).isEqualTo(before.get("usageRecords").asLong() + 1);
        assertThat(after.get("statements").asLong()).isEqualTo(before.get("statements").asLong() + 2);
        assertEqualReplay(replay());
        assertProblem(cloud.submit(s), 409, "statement-replayed");
    }

    @Test
    @Order(5)
    void aLostProjectionIsRebuiltFromTheLogAtStart() throws Exception {
        JsonNode stats = registry.stats();
        Map<String, List<String>> tables = dump();
        // The projection schema (with its migration history) is gone; the log and the vault remain.
        sql("DROP SCHEMA registry CASCADE");
        registry.restart();
        refresh();
        assertThat(registry.stats()).isEqualTo(stats);
        assertThat(dump()).isEqualTo(tables);
        assertEqualReplay(replay());
        assertAccepted(lab.submit(run(lab, runDeclaration("r3", 1e23, null))));
    }

    /** After a restart the port changed: the actors' clients follow. */
    private static void refresh() {
        regulator = registry.regulator;
        cloud = registry.again(cloud);
        lab = registry.again(lab);
    }
}
