package org.computegov.accounting;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.computegov.registry.kernel.DemoWorld;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.statement.StatementWriter;

/**
 * The demo world's compute: runs of two developers (one a fine-tune of the other's pre-training run), and H100 usage
 * at both providers, of which Orion Capital Partners' two accounts together cross SB 53's 1e26 (6e25 + 5e25 FLOP)
 * while neither does alone.
 */
final class AccountingDemo {
    /** H100 SXM at 30% of its dense FP16 peak: about 1.07e18 FLOP per chip-hour. */
    private static final String CHIP = "H100";
    private final DemoWorld world;

    AccountingDemo(DemoWorld world) {
        this.world = world;
    }

    void load() throws Exception {
        StatementWriter frontier = world.as("frontier-lab");
        StatementWriter bio = world.as("bio-lab");
        StatementWriter cloudA = world.as("cloud-a");
        StatementWriter cloudB = world.as("cloud-b");
        run(frontier, "frontier-1", "Frontier 1 pre-training", 3e25, null, "general");
        run(frontier, "frontier-1-chat", "Frontier 1 chat fine-tune", 4e23, "frontier-lab/frontier-1", "general");
        run(bio, "protein-1", "Protein language model", 3e23, null, "biological-sequence");

        // ~1.07e18 FLOP per H100-hour: 24,576 GPUs × 24 h ≈ 6.3e23 FLOP a day.
        usage(cloudA, "us-east", "acct-frontier", "frontier-lab/frontier-1", 24_576, 20, 1000);
        usage(cloudA, "us-east", "acct-frontier", "frontier-lab/frontier-1-chat", 2_048, 5, 2000);
        usage(cloudA, "us-west", "acct-northwind", null, 24_576, 96, 3000);
        usage(cloudB, "fra-1", "kunde-0042", null, 24_576, 80, 4000);
        usage(cloudA, "us-east", "acct-biolab", "bio-lab/protein-1", 1_024, 12, 5000);
    }

    private void run(StatementWriter developer, String id, String name, double planned, String base, String domain)
            throws Exception {
        ObjectNode d = Json.object().put("runId", id).put("name", name).put("plannedFlop", planned);
        if (base != null) {
            d.put("baseRun", base);
        }
        d.put("dataDomain", domain);
        world.submit(AccountingStatements.runDeclaration(developer, Json.MAPPER.writeValueAsBytes(d)));
    }

    /** One record per day for {@code days} days ending yesterday: {@code chips} GPUs for 24 hours. */
    private void usage(StatementWriter provider, String cluster, String customer, String run, int chips, int days, int jobBase)
            throws Exception {
        ArrayNode records = Json.array();
        for (int d = days; d >= 1; d--) {
            Instant start = world.today().minus(Duration.ofDays(d));
            ObjectNode r = records.addObject();
            r.put("provider", provider.issuer()).put("cluster", cluster).put("customer", customer).put("chip", CHIP)
                    .put("chipCount", chips).put("start", start.toString()).put("end", start.plus(Duration.ofDays(1)).toString());
            if (run != null) {
                r.put("runId", run);
            }
            r.put("jobId", String.valueOf(jobBase + d));
        }
        world.submit(AccountingStatements.usageRecords(provider, records.toString().getBytes(StandardCharsets.UTF_8),
                records.size()));
    }
}
