package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import org.computegov.api.Json;
import org.computegov.knowledge.trends.Basis;
import org.computegov.knowledge.trends.TrendFit;
import org.computegov.knowledge.trends.Trends;
import org.junit.jupiter.api.Test;

/** {@code cgov trends} end to end through the command line: tables, JSON, exit codes. */
class TrendsCommandsTest {
    private static JsonNode json(CliRun run) throws Exception {
        assertThat(run.exit()).as(run.err()).isZero();
        return Json.mapper().readTree(run.out());
    }

    @Test
    void fitPrintsTheKnowledgeCoresNumbersAndCreditsEpoch() throws Exception {
        TrendFit expected = Trends.builtIn().fit(Basis.ALL,
                new Trends.Selection(LocalDate.of(2012, 1, 1), LocalDate.of(2022, 12, 31), "Vision"), 0.9);
        JsonNode fit = json(CliRun.of("trends", "fit", "--from", "2012-01-01", "--to", "2022-12-31", "--domain", "vision", "--json"));
        assertThat(fit.get("models").asInt()).isEqualTo(expected.models());
        assertThat(fit.get("growthPerYear").get("value").asDouble()).isEqualTo(expected.growthPerYear().value());
        CliRun table = CliRun.of("trends", "fit", "--from", "2012-01-01", "--to", "2022-12-31", "--domain", "vision");
        assertThat(table.exit()).isZero();
        assertThat(table.out()).contains("doubling time (months)", "90% interval", "Sevilla et al. 2022",
                "Epoch AI, 'Data on Notable AI Models'", "CC-BY 4.0", expected.models() + " models");
    }

    @Test
    void forecastAndFrontier() throws Exception {
        JsonNode f = json(CliRun.of("trends", "forecast", "--flop", "1e28", "--json"));
        assertThat(LocalDate.parse(f.get("trendDate").asText())).isAfter(LocalDate.of(2025, 2, 17));
        assertThat(f.get("trend").get("basis").asText()).isEqualTo("FRONTIER");
        CliRun text = CliRun.of("trends", "forecast", "--flop", "3e25");
        assertThat(text.out()).contains("Already reached: Gemini 1.0 Ultra", "The frontier trend reaches 3.00e25 FLOP on");
        assertThat(CliRun.of("trends", "frontier", "--from", "2023-01-01").out()).contains("GPT-4", "Grok-3", "4.64e26");
    }

    @Test
    void badInputExitsTwoWithAHint() {
        CliRun domain = CliRun.of("trends", "fit", "--domain", "chess");
        assertThat(domain.exit()).isEqualTo(2);
        assertThat(domain.err()).contains("No model has the domain 'chess'", "Known domains:", "Language");
        assertThat(CliRun.of("trends", "forecast", "--flop", "lots").exit()).isEqualTo(2);
        assertThat(CliRun.of("trends", "fit", "--from", "2020-01-01", "--to", "2019-01-01").err()).contains("is before");
        assertThat(CliRun.of("trends", "forecast").exit()).isEqualTo(2);
    }
}
