package org.computegov.registry.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Keeps the benchmark honest (its lines parse, to the records it expects); runs it only when asked. */
class UsageBenchmarkTest {

    @Test
    void theBenchmarkWorkloadIsCleanSacctWithTheMixItClaims() throws Exception {
        SacctWorkload.Workload w = SacctWorkload.generate(5_000, 7);
        SacctParser parser = Samples.parser(SacctOptions.of("acme-cloud", ZoneOffset.UTC).withDefaultChip("sol", "A100"));
        ParsedUsage parsed = parser.parse(w.text());
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.inputs()).isEqualTo(5_000);
        assertThat(parsed.records()).hasSize(w.expectedRecords());
        assertThat(parsed.skipped(SkipReason.NO_GPUS)).isBetween(300, 500);
        assertThat(parsed.skipped(SkipReason.NOT_ENDED)).isBetween(100, 200);
        assertThat(parsed.records()).extracting(UsageRecord::chip).contains(Samples.H100, Samples.A100);
        assertThat(parsed.records()).extracting(UsageRecord::jobId).anyMatch(id -> id.endsWith("_5"));
        assertThat(UsageBenchmark.baseline(w.text())).isPositive();
        UsageBenchmark.Round round = UsageBenchmark.parseAndAttribute(parser, new UsageCompute(Samples.CATALOG),
                w.text(), true);
        assertThat(round.records()).isEqualTo(w.expectedRecords());
        assertThat(round.flop()).isPositive();
    }

    @Test
    void aSmallRunReportsEveryMode() throws Exception {
        String report = UsageBenchmark.run(2_000, 1, 1);
        assertThat(report).contains("baseline", "parse (SacctParser)", "parse + attribute", "record id", "records/s");
    }

    @Test
    @EnabledIfSystemProperty(named = "usage.bench", matches = "true")
    void benchmark() throws Exception {
        UsageBenchmark.main(new String[0]);
    }
}
