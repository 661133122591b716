package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.computegov.api.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cgov concern} and {@code cgov chips transfer-check} through the command line. */
class ShapingCommandsTest {
    @TempDir Path dir;

    private Path holdings(String body) throws Exception {
        Path file = dir.resolve("holdings.csv");
        Files.writeString(file, "owner,site,country,chip,count,network_gbps\n" + body);
        return file;
    }

    @Test
    void concernListsWhoCouldCrossWhat() throws Exception {
        Path file = holdings("frontier-lab,dc-north,US,H100,40000,400\nfrontier-lab,dc-south,US,H100,20000,400\n"
                + "mid-lab,dc-east,FR,A100,12000,\nuniversity,campus,DE,A100,100,100\n");
        CliRun run = CliRun.of("concern", "--within", "90", "--holdings", file.toString(), "--date", "2026-03-01", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode c = Json.mapper().readTree(run.out());
        // 1e25 / (312e12 FLOP/s × 0.4 × 90 days) = 10,304.6 A100s for the EU AI Act.
        assertThat(c.get("chipsNeeded").get("EU-AIA-51").asDouble()).isCloseTo(10_304.55, within(0.01));
        JsonNode actors = c.get("actors");
        assertThat(actors).hasSize(2);
        assertThat(actors.get(0).get("owner").asText()).isEqualTo("frontier-lab");
        assertThat(actors.get(0).get("achievableFlop").asDouble()).isCloseTo(60_000 * 989.4e12 * 0.4 * 90 * 86_400, within(1e20));
        assertThat(actors.get(1).get("owner").asText()).isEqualTo("mid-lab");
        CliRun table = CliRun.of("concern", "--within", "90", "--holdings", file.toString(), "--date", "2026-03-01", "--all");
        assertThat(table.out()).contains("frontier-lab", "US-CA-SB53-model", "university", "10,305");
        assertThat(CliRun.of("concern", "--within", "30", "--utilization", "0.3", "--chip", "H100").out()).contains("EU-AIA-51");
    }

    @Test
    void concernRejectsBadInput() throws Exception {
        Path bad = holdings("lab,dc,US,H100,many,\nlab,dc,US,H100,-5,\n");
        CliRun run = CliRun.of("concern", "--within", "90", "--holdings", bad.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("line 2", "line 3", "nothing was read");
        assertThat(CliRun.of("concern", "--within", "0").exit()).isEqualTo(2);
        assertThat(CliRun.of("concern", "--within", "90", "--utilization", "40").err()).contains("fraction");
        assertThat(CliRun.of("concern").exit()).isEqualTo(2);
    }

    @Test
    void transferCheckBlocksWithItsReasonAndExitsOne() throws Exception {
        CliRun blocked = CliRun.of("chips", "transfer-check", "H100", "--count", "512", "--to-country", "CN", "--date", "2026-03-01");
        assertThat(blocked.exit()).isEqualTo(1);
        assertThat(blocked.out()).contains("block: 512 × NVIDIA H100 SXM5 80GB to CN", "3A090.a.1", "presumption of denial");
        CliRun flagged = CliRun.of("chips", "transfer-check", "H100", "--to-country", "AE", "--json");
        assertThat(flagged.exit()).isZero();
        assertThat(Json.mapper().readTree(flagged.out()).get("action").asText()).isEqualTo("FLAG");
        assertThat(CliRun.of("chips", "transfer-check", "H20", "--to-country", "CN").exit()).isZero();
        assertThat(CliRun.of("chips", "transfer-check", "H100", "--to-country", "China").exit()).isEqualTo(2);
        assertThat(CliRun.of("chips", "transfer-check", "H100", "--to-country", "DE", "--count", "1.5").exit()).isEqualTo(2);
    }
}
