package org.computegov.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.LocalDate;
import org.computegov.knowledge.trends.Basis;
import org.computegov.knowledge.trends.TrendFit;
import org.computegov.knowledge.trends.Trends;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The knowledge and trends APIs end to end over HTTP against a running server with a real PostgreSQL. */
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
        assertThat(body.get("database").has("version")).as("no database build in public output").isFalse();
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

    // ---- /api/v1/trends: the knowledge core's numbers, the credit line, problems ----

    @Test
    void fitIsTheKnowledgeCoresFit() throws Exception {
        JsonNode fit = server.get("/api/v1/trends/fit?to=2021-12-31&domain=language&confidence=0.95").json();
        TrendFit expected = Trends.builtIn().fit(Basis.ALL,
                new Trends.Selection(LocalDate.of(2010, 1, 1), LocalDate.of(2021, 12, 31), "language"), 0.95);
        assertThat(fit.get("models").asInt()).isEqualTo(expected.models());
        assertThat(fit.get("oomPerYear").get("value").asDouble()).isEqualTo(expected.oomPerYear().value());
        assertThat(fit.get("doublingMonths").get("low").asDouble()).isEqualTo(expected.doublingMonths().low());
        assertThat(fit.get("confidence").asDouble()).isEqualTo(0.95);
        assertThat(fit.get("basis").asText()).isEqualTo("ALL");
        assertThat(fit.get("source").asText()).contains("Epoch AI", "CC-BY");
        JsonNode frontier = server.get("/api/v1/trends/fit?basis=frontier").json();
        assertThat(frontier.get("basis").asText()).isEqualTo("FRONTIER");
        assertThat(frontier.get("models").asInt()).isLessThan(fit.get("models").asInt());
    }

    @Test
    void frontierAndForecast() throws Exception {
        JsonNode frontier = server.get("/api/v1/trends/frontier?from=2018-01-01").json().get("frontier");
        double previous = 0;
        for (JsonNode p : frontier) {
            assertThat(p.get("flop").asDouble()).isGreaterThan(previous);
            previous = p.get("flop").asDouble();
        }
        assertThat(frontier.get(frontier.size() - 1).get("model").asText()).isEqualTo("Grok-3");
        JsonNode f = server.get("/api/v1/trends/forecast?flop=1e27").json();
        LocalDate trend = LocalDate.parse(f.get("trendDate").asText());
        assertThat(LocalDate.parse(f.get("low").asText())).isBeforeOrEqualTo(trend);
        assertThat(LocalDate.parse(f.get("high").asText())).isAfterOrEqualTo(trend);
        assertThat(f.get("firstReachedBy").isNull()).isTrue();
        JsonNode reached = server.get("/api/v1/trends/forecast?flop=1e25").json();
        assertThat(reached.get("firstReachedBy").get("model").asText()).isEqualTo("GPT-4");
        assertThat(server.get("/api/v1/trends/domains").json().get("domains").get("Language").asInt()).isGreaterThan(200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/trends/fit?domain=chess | domain | No model has the domain",
            "/api/v1/trends/fit?from=2020-01-01&to=2019-01-01 | to | is before",
            "/api/v1/trends/fit?from=2024-13-01 | from | must be a date",
            "/api/v1/trends/fit?basis=biggest | basis | Unknown basis",
            "/api/v1/trends/fit?confidence=1.5 | confidence | in (0, 1)",
            "/api/v1/trends/fit?from=2025-02-01 | from | a trend with an interval needs at least 3",
            "/api/v1/trends/forecast | flop | is required",
            "/api/v1/trends/forecast?flop=-5 | flop | greater than zero",
            "/api/v1/trends/frontier?flop=1 | flop | Unknown query parameter",
    })
    void badTrendsInputIsA400Problem(String path, String field, String detail) throws Exception {
        RunningServer.Answer a = server.get(path);
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().get("field").asText()).isEqualTo(field);
        assertThat(a.json().get("detail").asText()).contains(detail);
    }

    // ---- the shaping capability's pure reads ----

    @Test
    void transferCheckAndReach() throws Exception {
        JsonNode blocked = server.get("/api/v1/knowledge/chips/H100/transfer?toCountry=CN&count=512&date=2026-03-01").json();
        assertThat(blocked.get("action").asText()).isEqualTo("BLOCK");
        assertThat(blocked.get("classification").asText()).isEqualTo("3A090.a.1");
        assertThat(blocked.get("reason").asText()).contains("presumption of denial");
        assertThat(server.get("/api/v1/knowledge/chips/H100/transfer?toCountry=DE").json().get("action").asText()).isEqualTo("ALLOW");
        JsonNode reach = server.get("/api/v1/concern/reach?within=90&utilization=0.4&date=2026-03-01").json();
        assertThat(reach.get("chip").asText()).isEqualTo("NVIDIA A100 SXM4 80GB");
        assertThat(reach.get("chipsNeeded").get("EU-AIA-51").asDouble()).isCloseTo(1e25 / (312e12 * 0.4 * 90 * 86_400), within(1e-6));
        RunningServer.Answer bad = server.get("/api/v1/knowledge/chips/H100/transfer?toCountry=China");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("toCountry");
        assertThat(server.get("/api/v1/concern/reach").json().get("field").asText()).isEqualTo("within");
    }
}
