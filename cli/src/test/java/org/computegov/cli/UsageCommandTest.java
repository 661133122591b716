package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.computegov.api.Json;
import org.junit.jupiter.api.Test;

/** `cgov usage parse-sacct` on the registry's sample sacct files. */
class UsageCommandTest {
    private static final Path SAMPLES = Path.of("..", "registry", "src", "test", "resources", "sacct");

    @Test
    void parsesGpuJobsIntoUsageRecordsWithCompute() throws Exception {
        String file = SAMPLES.resolve("sol-2025-03-03.txt").toString();
        CliRun table = CliRun.of("usage", "parse-sacct", file, "--default-chip", "sol=A100");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("16 records", "chip-hours", "FLOP", "assumes: ");
        CliRun json = CliRun.of("usage", "parse-sacct", file, "--default-chip", "sol=A100", "--json");
        JsonNode records = Json.mapper().readTree(json.out());
        assertThat(records).hasSize(16);
        assertThat(records.get(0).fieldNames()).toIterable().contains("provider", "cluster", "customer", "chip", "chipCount",
                "start", "end", "jobId");
    }

    @Test
    void aMalformedFileIsRejectedWholeWithLineNumbers() {
        CliRun run = CliRun.of("usage", "parse-sacct", SAMPLES.resolve("malformed.txt").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("the whole batch was rejected", "line 2:", "line 4, State");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void badOptionsExitTwo() {
        assertThat(CliRun.of("usage", "parse-sacct", SAMPLES.resolve("sol-2025-03-03.txt").toString(), "--zone", "Mars/Base").err())
                .contains("Unknown time zone");
        assertThat(CliRun.of("usage", "parse-sacct", "nope.txt").exit()).isEqualTo(2);
        assertThat(CliRun.of("usage", "parse-sacct", SAMPLES.resolve("sol-2025-03-03.txt").toString(), "--default-chip", "sol").err())
                .contains("takes NAME=CHIP");
    }
}
