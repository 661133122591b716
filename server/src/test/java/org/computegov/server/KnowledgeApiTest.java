package org.computegov.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The knowledge API end to end over HTTP against a running server with a real PostgreSQL. */
class KnowledgeApiTest {
    @TempDir static Path data;
    static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new RunningServer(data);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthReportsTheDatabase() throws Exception {
        RunningServer.Answer health = server.get("/health");
        assertThat(health.status()).isEqualTo(200);
        JsonNode body = health.json();
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.get("database").get("version").asText()).startsWith("PostgreSQL");
        assertThat(body.get("database").get("schemaVersion").asText()).isNotEqualTo("none");
        assertThat(body.get("database").get("instanceId").asText()).matches("[0-9a-f-]{36}");
    }

    @Test
    void chips() throws Exception {
        JsonNode list = server.get("/api/v1/knowledge/chips").json();
        assertThat(list.get("chips")).hasSize(33);
        JsonNode h20 = server.get("/api/v1/knowledge/chips/H20").json();
        assertThat(h20.get("tpp").asDouble()).isEqualTo(2368.0);
        assertThat(h20.get("performanceDensity").asDouble()).isCloseTo(2.909, within(0.001));
        JsonNode tpu = server.get("/api/v1/knowledge/chips/TPU%20v5p").json();
        assertThat(tpu.get("name").asText()).isEqualTo("Google TPU v5p");
    }

    @ParameterizedTest(name = "{0} as of {1} -> {2}")
    @CsvSource({"A100,,3A090.a.1", "H100,2024-01-01,3A090.a.1", "H20,,not covered", "A800,2023-01-01,not covered",
            "A100,2023-01-01,3A090 (2022)", "A100,2021-01-01,not covered"})
    void classification(String chip, String asOf, String expected) throws Exception {
        RunningServer.Answer a = server.get("/api/v1/knowledge/chips/" + chip + "/classification"
                + (asOf == null ? "" : "?asOf=" + asOf));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.contentType()).startsWith("application/json");
        assertThat(a.json().get("classification").asText()).isEqualTo(expected);
        assertThat(a.json().get("explanation").asText()).isNotBlank();
    }

    @Test
    void estimates() throws Exception {
        JsonNode gpt3 = server.get("/api/v1/knowledge/estimate/architecture?params=175e9&tokens=300e9").json();
        assertThat(gpt3.get("flop").asDouble()).isEqualTo(3.15e23);
        JsonNode llama = server.get("/api/v1/knowledge/estimate/architecture?params=405e9&tokens=15.6e12").json();
        assertThat(llama.get("flop").asDouble()).isCloseTo(3.79e25, within(0.01e25));
        JsonNode moe = server.get("/api/v1/knowledge/estimate/architecture?params=671e9&activeParams=37e9&tokens=14.8e12&recompute=true").json();
        assertThat(moe.get("flop").asDouble()).isCloseTo(8 * 37e9 * 14.8e12, within(1e15));
        JsonNode hw = server.get("/api/v1/knowledge/estimate/hardware?chip=H100&count=16384&hours=2142&utilization=0.4").json();
        assertThat(hw.get("flop").asDouble()).isCloseTo(16384.0 * 2142 * 3600 * 989.4e12 * 0.4, within(1e15));
        assertThat(hw.get("method").asText()).isEqualTo("HARDWARE");
    }

    @Test
    void thresholds() throws Exception {
        JsonNode regimes = server.get("/api/v1/knowledge/thresholds").json().get("regimes");
        assertThat(regimes).hasSizeGreaterThanOrEqualTo(16);
        JsonNode report = server.get("/api/v1/knowledge/thresholds/check?flop=1e26&date=2026-02-01").json();
        for (JsonNode f : report.get("findings")) {
            switch (f.get("regime").asText()) {
                case "US-CA-SB53-model" -> assertThat(f.get("verdict").asText()).isEqualTo("NOT_CROSSED");
                case "KR-AIBasicAct" -> assertThat(f.get("verdict").asText()).isEqualTo("CROSSED");
                case "EU-AIA-51" -> {
                    assertThat(f.get("verdict").asText()).isEqualTo("CROSSED");
                    assertThat(f.get("obligations").get(0).get("dueBy").asText()).isEqualTo("2026-02-15");
                }
                default -> { }
            }
        }
        JsonNode cluster = server.get("/api/v1/knowledge/thresholds/cluster?opsPerSecond=1e20&networkGbps=400&date=2024-01-01").json();
        assertThat(cluster.get("findings").get(0).get("verdict").asText()).isEqualTo("CROSSED");
        assertThat(cluster.get("findings").get(1).get("verdict").asText()).isEqualTo("NOT_CROSSED");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/knowledge/chips/H1OO | chip | is not in the catalog",
            "/api/v1/knowledge/chips/H100/classification?asOf=2025-02-30 | asOf | must be a date",
            "/api/v1/knowledge/estimate/architecture?params=-1&tokens=1 | params | must be greater than zero",
            "/api/v1/knowledge/estimate/architecture?params=abc&tokens=1 | params | must be a number",
            "/api/v1/knowledge/estimate/architecture?tokens=1 | params | is required",
            "/api/v1/knowledge/estimate/hardware?chip=H100&count=8 | hours | either --hours",
            "/api/v1/knowledge/estimate/architecture?params=1e308&tokens=1e308 | tokens | exceeds the largest number",
            "/api/v1/knowledge/estimate/hardware?chip=H100&count=2147483648&hours=1e300 | hours | exceeds the largest",
            "/api/v1/knowledge/estimate/hardware?chip=H100&gpuHours=1e307 | gpuHours | exceeds the largest",
            "/api/v1/knowledge/thresholds/check?flop=1e25&bio=maybe | bio | must be true or false",
            "/api/v1/knowledge/thresholds/check?flop=1e25&flops=2 | flops | Unknown query parameter 'flops'",
            "/api/v1/knowledge/thresholds/check?flop=1&flop=2 | flop | more than once",
    })
    void badInputIsA400Problem(String path, String field, String detail) throws Exception {
        RunningServer.Answer a = server.get(path);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.contentType()).startsWith("application/problem+json");
        JsonNode p = a.json();
        assertThat(p.get("type").asText()).isEqualTo("https://computegov.org/problems/invalid-input");
        assertThat(p.get("title").asText()).isEqualTo("Invalid input");
        assertThat(p.get("status").asInt()).isEqualTo(400);
        assertThat(p.get("field").asText()).isEqualTo(field);
        assertThat(p.get("detail").asText()).contains(detail);
        assertThat(p.get("instance").asText()).isEqualTo(path.split("\\?")[0]);
    }

    @Test
    void unknownPathIsA404Problem() throws Exception {
        RunningServer.Answer a = server.get("/api/v1/nothing-here");
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().get("type").asText()).endsWith("/not-found");
    }

    @Test
    void wrongMethodIsAProblem() throws Exception {
        RunningServer.Answer a = server.send(HttpRequest.newBuilder(server.uri("/api/v1/knowledge/chips"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(a.status()).isIn(404, 405);
        assertThat(a.contentType()).startsWith("application/problem+json");
    }
}
