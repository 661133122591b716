package org.computegov.registry.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.computegov.registry.usage.SacctLine.job;
import static org.computegov.registry.usage.SacctLine.lines;
import static org.computegov.registry.usage.Samples.A100;
import static org.computegov.registry.usage.Samples.H100;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.computegov.knowledge.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SacctParserTest {
    private final SacctParser sol = Samples.solParser();

    private ParsedUsage parse(SacctLine... lines) {
        return sol.parse(lines(lines));
    }

    private static InputProblem onlyProblem(ParsedUsage parsed) {
        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.problems()).hasSize(1);
        return parsed.problems().get(0);
    }

    @Test
    void theFieldOrderIsOpenXdmodsAndTheFormatSaysTheSame() {
        assertThat(SacctParser.FIELDS).hasSize(26).startsWith("jobid", "jobidraw", "cluster", "partition", "qos")
                .endsWith("alloctres", "timelimit", "nodelist", "jobname");
        assertThat(SacctParser.FORMAT).isEqualTo(String.join(",", SacctParser.FIELDS));
        assertThat(SacctParser.XDMOD_COMMAND).contains("--parsable2", "--noheader", "--allocations", "--duplicates",
                "--format=" + SacctParser.FORMAT);
        assertThat(SacctParser.COMMAND).contains("--parsable2", "--allocations", "--duplicates",
                "--format=" + SacctParser.RUN_FORMAT).doesNotContain("--noheader");
        assertThat(SacctParser.HEADER).hasSize(26);
        for (int i = 0; i < 26; i++) {
            assertThat(SacctParser.HEADER.get(i)).isEqualToIgnoringCase(SacctParser.FIELDS.get(i));
        }
    }

    @Test
    void aPlainGpuJob() {
        ParsedUsage parsed = parse(job());
        assertThat(parsed.problems()).isEmpty();
        UsageRecord r = parsed.records().get(0);
        assertThat(r).isEqualTo(new UsageRecord("acme-cloud", "sol", "lab-a", H100, 8,
                Instant.parse("2025-03-03T10:00:00Z"), Instant.parse("2025-03-03T12:00:00Z"), "9001"));
        assertThat(r.chipHours()).isEqualTo(16.0);
    }

    @Test
    void openXdmodsHeaderLineIsReadAsAHeader() {
        String header = String.join("|", SacctParser.HEADER);
        ParsedUsage parsed = sol.parse(header + "\n" + job() + "\n" + header + "\n" + job().id("9002"));
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.inputs()).as("header lines are not inputs").isEqualTo(2);
        assertThat(parsed.records()).hasSize(2);
        InputProblem missing = onlyProblem(sol.parse("JobID|JobName|Partition|Account|AllocCPUS|State|ExitCode\n"));
        assertThat(missing.number()).isEqualTo(1);
        assertThat(missing.message()).contains("Cluster, Start, End, AllocTRES columns", SacctParser.COMMAND);
    }

    @Test
    void typedGpusBelowTheUntypedTotalLeaveTheRestToTheDefaultChip() {
        ParsedUsage parsed = parse(job().gpus("billing=64,cpu=64,gres/gpu:h100=4,gres/gpu=6,mem=500G,node=1"));
        assertThat(parsed.records()).extracting(UsageRecord::chip, UsageRecord::chipCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(H100, 4), org.assertj.core.groups.Tuple.tuple(A100, 2));
        UsageRecord h100 = parsed.records().get(0);
        UsageRecord a100 = parsed.records().get(1);
        assertThat(h100.recordId()).isNotEqualTo(a100.recordId());
        assertThat(h100.jobKey()).isEqualTo(a100.jobKey());
    }

    @Test
    void typedGpusWithoutAnUntypedTotalAreCountedByType() {
        ParsedUsage parsed = parse(job().gpus("cpu=64,gres/gpu:a100=2,gres/gpu:h100=2,mem=500G,node=1"));
        assertThat(parsed.records()).extracting(UsageRecord::chip).containsExactly(A100, H100);
        assertThat(parsed.records()).extracting(UsageRecord::chipCount).containsExactly(2, 2);
    }

    @Test
    void twoTypeNamesForOneChipMakeOneRecord() {
        ParsedUsage parsed = parse(job().gpus("cpu=8,gres/gpu:h100=2,gres/gpu:nvidia_h100_80gb_hbm3=2,gres/gpu=4"));
        assertThat(parsed.records()).singleElement().satisfies(r -> {
            assertThat(r.chip()).isEqualTo(H100);
            assertThat(r.chipCount()).isEqualTo(4);
        });
    }

    @Test
    void gpuMemoryAndUtilizationTresAreNotGpus() {
        ParsedUsage parsed = parse(job().gpus("cpu=8,gres/gpumem=80G,gres/gpuutil=100,gres/gpu:h100=1,gres/gpu=1"));
        assertThat(parsed.records()).singleElement().extracting(UsageRecord::chipCount).isEqualTo(1);
        ParsedUsage none = parse(job().gpus("cpu=8,gres/gpumem=80G,mem=8G"));
        assertThat(none.records()).isEmpty();
        assertThat(none.skipped(SkipReason.NO_GPUS)).isEqualTo(1);
    }

    @Test
    void zeroGpusFromANoConsumeGresAreNoGpus() {
        ParsedUsage parsed = parse(job().gpus("cpu=8,gres/gpu=0,mem=8G"));
        assertThat(parsed.ok()).isTrue();
        assertThat(parsed.skipped(SkipReason.NO_GPUS)).isEqualTo(1);
    }

    @Test
    void untypedGpusOnAClusterWithoutADefaultChipAreAProblem() {
        SacctParser noDefaults = Samples.parser(SacctOptions.of("acme-cloud", ZoneOffset.UTC));
        InputProblem p = onlyProblem(noDefaults.parse(lines(job().gpus("cpu=8,gres/gpu=4"))));
        assertThat(p.field()).isEqualTo("AllocTRES");
        assertThat(p.message()).contains("no default chip", "--default-chip sol=CHIP");
        assertThat(noDefaults.parse(lines(job())).ok()).as("typed GPUs need no default").isTrue();
    }

    @Test
    void theProvidersOwnGpuTypeNamesComeFirst() {
        SacctParser parser = Samples.parser(SacctOptions.of("acme-cloud", ZoneOffset.UTC).withGpuType("big", "H200")
                .withGpuType("h100", "H100 NVL"));
        ParsedUsage parsed = parser.parse(lines(job().gpus("cpu=8,gres/gpu:big=4,gres/gpu:h100=2,gres/gpu=6")));
        assertThat(parsed.records()).extracting(UsageRecord::chip)
                .containsExactly("NVIDIA H200 SXM 141GB", "NVIDIA H100 NVL 94GB");
    }

    @Test
    void clusterNamesForDefaultChipsIgnoreCase() {
        SacctParser parser = Samples.parser(SacctOptions.of("acme-cloud", ZoneOffset.UTC).withDefaultChip("SOL", "H200"));
        assertThat(parser.parse(lines(job().gpus("gres/gpu=2"))).records()).singleElement()
                .extracting(UsageRecord::chip).isEqualTo("NVIDIA H200 SXM 141GB");
    }

    @Test
    void optionsNamingNoCatalogChipAreRefusedUpFront() {
        assertThatThrownBy(() -> new SacctParser(Samples.CATALOG,
                SacctOptions.of("acme-cloud", ZoneOffset.UTC).withDefaultChip("sol", "Z9000")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("sol").hasMessageContaining("Z9000");
        assertThatThrownBy(() -> new SacctParser(Samples.CATALOG,
                SacctOptions.of("acme-cloud", ZoneOffset.UTC).withGpuType("big", "Z9000")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("big");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RUNNING", "PENDING", "SUSPENDED", "RESIZING", "COMPLETING", "CONFIGURING", "STOPPED"})
    void liveJobsAreSkippedEvenWithAnEnd(String state) {
        // sacct --truncate prints the window's end as End for a job still running.
        ParsedUsage parsed = parse(job().with("state", state));
        assertThat(parsed.ok()).isTrue();
        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.skipped(SkipReason.NOT_ENDED)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Unknown", "None", ""})
    void jobsWithoutAnEndAreSkipped(String end) {
        ParsedUsage parsed = parse(job().with("state", "REQUEUED").with("end", end), job().id("9002").with("end", end));
        assertThat(parsed.ok()).isTrue();
        assertThat(parsed.skipped(SkipReason.NOT_ENDED)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"COMPLETED", "CANCELLED", "CANCELLED by 0", "FAILED", "TIMEOUT", "NODE_FAIL",
            "OUT_OF_MEMORY", "PREEMPTED", "BOOT_FAIL", "DEADLINE", "REQUEUED", "REQUEUE_HOLD", "SPECIAL_EXIT"})
    void endedJobsAndEndedRunsCount(String state) {
        assertThat(parse(job().with("state", state)).records()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"COMPLETED by 5", "CANCELLED by", "CANCELLED by root", "CANCELLED+", "CD", "completed",
            "DONE"})
    void statesSacctDoesNotPrintAreProblems(String state) {
        InputProblem p = onlyProblem(parse(job().with("state", state)));
        assertThat(p.field()).isEqualTo("State");
    }

    @Test
    void jobsThatNeverRanAreSkipped() {
        ParsedUsage parsed = parse(job().with("start", "None"), job().id("9002").with("start", "Unknown"),
                job().id("9003").with("nodelist", "None assigned"));
        assertThat(parsed.ok()).isTrue();
        assertThat(parsed.skipped(SkipReason.NEVER_RAN)).isEqualTo(3);
    }

    @Test
    void stepsAreSkippedButMustBelongToAJobId() {
        ParsedUsage parsed = parse(job().id("9001.batch"), job().id("9001.extern"), job().id("9001.0"),
                job().id("4103947_9.batch"), job().id("9001+1.0"), job().id("9001.interactive"));
        assertThat(parsed.ok()).isTrue();
        assertThat(parsed.skipped(SkipReason.JOB_STEP)).isEqualTo(6);
        InputProblem p = onlyProblem(parse(job().with("jobid", "batch.0")));
        assertThat(p.field()).isEqualTo("JobID");
    }

    @Test
    void aZeroLengthRunIsSkipped() {
        ParsedUsage parsed = parse(job().with("end", "2025-03-03T10:00:00").with("elapsed", "00:00:00"));
        assertThat(parsed.ok()).isTrue();
        assertThat(parsed.skipped(SkipReason.ZERO_DURATION)).isEqualTo(1);
    }

    @Test
    void elapsedInItsFormsAndAbsent() {
        assertThat(parse(job().with("elapsed", "1-02:03:04")).ok()).isTrue();
        assertThat(parse(job().with("elapsed", "59:59")).ok()).isTrue();
        assertThat(parse(job().with("elapsed", "")).ok()).isTrue();
        assertThat(onlyProblem(parse(job().with("elapsed", "1-02:03"))).field()).isEqualTo("Elapsed");
        assertThat(onlyProblem(parse(job().with("elapsed", "02:-3:04"))).field()).isEqualTo("Elapsed");
    }

    @Test
    void aSpaceBetweenDateAndTimeIsAccepted() {
        assertThat(parse(job().with("start", "2025-03-03 10:00:00")).records()).singleElement()
                .extracting(UsageRecord::start).isEqualTo(Instant.parse("2025-03-03T10:00:00Z"));
    }

    @Test
    void aLocalTimeTheZoneSkippedMeansTheWrongZone() {
        SacctParser newYork = Samples.parser(SacctOptions.of("acme-cloud", ZoneId.of("America/New_York"))
                .withDefaultChip("sol", "A100"));
        InputProblem p = onlyProblem(newYork.parse(lines(job().with("start", "2025-03-09T02:30:00")
                .with("end", "2025-03-09T04:00:00"))));
        assertThat(p.field()).isEqualTo("Start");
        assertThat(p.message()).contains("does not exist in America/New_York", "TZ=UTC");
    }

    @Test
    void timesAreLocalToTheGivenZone() {
        SacctParser berlin = Samples.parser(SacctOptions.of("acme-cloud", ZoneId.of("Europe/Berlin")));
        UsageRecord r = berlin.parse(lines(job())).records().get(0);
        assertThat(r.start()).isEqualTo(Instant.parse("2025-03-03T09:00:00Z"));
        assertThat(r.end()).isEqualTo(Instant.parse("2025-03-03T11:00:00Z"));
    }

    @Test
    void blankLinesAndWindowsLineEndsAreFineAndLinesAreCountedAsInTheFile() {
        String text = "\n" + job() + "\r\n\r\n" + job().id("9002").with("state", "FAILURE") + "\r\n";
        ParsedUsage parsed = sol.parse(text);
        assertThat(parsed.problems()).extracting(InputProblem::number).containsExactly(4);
        assertThat(parsed.inputs()).isEqualTo(2);
        assertThat(sol.parse("").ok()).isTrue();
        assertThat(sol.parse("\n\n").records()).isEmpty();
    }

    @Test
    void theSameLineTwiceIsOneRecordAndAConflictingTwinIsAProblem() {
        ParsedUsage twice = parse(job(), job());
        assertThat(twice.records()).hasSize(1);
        assertThat(twice.skipped(SkipReason.DUPLICATE)).isEqualTo(1);

        InputProblem p = onlyProblem(parse(job(), job().with("end", "2025-03-03T13:00:00")));
        assertThat(p.number()).isEqualTo(2);
        assertThat(p.message()).contains("also at line 1", "different content");
    }

    @Test
    void aFoldedArrayCutShortBySacctSaysHowToGetItWhole() {
        InputProblem p = onlyProblem(parse(job().with("jobid", "9001_[1-3,5,7,9,11,13,15,17,19,21,23,25,27,29,31")));
        assertThat(p.message()).contains("SLURM_BITSTR_LEN=0");
    }

    @Test
    void aFoldedArrayTooLargeToExpandIsAProblem() {
        InputProblem p = onlyProblem(parse(job().with("jobid", "9001_[0-3999999]")));
        assertThat(p.message()).contains("more than " + SacctParser.MAX_TASKS_PER_LINE, "--array");
        assertThat(onlyProblem(parse(job().with("jobid", "9001_4000001"))).message()).contains("maximum");
    }

    @Test
    void oneBadLineRejectsTheWholeFile() {
        ParsedUsage parsed = parse(job(), job().id("9002"), job().id("9003").with("start", "yesterday"), job().id("9004"));
        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.problems()).extracting(InputProblem::number).containsExactly(3);
        assertThatThrownBy(() -> parsed.recordsOrThrow("--sacct", "usage.txt"))
                .isInstanceOfSatisfying(UsageBatchException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.field()).isEqualTo("--sacct");
                    assertThat(e.getMessage()).contains("1 problem in usage.txt", "whole batch was rejected");
                    assertThat(e.hint()).contains("line 3, Start");
                });
    }

    @Test
    void manyProblemsAreAllKeptThoughTheHintShowsTen() {
        SacctLine[] bad = new SacctLine[25];
        for (int i = 0; i < bad.length; i++) {
            bad[i] = job().id(String.valueOf(9100 + i)).with("state", "BROKEN");
        }
        ParsedUsage parsed = parse(bad);
        assertThat(parsed.problems()).hasSize(25);
        assertThatThrownBy(() -> parsed.recordsOrThrow("--sacct", "f")).isInstanceOfSatisfying(
                UsageBatchException.class, e -> {
                    assertThat(e.problems()).hasSize(25);
                    assertThat(e.hint()).contains("line 10, State").doesNotContain("line 11,").contains("… and 15 more");
                });
    }

    @Test
    void invalidUtf8InAJobNameDoesNotStopTheFile(@TempDir Path dir) throws Exception {
        byte[] line = (job().with("jobname", "X") + "\n").getBytes(StandardCharsets.UTF_8);
        line[line.length - 2] = (byte) 0xE9; // Latin-1 'é' where the name was, not valid UTF-8
        Path file = dir.resolve("usage.txt");
        Files.write(file, line);
        assertThat(sol.parse(file).records()).hasSize(1);
        assertThat(sol.parse(new ByteArrayInputStream(line)).records()).hasSize(1);
    }

    @Test
    void fieldsThatFeedTheRecordAreChecked() {
        assertThat(onlyProblem(parse(job().with("cluster", ""))).message()).isEqualTo("Cluster is missing");
        assertThat(onlyProblem(parse(job().with("account", " lab-a")))).satisfies(p -> {
            assertThat(p.field()).isEqualTo("Account");
            assertThat(p.message()).contains("white space");
        });
        assertThat(onlyProblem(parse(job().with("jobidraw", "x9001"))).field()).isEqualTo("JobIDRaw");
    }

    @Test
    void aCpuJobsAccountIsNotOurs() {
        ParsedUsage parsed = parse(job().with("account", "").gpus("billing=8,cpu=8,mem=8G,node=1"));
        assertThat(parsed.ok()).isTrue();
        assertThat(parsed.skipped(SkipReason.NO_GPUS)).isEqualTo(1);
        assertThat(onlyProblem(parse(job().with("account", "").gpus("billing=8,cpu=8,mem=8G,node=1")
                .with("start", "2025-03-03")))).extracting(InputProblem::field).isEqualTo("Start");
    }

    @Test
    void withoutAHeaderALineWithMoreThan26FieldsIsAProblemNotAJobName() {
        InputProblem p = onlyProblem(parse(job().with("jobname", "eval|mmlu")));
        assertThat(p.message()).contains("expected 26 fields", "found 27", "without --noheader");
        String header = String.join("|", SacctParser.HEADER);
        assertThat(sol.parse(header + "\n" + job().with("jobname", "a|b||c|")).records()).hasSize(1);
    }
}
