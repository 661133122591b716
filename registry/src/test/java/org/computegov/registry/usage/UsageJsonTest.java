package org.computegov.registry.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.computegov.registry.usage.Samples.H100;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsageJsonTest {
    private final UsageJson json = new UsageJson(Samples.CATALOG);

    private static final String GOOD = """
            {"provider": "acme-cloud", "cluster": "sol", "customer": "lab-a", "chip": "H100", "chipCount": 8,
             "start": "2025-03-01T10:00:00Z", "end": "2025-03-01T12:30:00Z", "runId": "run-42", "jobId": "k8s-7f3c"}""";

    private static String withMember(String member, String value) {
        return GOOD.replaceFirst("\"" + member + "\": (\"[^\"]*\"|[0-9.]+)", "\"" + member + "\": " + value);
    }

    @Test
    void anArrayOfRecords() {
        ParsedUsage parsed = json.read("[" + GOOD + "," + withMember("runId", "null").replace("k8s-7f3c", "k8s-8a1d")
                .replace("\"H100\"", "\"nvidia h100 sxm5 80gb\"") + "]");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.inputs()).isEqualTo(2);
        assertThat(parsed.records().get(0)).isEqualTo(new UsageRecord("acme-cloud", "sol", "lab-a", H100, 8,
                Instant.parse("2025-03-01T10:00:00Z"), Instant.parse("2025-03-01T12:30:00Z"), Optional.of("run-42"),
                "k8s-7f3c"));
        assertThat(parsed.records().get(1).runId()).isEmpty();
        assertThat(parsed.records().get(1).chip()).isEqualTo(H100);
    }

    @Test
    void offsetsAreTurnedIntoInstantsAndRunIdMayBeAbsent() {
        ParsedUsage parsed = json.read("[" + withMember("start", "\"2025-03-01T11:00:00+01:00\"")
                .replace(", \"runId\": \"run-42\"", "") + "]");
        assertThat(parsed.records()).singleElement().satisfies(r -> {
            assertThat(r.start()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
            assertThat(r.runId()).isEmpty();
        });
    }

    @Test
    void everyProblemOfEveryElementIsReportedAndNothingIsAccepted() {
        String input = "[\n" + GOOD + ",\n"
                + withMember("chipCount", "8.5") + ",\n"
                + withMember("chip", "\"Z9000\"").replace("\"customer\": \"lab-a\"", "\"customer\": \"\"") + ",\n"
                + withMember("start", "\"2025-03-01T10:00:00\"") + ",\n"
                + "42,\n"
                + withMember("end", "\"2025-03-01T09:00:00Z\"") + ",\n"
                + GOOD.replace("\"chipCount\"", "\"chip_count\"") + "\n]";
        ParsedUsage parsed = json.read(input);
        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.inputs()).isEqualTo(7);
        assertThat(parsed.problems()).allSatisfy(p -> assertThat(p.where()).isEqualTo(InputProblem.Where.ELEMENT));
        assertThat(parsed.problems()).extracting(InputProblem::number, InputProblem::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "chipCount"),
                org.assertj.core.groups.Tuple.tuple(2, "customer"),
                org.assertj.core.groups.Tuple.tuple(2, "chip"),
                org.assertj.core.groups.Tuple.tuple(3, "start"),
                org.assertj.core.groups.Tuple.tuple(4, ""),
                org.assertj.core.groups.Tuple.tuple(5, "end"),
                org.assertj.core.groups.Tuple.tuple(6, "chip_count"),
                org.assertj.core.groups.Tuple.tuple(6, "chipCount"));
        assertThat(parsed.problems().get(0).message()).contains("whole number", "8.5");
        assertThat(parsed.problems().get(2).message()).contains("Z9000", "not in the catalog");
        assertThat(parsed.problems().get(3).message()).contains("offset");
        assertThat(parsed.problems().get(4).message()).contains("JSON object, found a number");
        assertThat(parsed.problems().get(4).describe()).startsWith("element [4]: ");
        assertThat(parsed.problems().get(6).message()).contains("unknown member");
        assertThat(parsed.problems().get(7).message()).isEqualTo("is missing");
    }

    @Test
    void chipCountMustBeAPositiveWholeNumber() {
        for (String bad : List.of("0", "-1", "\"8\"", "1e2", "3000000000", "true")) {
            ParsedUsage parsed = json.read("[" + withMember("chipCount", bad) + "]");
            assertThat(parsed.problems()).as(bad).singleElement().extracting(InputProblem::field).isEqualTo("chipCount");
        }
    }

    @Test
    void textMembersMustBeStrings() {
        ParsedUsage parsed = json.read("[" + withMember("jobId", "9001") + "]");
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("jobId");
            assertThat(p.message()).contains("must be a string");
        });
    }

    @Test
    void documentLevelProblems() {
        assertThat(json.read("").problems()).singleElement().extracting(InputProblem::message).asString().contains("empty");
        assertThat(json.read(GOOD).problems()).singleElement().extracting(InputProblem::message).asString()
                .contains("expected a JSON array", "found an object");
        assertThat(json.read("[" + GOOD).problems()).singleElement().extracting(InputProblem::message).asString()
                .contains("not valid JSON");
        assertThat(json.read("[" + GOOD + "] []").problems()).singleElement().extracting(InputProblem::message)
                .asString().contains("more after the array");
        assertThat(json.read("[]").ok()).isTrue();
    }

    @Test
    void aSyntaxErrorIsReportedAtItsLine() {
        ParsedUsage parsed = json.read("[\n" + GOOD + ",\n{\"provider\": \"acme\",, }\n]");
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo(InputProblem.Where.LINE);
            assertThat(p.number()).isEqualTo(4);
            assertThat(p.message()).contains("not valid JSON", "column");
        });
        assertThat(parsed.records()).isEmpty();
    }

    @Test
    void aDuplicateMemberIsRefused() {
        ParsedUsage parsed = json.read("[" + GOOD.replace("\"chipCount\": 8", "\"chipCount\": 8, \"chipCount\": 80") + "]");
        assertThat(parsed.problems()).singleElement().extracting(InputProblem::message).asString().contains("chipCount");
    }

    @Test
    void resubmittingTheSameRecordInOneBatchIsOneRecordButAConflictIsAProblem() {
        ParsedUsage twice = json.read("[" + GOOD + "," + GOOD + "]");
        assertThat(twice.records()).hasSize(1);
        assertThat(twice.skipped(SkipReason.DUPLICATE)).isEqualTo(1);
        ParsedUsage conflict = json.read("[" + GOOD + "," + withMember("chipCount", "4") + "]");
        assertThat(conflict.problems()).singleElement().satisfies(p -> {
            assertThat(p.number()).isEqualTo(1);
            assertThat(p.message()).contains("also at element [0]");
        });
    }

    @Test
    void readsStreams() throws Exception {
        byte[] bytes = ("[" + GOOD + "]").getBytes(StandardCharsets.UTF_8);
        assertThat(json.read(new ByteArrayInputStream(bytes)).records()).hasSize(1);
    }

    @Test
    void parseSacctAsJsonThenSubmitAsJsonGivesTheSameRecords() {
        List<UsageRecord> fromSacct = Samples.solParser().parse(Samples.resource("sol-2025-03-03.txt")).records();
        String written = UsageJson.write(fromSacct);
        ParsedUsage back = json.read(written);
        assertThat(back.problems()).isEmpty();
        assertThat(back.records()).isEqualTo(fromSacct);
        assertThat(written).startsWith("[\n{\"provider\":\"acme-cloud\",\"cluster\":\"sol\",\"customer\":\"lab-llm\"")
                .doesNotContain("runId");
        assertThat(UsageJson.write(List.of())).isEqualTo("[]\n");
    }
}
