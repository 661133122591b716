package org.computegov.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.registry.kyc.KycJson;
import org.computegov.registry.runs.RunJson;
import org.computegov.registry.screening.ScreeningLists;
import org.computegov.registry.usage.ParsedUsage;
import org.computegov.registry.usage.SacctOptions;
import org.computegov.registry.usage.SacctParser;
import org.computegov.registry.usage.UsageJson;
import org.junit.jupiter.api.Test;

/** A UTF-8 byte order mark (Windows editors write one) is ignored by every reader of outside files (issue 13). */
class ByteOrderMarkTest {
    private static final String BOM = "\uFEFF";

    private static byte[] bom(String text) {
        return (BOM + text).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void usageJsonWithABom() throws Exception {
        String json = "[{\"provider\": \"acme-cloud\", \"cluster\": \"sol\", \"customer\": \"lab-a\", \"chip\": \"H100\","
                + " \"chipCount\": 8, \"start\": \"2025-03-01T10:00:00Z\", \"end\": \"2025-03-01T12:30:00Z\","
                + " \"runId\": \"bio-lab/run-42\", \"jobId\": \"k8s-7f3c\"}]";
        UsageJson reader = new UsageJson(HardwareCatalog.builtIn());
        ParsedUsage parsed = reader.read(new java.io.ByteArrayInputStream(bom(json)));
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.records()).hasSize(1);
        assertThat(reader.read(BOM + json).records()).hasSize(1);
    }

    @Test
    void runJsonWithABom() throws Exception {
        String json = "{\"runId\": \"protein-1\", \"plannedFlop\": 1e24, \"dataDomain\": \"general\"}";
        assertThat(RunJson.read(bom(json)).runId()).isEqualTo("protein-1");
        assertThat(RunJson.read(BOM + json).runId()).isEqualTo("protein-1");
    }

    @Test
    void sacctAndScreeningListsWithABom() throws Exception {
        SacctParser parser = new SacctParser(HardwareCatalog.builtIn(), SacctOptions.of("acme-cloud", ZoneOffset.UTC));
        assertThat(parser.parse(new java.io.ByteArrayInputStream(bom("JobID|Cluster|Account|Start|End|State|AllocTRES\n"
                + "9001|sol|lab-a|2025-03-03T10:00:00|2025-03-03T11:00:00|COMPLETED|gres/gpu:h100=1\n"))).records())
                .hasSize(1);
        assertThat(ScreeningLists.loadCsl(bom("name,source\nAcme,x\n"), "l.csv").entries()).hasSize(1);
    }

    @Test
    void kycJsonWithABom() throws Exception {
        String events = "[{\"customerId\": \"acct-1\", \"ipAddress\": \"192.0.2.1\", \"time\": \"2025-03-01T10:00:00Z\","
                + " \"action\": \"console login\"}]";
        assertThat(KycJson.readAccessEvents(bom(events))).hasSize(1);
    }
}
