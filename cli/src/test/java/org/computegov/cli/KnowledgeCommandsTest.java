package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.computegov.api.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The knowledge commands end to end through the command line: output, JSON field names, exit codes. */
class KnowledgeCommandsTest {

    private static JsonNode json(CliRun run) throws Exception {
        assertThat(run.exit()).as(run.err()).isZero();
        return Json.mapper().readTree(run.out());
    }

    @Test
    void chipsListPrintsEveryChip() throws Exception {
        CliRun table = CliRun.of("chips", "list");
        assertThat(table.exit()).isZero();
        assertThat(table.out()).contains("NVIDIA H100 SXM5 80GB", "Google TPU v6e (Trillium)", "33 accelerators");
        JsonNode chips = json(CliRun.of("chips", "list", "--json")).get("chips");
        assertThat(chips).hasSize(33);
        assertThat(chips.get(0).fieldNames()).toIterable().contains("name", "aliases", "denseTeraOps", "tpp",
                "performanceDensity", "dataCentre", "dieAreaMm2", "sources");
    }

    @Test
    void chipsShowFindsByAlias() throws Exception {
        JsonNode h100 = json(CliRun.of("chips", "show", "h100", "--json"));
        assertThat(h100.get("name").asText()).isEqualTo("NVIDIA H100 SXM5 80GB");
        assertThat(h100.get("denseTeraOps").get("FP8").asDouble()).isEqualTo(1978.9);
        assertThat(CliRun.of("chips", "show", "MI300X").out()).contains("AMD Instinct MI300X", "sources");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"A100, 3A090.a.1", "H100, 3A090.a.1", "H20, not covered", "RTX 4090, 3A090.a.1", "L20, not covered",
            "L4, 3A090.a.2", "B200, 3A090.a.1"})
    void chipsClassify(String chip, String expected) throws Exception {
        JsonNode c = json(CliRun.of("chips", "classify", chip, "--json"));
        assertThat(c.get("classification").asText()).isEqualTo(expected);
        assertThat(c.get("ruleSets")).hasSize(2);
        CliRun table = CliRun.of("chips", "classify", chip);
        assertThat(table.out()).contains(": " + expected, "In force:", "For comparison:");
    }

    @Test
    void classifyAsOfBeforeTheRules() throws Exception {
        JsonNode c = json(CliRun.of("chips", "classify", "A800", "--as-of", "2023-06-01", "--json"));
        assertThat(c.get("classification").asText()).isEqualTo("not covered");
        assertThat(c.get("explanation").asText()).contains("I/O bandwidth 400.0 GB/s < 600");
    }

    @Test
    void estimateFromArchitectureAndHardware() throws Exception {
        JsonNode gpt3 = json(CliRun.of("estimate", "--params", "175e9", "--tokens", "300e9", "--json"));
        assertThat(gpt3.get("flop").asDouble()).isEqualTo(3.15e23);
        assertThat(gpt3.get("method").asText()).isEqualTo("ARCHITECTURE");
        assertThat(gpt3.get("assumptions")).isNotEmpty();
        JsonNode hw = json(CliRun.of("estimate", "--chip", "H100", "--count", "1000", "--hours", "720", "--json"));
        assertThat(hw.get("flop").asDouble()).isCloseTo(1000.0 * 720 * 3600 * 989.4e12 * 0.3, org.assertj.core.api.Assertions.within(1e12));
        assertThat(hw.get("flopLow").asDouble()).isLessThan(hw.get("flop").asDouble());
        JsonNode gpuHours = json(CliRun.of("estimate", "--chip", "A100", "--gpu-hours", "1e6", "--utilization", "0.4",
                "--json"));
        assertThat(gpuHours.get("flop").asDouble()).isCloseTo(1e6 * 3600 * 312e12 * 0.4, org.assertj.core.api.Assertions.within(1e12));
        assertThat(gpuHours.get("flopLow").isNull()).isTrue();
        assertThat(CliRun.of("estimate", "--params", "405e9", "--tokens", "15.6e12").out()).contains("3.79e25 FLOP");
    }

    @Test
    void thresholdsListAndCheck() throws Exception {
        assertThat(CliRun.of("thresholds", "list").out()).contains("EU-AIA-51", "US-CA-SB53-model", "> 1.00e26");
        JsonNode report = json(CliRun.of("thresholds", "check", "--flop", "3.8e25", "--date", "2026-03-01", "--json"));
        JsonNode eu = null;
        for (JsonNode f : report.get("findings")) {
            if (f.get("regime").asText().equals("EU-AIA-51")) {
                eu = f;
            }
        }
        assertThat(eu).isNotNull();
        assertThat(eu.get("verdict").asText()).isEqualTo("CROSSED");
        assertThat(eu.get("obligations").get(0).get("dueBy").asText()).isEqualTo("2026-03-15");
        CliRun table = CliRun.of("thresholds", "check", "--flop", "1e26", "--date", "2026-03-01");
        assertThat(table.out()).contains("by 2026-03-15: Notify the European Commission");
        assertThat(table.out()).containsPattern("US-CA-SB53-model +not crossed");
    }

    @Test
    void clusterCheck() throws Exception {
        JsonNode r = json(CliRun.of("thresholds", "cluster", "--chip", "H100", "--count", "100000", "--network-gbps",
                "400", "--date", "2024-06-01", "--json"));
        assertThat(r.get("findings").get(0).get("verdict").asText()).isEqualTo("CROSSED");
        assertThat(r.get("subject").asText()).contains("100,000 × NVIDIA H100 SXM5 80GB");
    }

    @Test
    void userCatalogAndRegimes(@TempDir Path dir) throws Exception {
        Path catalog = Files.writeString(dir.resolve("chips.csv"), "name,fp8_tflops_dense,die_area_mm2_applicable\nAcme Z,700,300\n");
        JsonNode z = json(CliRun.of("chips", "classify", "Acme Z", "--catalog", catalog.toString(), "--json"));
        assertThat(z.get("classification").asText()).isEqualTo("3A090.a.1");
        Path regimes = Files.writeString(dir.resolve("r.json"), """
                [{"id": "FD-licence", "metric": "training-compute", "threshold": 1e26, "comparison": ">",
                  "legalForce": "law", "effectiveFrom": "2026-01-01"}]""");
        assertThat(CliRun.of("thresholds", "list", "--regimes", regimes.toString()).out()).contains("FD-licence");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "chips show H1OO | 'H1OO' is not in the catalog. Did you mean: NVIDIA H100",
            "chips classify H100 --as-of 2025-13-01 | --as-of must be a date as YYYY-MM-DD",
            "estimate --params -5 --tokens 1e9 | --params must be greater than zero",
            "estimate --params abc --tokens 1e9 | --params must be a number, got 'abc'",
            "estimate --params 1e9 | needs both --params and --tokens",
            "estimate | Nothing to estimate from",
            "estimate --params 1e9 --tokens 1e9 --chip H100 | not both",
            "estimate --chip H100 --hours 10 | --hours needs --count",
            "estimate --chip H100 --count 8 --hours 10 --utilization 1.5 | fraction in (0, 1]",
            "estimate --chip V100 --count 8 --hours 10 --precision FP8 | has no dense FP8 figure",
            "estimate --chip H100 --count 8 --hours 10 --precision FP12 | Unknown precision 'FP12'",
            "estimate --params 1e308 --tokens 1e308 | exceeds the largest number",
            "estimate --chip H100 --count 2147483648 --hours 1e300 | exceeds the largest number",
            "thresholds check --flop -1 | --flop must be zero or more",
            "thresholds check --flop 1e25 --date yesterday | --date must be a date",
            "thresholds check | Missing required option: '--flop=F'",
            "thresholds cluster --network-gbps 100 | Say how big the cluster is",
            "chips frobnicate | Unmatched argument",
            "chips classify H100 --catalog /nonexistent.csv | Cannot read catalog file",
    })
    void badInputExitsTwoWithAMessage(String args, String message) {
        CliRun run = CliRun.of(args.split(" "));
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void helpListsCommands() {
        CliRun help = CliRun.of("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("serve", "chips", "estimate", "thresholds");
        assertThat(CliRun.of("chips", "--help").out()).contains("list", "show", "classify");
        assertThat(CliRun.of("help", "estimate").out()).contains("--params", "--gpu-hours");
    }
}
