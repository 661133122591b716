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
    void aJobsCommentOrWckeyNamesItsRunAndItsAccountIsTheCustomer(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        // The documented convention: sbatch --comment "run=bio-lab/protein-1" or --wckey run=bio-lab/protein-1.
        Path sacct = dir.resolve("runs.txt");
        java.nio.file.Files.writeString(sacct, String.join("\n",
                "JobID|JobIDRaw|Cluster|Partition|Account|User|Start|End|Elapsed|State|AllocTRES|NodeList|WCKey|Comment",
                "9001|9001|sol|gpu|bio-acct|alice|2025-03-03T10:00:00|2025-03-03T12:00:00|02:00:00|COMPLETED|"
                        + "billing=8,cpu=8,gres/gpu:h100=4,gres/gpu=4,mem=64G,node=1|n01||seed sweep; run=bio-lab/protein-1",
                "9002|9002|sol|gpu|bio-acct|alice|2025-03-03T10:00:00|2025-03-03T11:00:00|01:00:00|COMPLETED|"
                        + "billing=8,cpu=8,gres/gpu:h100=2,gres/gpu=2,mem=64G,node=1|n02|*run=bio-lab/protein-2|",
                "9003|9003|sol|gpu|other-acct|bob|2025-03-03T10:00:00|2025-03-03T11:00:00|01:00:00|COMPLETED|"
                        + "billing=8,cpu=8,gres/gpu:h100=1,gres/gpu=1,mem=64G,node=1|n03||nightly", ""));
        CliRun json = CliRun.of("usage", "parse-sacct", sacct.toString(), "--provider", "cloud-a", "--json");
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode records = Json.mapper().readTree(json.out());
        assertThat(records).hasSize(3);
        assertThat(records.get(0).path("runId").asText()).isEqualTo("bio-lab/protein-1");
        assertThat(records.get(1).path("runId").asText()).isEqualTo("bio-lab/protein-2");
        assertThat(records.get(2).has("runId")).isFalse();
        assertThat(records.get(0).path("customer").asText()).isEqualTo("bio-acct");
        CliRun table = CliRun.of("usage", "parse-sacct", sacct.toString(), "--provider", "cloud-a");
        assertThat(table.out().lines().filter(l -> l.startsWith("9001 ")).findFirst().orElseThrow())
                .contains(" bio-acct ", " bio-lab/protein-1 ");
        assertThat(table.out().lines().filter(l -> l.startsWith("9003 ")).findFirst().orElseThrow())
                .contains(" other-acct ", " - ");
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
