package org.computegov.registry.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.computegov.registry.usage.Samples.A100;
import static org.computegov.registry.usage.Samples.H100;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What each sample file in src/test/resources/sacct must give (see the README there). */
class SacctSamplesTest {

    private static ParsedUsage sol() {
        return Samples.solParser().parse(Samples.resource("sol-2025-03-03.txt"));
    }

    private static UsageRecord only(ParsedUsage parsed, String jobId) {
        List<UsageRecord> matching = parsed.records().stream().filter(r -> r.jobId().equals(jobId)).toList();
        assertThat(matching).as("records for job %s", jobId).hasSize(1);
        return matching.get(0);
    }

    @Test
    void aDayOnSolGivesOneRecordPerEndedGpuAllocationAndArrayTask() {
        ParsedUsage parsed = sol();
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.inputs()).isEqualTo(21);
        assertThat(parsed.records()).extracting(UsageRecord::jobId).containsExactly("4103946", "4103947_9",
                "4103947_10", "4103947_11", "4103947_13", "4103947_8", "4103961", "4103972", "4103980", "4103980",
                "4103981", "4104000+0", "4104010", "4104011", "4104012", "4104013");
        assertThat(parsed.skipped()).isEqualTo(Map.of(SkipReason.JOB_STEP, 3, SkipReason.NOT_ENDED, 2,
                SkipReason.NEVER_RAN, 1, SkipReason.NO_GPUS, 2));
        assertThat(parsed.records()).allSatisfy(r -> {
            assertThat(r.provider()).isEqualTo("acme-cloud");
            assertThat(r.cluster()).isEqualTo("sol");
            assertThat(r.runId()).isEmpty();
        });
    }

    @Test
    void typedGpusNameTheChipAndTheUntypedTotalIsNotCountedAgain() {
        UsageRecord pretrain = only(sol(), "4103946");
        assertThat(pretrain.chip()).isEqualTo(H100);
        assertThat(pretrain.chipCount()).isEqualTo(32);
        assertThat(pretrain.customer()).isEqualTo("lab-llm");
        assertThat(pretrain.start()).isEqualTo(Instant.parse("2025-03-03T09:00:04Z"));
        assertThat(pretrain.end()).isEqualTo(Instant.parse("2025-03-03T21:00:04Z"));
        assertThat(pretrain.chipHours()).isEqualTo(384.0);
    }

    @Test
    void nvmlAutoDetectedTypeNamesResolveThroughTheCatalog() {
        UsageRecord sft = only(sol(), "4104010");
        assertThat(sft.chip()).isEqualTo(H100);
        assertThat(sft.chipCount()).isEqualTo(4);
    }

    @Test
    void untypedGpusTakeTheClustersDefaultChip() {
        UsageRecord timeout = only(sol(), "4103981");
        assertThat(timeout.chip()).isEqualTo(A100);
        assertThat(timeout.chipCount()).isEqualTo(2);
        assertThat(timeout.chipHours()).isEqualTo(4.0);
    }

    @Test
    void aFoldedArrayLineGivesEachTaskTheLinesInterval() {
        ParsedUsage parsed = sol();
        for (String task : List.of("4103947_9", "4103947_10", "4103947_11", "4103947_13")) {
            UsageRecord r = only(parsed, task);
            assertThat(r.start()).isEqualTo(Instant.parse("2025-03-03T10:05:00Z"));
            assertThat(r.end()).isEqualTo(Instant.parse("2025-03-03T10:35:00Z"));
            assertThat(r.chipCount()).isEqualTo(1);
        }
        assertThat(parsed.records()).extracting(UsageRecord::jobId).doesNotContain("4103947_12");
        assertThat(only(parsed, "4103947_8").chipHours()).isEqualTo(0.75);
    }

    @Test
    void cancelledByAUserIsCancelledAndCounts() {
        UsageRecord cancelled = only(sol(), "4103961");
        assertThat(cancelled.chipCount()).isEqualTo(8);
        assertThat(cancelled.chipHours()).isCloseTo(8.0 / 3, within(1e-12));
    }

    @Test
    void aRequeuedRunAndItsRerunAreTwoRecords() {
        List<UsageRecord> runs = sol().records().stream().filter(r -> r.jobId().equals("4103980")).toList();
        assertThat(runs).extracting(UsageRecord::start).containsExactly(Instant.parse("2025-03-03T12:00:00Z"),
                Instant.parse("2025-03-03T13:35:00Z"));
        assertThat(runs).extracting(UsageRecord::chipHours).containsExactly(12.0, 32.0);
        assertThat(runs.get(0).recordId()).isNotEqualTo(runs.get(1).recordId());
    }

    @Test
    void aJobNameWithBarsDoesNotShiftTheFields() {
        UsageRecord eval = only(sol(), "4103972");
        assertThat(eval.chipCount()).isEqualTo(2);
        assertThat(eval.start()).isEqualTo(Instant.parse("2025-03-03T13:00:20Z"));
    }

    @Test
    void heterogeneousComponentsAreSeparateJobs() {
        assertThat(only(sol(), "4104000+0").chipCount()).isEqualTo(8);
        assertThat(sol().records()).extracting(UsageRecord::jobId).doesNotContain("4104000+1", "4104000");
    }

    @Test
    void chipHoursPerChipAddUp() {
        Map<String, Double> hours = sol().records().stream()
                .collect(Collectors.groupingBy(UsageRecord::chip, Collectors.summingDouble(UsageRecord::chipHours)));
        double h100 = 384 + 4 * 0.5 + 0.75 + 8.0 / 3 + 2 + 8 + 2 + 1.0 / 6 + 44 + 4;
        assertThat(hours).containsOnlyKeys(H100, A100);
        assertThat(hours.get(H100)).isCloseTo(h100, within(1e-9));
        assertThat(hours.get(A100)).isCloseTo(12 + 32 + 4, within(1e-9));
    }

    @Test
    void localTimesAcrossTheEndOfDaylightSavingAreResolvedByElapsed() {
        SacctParser parser = Samples.parser(SacctOptions.of("acme-cloud", ZoneId.of("America/New_York")));
        ParsedUsage parsed = parser.parse(Samples.resource("hudson-dst-2025-11-02.txt"));
        assertThat(parsed.problems()).isEmpty();
        Map<String, UsageRecord> byJob = parsed.records().stream()
                .collect(Collectors.toMap(UsageRecord::jobId, r -> r));
        // 01:30 EDT (05:30Z) to 01:10 EST (06:10Z): End reads earlier than Start, Elapsed says 40 minutes.
        assertThat(byJob.get("7001").start()).isEqualTo(Instant.parse("2025-11-02T05:30:00Z"));
        assertThat(byJob.get("7001").end()).isEqualTo(Instant.parse("2025-11-02T06:10:00Z"));
        // The same End, 01:20, is the second 1 a.m. for a 90-minute job and the first for a 30-minute one.
        assertThat(byJob.get("7002").end()).isEqualTo(Instant.parse("2025-11-02T06:20:00Z"));
        assertThat(byJob.get("7003").end()).isEqualTo(Instant.parse("2025-11-02T05:20:00Z"));
        assertThat(byJob.get("7004").start()).isEqualTo(Instant.parse("2025-07-01T13:00:00Z"));
        assertThat(byJob.get("7001").chip()).isEqualTo(A100);
    }

    @Test
    void aFileWithMalformedLinesYieldsNoRecordsAndEveryProblemWithItsLine() {
        ParsedUsage parsed = Samples.solParser().parse(Samples.resource("malformed.txt"));
        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.problems()).allSatisfy(p -> assertThat(p.where()).isEqualTo(InputProblem.Where.LINE));
        assertThat(parsed.problems()).extracting(InputProblem::number)
                .containsExactly(2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 12);
        assertThat(parsed.problems()).extracting(InputProblem::field).containsExactly("", "Start", "State", "JobID",
                "AllocTRES", "AllocTRES", "End", "AllocTRES", "Account", "Start", "Elapsed");
        assertThat(parsed.problems().get(0).message()).contains("expected 26 fields", "found 6");
        assertThat(parsed.problems().get(1).message()).contains("2025-03-32T10:00:00");
        assertThat(parsed.problems().get(2).message()).contains("'COMPLETE'");
        assertThat(parsed.problems().get(3).message()).contains("runs backwards");
        assertThat(parsed.problems().get(4).message()).contains("not a whole number", "8x");
        assertThat(parsed.problems().get(5).message()).contains("quantum9000", "--gpu-type quantum9000=CHIP");
        assertThat(parsed.problems().get(6).message()).contains("is before Start");
        assertThat(parsed.problems().get(7).message()).contains("gres/gpu=4", "add up to 8");
        assertThat(parsed.problems().get(8).message()).contains("Account is missing");
    }
}
