package org.computegov.registry.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.computegov.registry.usage.SacctLine.job;
import static org.computegov.registry.usage.SacctLine.lines;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** sacct exports read by their header's column names, and exports without one checked field by field (issue 13). */
class SacctColumnsTest {
    private final SacctParser sol = Samples.solParser();

    private static final List<SacctLine> JOBS = List.of(job(), job().id("9002").gpus("cpu=8,gres/gpu=2"),
            job().id("9003_[1-3]").with("jobname", "sweep"), job().id("9003.batch"), job().id("9004")
                    .with("state", "RUNNING").with("end", "Unknown"));

    /** A header line and the jobs' lines with the given columns; a column sacct's FIELDS lack gets {@code extra}. */
    private static String export(List<String> columns, Map<String, String> extra, List<SacctLine> jobs) {
        StringBuilder sb = new StringBuilder(String.join("|", columns)).append('\n');
        for (SacctLine j : jobs) {
            List<String> values = new ArrayList<>();
            for (String c : columns) {
                values.add(extra.containsKey(c) ? extra.get(c) : j.value(c));
            }
            sb.append(String.join("|", values)).append('\n');
        }
        return sb.toString();
    }

    private static InputProblem onlyProblem(ParsedUsage parsed) {
        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.problems()).hasSize(1);
        return parsed.problems().get(0);
    }

    @Test
    void aHeaderInAnotherColumnOrderGivesTheSameRecords() {
        ParsedUsage expected = sol.parse(lines(JOBS.toArray(SacctLine[]::new)));
        assertThat(expected.records()).hasSize(5);
        Random random = new Random(13);
        for (int round = 0; round < 20; round++) {
            List<String> columns = new ArrayList<>(SacctParser.HEADER);
            Collections.shuffle(columns, random);
            ParsedUsage parsed = sol.parse(export(columns, Map.of(), JOBS));
            assertThat(parsed.problems()).as("order %s", columns).isEmpty();
            assertThat(parsed.records()).as("order %s", columns).isEqualTo(expected.records());
            assertThat(parsed.skipped()).isEqualTo(expected.skipped());
        }
    }

    @Test
    void extraColumnsAnywhereAreIgnoredAndMissingOptionalOnesAreFine() {
        ParsedUsage expected = sol.parse(lines(JOBS.toArray(SacctLine[]::new)));
        List<String> columns = new ArrayList<>(List.of("Reservation", "JobID", "Cluster", "Priority", "Account",
                "Start", "End", "State", "ReqTRES", "AllocTRES", "JobName", "Licenses"));
        ParsedUsage parsed = sol.parse(export(columns, Map.of("Reservation", "maint window", "Priority", "4294",
                "Licenses", "matlab:1"), JOBS));
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.records()).isEqualTo(expected.records());
    }

    @Test
    void missingRequiredColumnsAreNamed() {
        InputProblem p = onlyProblem(sol.parse(export(List.of("JobID", "Cluster", "Start", "End", "State"), Map.of(),
                JOBS)));
        assertThat(p.number()).isEqualTo(1);
        assertThat(p.message()).contains("no Account, AllocTRES columns");
        assertThat(onlyProblem(sol.parse("JobID|Account|account\n")).message()).contains("account twice");
    }

    @Test
    void aColumnInsertedInTheMiddleWithoutAHeaderIsAProblemWithItsLineNotAnA100() {
        // One more column after QOS (say, ReqGRES): every later field moves right by one. The old parser read
        // ReqTRES (untyped gres/gpu=8, the default chip A100) as AllocTRES, and AllocTRES vanished into JobName.
        List<String> lines = new ArrayList<>();
        for (SacctLine j : List.of(job(), job().id("9002"))) {
            List<String> f = new ArrayList<>(List.of(j.toString().split("\\|", -1)));
            f.add(5, "gpu:8");
            lines.add(String.join("|", f));
        }
        ParsedUsage parsed = sol.parse(job().id("8999") + "\n" + String.join("\n", lines) + "\n");
        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.problems()).extracting(InputProblem::number).containsExactly(2, 3);
        assertThat(parsed.problems().get(0).message()).contains("expected 26 fields", "found 27");
    }

    @Test
    void aDroppedColumnMadeUpForAtTheEndIsCaughtByTheFieldsForms() {
        // 26 fields, but QOS is missing and a Comment follows JobName: Account reads the group, GID the user name…
        List<String> f = new ArrayList<>(List.of(job().toString().split("\\|", -1)));
        f.remove(4);
        f.add("run=bio-lab/protein-1");
        ParsedUsage parsed = sol.parse(String.join("|", f) + "\n");
        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.number()).isEqualTo(1));
        assertThat(parsed.problems()).extracting(InputProblem::field).contains("GID", "UID", "AllocTRES");
    }

    @Test
    void aByteOrderMarkIsIgnoredWithOrWithoutAHeader() throws Exception {
        String bom = "\uFEFF";
        assertThat(sol.parse(bom + lines(job())).records()).hasSize(1);
        String withHeader = bom + String.join("|", SacctParser.HEADER) + "\n" + lines(job());
        assertThat(sol.parse(withHeader).records()).hasSize(1);
        byte[] bytes = (bom + lines(job())).getBytes(StandardCharsets.UTF_8);
        assertThat(bytes[0]).isEqualTo((byte) 0xEF);
        ParsedUsage fromBytes = sol.parse(new ByteArrayInputStream(bytes));
        assertThat(fromBytes.problems()).isEmpty();
        assertThat(fromBytes.records()).singleElement().extracting(UsageRecord::jobId).isEqualTo("9001");
    }

    @Test
    void aJobNamesItsRunInItsCommentOrWckey() {
        List<String> columns = List.of("JobID", "JobIDRaw", "Cluster", "Account", "Start", "End", "Elapsed", "State",
                "AllocTRES", "NodeList", "WCKey", "Comment");
        String text = String.join("|", columns) + "\n"
                + row(job(), "", "seed sweep; run=bio-lab/protein-1") + row(job().id("9002"), "*run=bio-lab/protein-2", "")
                + row(job().id("9003"), "run=bio-lab/protein-1", "run=bio-lab/protein-1 | nightly")
                + row(job().id("9004"), "", "");
        ParsedUsage parsed = sol.parse(text);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.records()).extracting(UsageRecord::runId).containsExactly(Optional.of("bio-lab/protein-1"),
                Optional.of("bio-lab/protein-2"), Optional.of("bio-lab/protein-1"), Optional.empty());

        ParsedUsage conflict = sol.parse(String.join("|", columns) + "\n"
                + row(job(), "run=bio-lab/a", "run=bio-lab/b"));
        assertThat(onlyProblem(conflict).message()).contains("bio-lab/a", "bio-lab/b");
        ParsedUsage malformed = sol.parse(String.join("|", columns) + "\n" + row(job(), "", "run=protein-1"));
        assertThat(onlyProblem(malformed)).satisfies(p -> {
            assertThat(p.field()).isEqualTo("Comment");
            assertThat(p.message()).contains("run=<developer>/<run>");
        });
    }

    private static String row(SacctLine j, String wckey, String comment) {
        return String.join("|", j.value("jobid"), j.value("jobidraw"), j.value("cluster"), j.value("account"),
                j.value("start"), j.value("end"), j.value("elapsed"), j.value("state"), j.value("alloctres"),
                j.value("nodelist"), wckey, comment) + "\n";
    }

    @Test
    void barsInTheOneFreeTextColumnStayThereWhereverItIs() {
        List<String> columns = List.of("JobID", "Comment", "Cluster", "Account", "Start", "End", "State", "AllocTRES");
        SacctLine j = job();
        String line = String.join("|", "9001", "run=bio-lab/p1 |x| y", "sol", "lab-a", j.value("start"),
                j.value("end"), "COMPLETED", j.value("alloctres"));
        ParsedUsage parsed = sol.parse(String.join("|", columns) + "\n" + line + "\n");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.records()).singleElement().satisfies(r -> {
            assertThat(r.runId()).contains("bio-lab/p1");
            assertThat(r.customer()).isEqualTo("lab-a");
            assertThat(r.chipCount()).isEqualTo(8);
        });
        // JobName and Comment both present: a bar in one of them cannot be placed.
        List<String> two = new ArrayList<>(columns);
        two.add("JobName");
        InputProblem p = onlyProblem(sol.parse(String.join("|", two) + "\n" + line + "|train\n"));
        assertThat(p.number()).isEqualTo(2);
        assertThat(p.message()).contains("free-text columns");
    }

    @Test
    void aSmallFileOfHugeJobArraysIsRefusedAtTheRecordLimitNotExpanded() throws Exception {
        // Issue 12: 100 KB of N_[0-99999] lines stood for a billion records and took sacct parsing past 3.6 GB.
        // The limit here is a tenth of the default (same code, a tenth of the records built before it trips).
        int limit = SacctParser.MAX_RECORDS_PER_FILE / 10;
        SacctParser parser = new SacctParser(Samples.CATALOG, sol.options(), limit);
        StringBuilder sb = new StringBuilder("JobID|Cluster|Account|Start|End|State|AllocTRES\n");
        int lines = 0;
        while (sb.length() < 100_000) {
            lines++;
            sb.append(1000 + lines).append("_[0-99999]|sol|lab-a|2025-03-03T10:00:00|2025-03-03T11:00:00|COMPLETED|")
                    .append("gres/gpu:h100=1\n");
        }
        assertThat(lines).isGreaterThan(1000);
        ParsedUsage parsed = parser.parse(sb.toString());
        InputProblem p = onlyProblem(parsed);
        assertThat(p.number()).as("the line that passes the limit, after the header").isEqualTo(limit / 100_000 + 2);
        assertThat(p.message()).contains("more than " + limit, "--starttime");
        assertThat(parsed.inputs()).isEqualTo(lines);
        assertThat(SacctParser.MAX_RECORDS_PER_FILE).isEqualTo(1_000_000);
    }
}
