package org.computegov.registry.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.computegov.knowledge.InvalidInputException;
import org.junit.jupiter.api.Test;

class RunJsonTest {
    private static final String FULL = """
            {"runId": "atlas-2-ft.1", "name": "Atlas 2 instruction tuning", "plannedFlop": 4e24, "parameters": 4e11,
             "tokens": 1.5e12, "baseRun": "lab-a/atlas-2", "dataDomain": "general", "costUsd": 8000000}""";

    private static InvalidInputException failure(String json) {
        try {
            RunJson.read(json);
        } catch (InvalidInputException e) {
            assertThat(e.field()).startsWith("$");
            assertThat(e.hint()).as("every refusal says what would be right").isNotBlank();
            return e;
        }
        throw new AssertionError("expected " + json + " to be refused");
    }

    @Test
    void aFullDeclaration() throws InvalidInputException {
        assertThat(RunJson.read(FULL)).isEqualTo(new RunDeclaration("atlas-2-ft.1", "Atlas 2 instruction tuning",
                4e24, 4e11, 1.5e12, "lab-a/atlas-2", null, DataDomain.GENERAL, 8e6));
    }

    @Test
    void onlyRunIdAndDataDomainAreRequiredAndNullMeansAbsent() throws InvalidInputException {
        RunDeclaration d = RunJson.read("{\"runId\": \"r1\", \"dataDomain\": \"biological-sequence\", \"name\": null,"
                + " \"baseModelFlop\": 2e25}");
        assertThat(d).isEqualTo(new RunDeclaration("r1", null, null, null, null, null, 2e25,
                DataDomain.BIOLOGICAL_SEQUENCE, null));
        assertThat(d.isModification()).isTrue();
    }

    @Test
    void writingIsCompactOrderedAndOmitsAbsentMembers() throws InvalidInputException {
        assertThat(RunJson.write(RunJson.read(FULL))).isEqualTo("{\"runId\":\"atlas-2-ft.1\",\"name\":\"Atlas 2"
                + " instruction tuning\",\"plannedFlop\":4.0E24,\"parameters\":4.0E11,\"tokens\":1.5E12,"
                + "\"baseRun\":\"lab-a/atlas-2\",\"dataDomain\":\"general\",\"costUsd\":8000000.0}");
        assertThat(RunJson.write(new RunDeclaration("r1", null, null, null, null, null, null,
                DataDomain.BIOLOGICAL_SEQUENCE, null))).isEqualTo("{\"runId\":\"r1\",\"dataDomain\":\"biological-sequence\"}");
    }

    @Test
    void numbersAreWrittenInTheirShortestFormWhateverTheJdk() {
        // JDK 17's Double.toString(2e23) is 1.9999999999999998E23; the Schubfach writer gives the shortest form.
        RunDeclaration d = new RunDeclaration("r", null, 2e23, null, null, null, null, DataDomain.GENERAL, null);
        assertThat(RunJson.write(d)).contains("\"plannedFlop\":2.0E23");
    }

    @Test
    void bytesAreUtf8OfTheText() throws InvalidInputException {
        RunDeclaration d = new RunDeclaration("r", "Modèle 雪", null, null, null, null, null, DataDomain.GENERAL, null);
        assertThat(RunJson.writeBytes(d)).isEqualTo(RunJson.write(d).getBytes(StandardCharsets.UTF_8));
        assertThat(RunJson.read(RunJson.writeBytes(d))).isEqualTo(d);
    }

    @Test
    void providersAndAccountsLinkUsageAndAreLeftOutWhenEmpty() throws InvalidInputException {
        RunDeclaration d = RunJson.read("{\"runId\": \"p1\", \"dataDomain\": \"general\", \"providers\": [\"cloud-a\"],"
                + " \"accounts\": [\"cloud-b/acct 17\"]}");
        assertThat(d.providers()).containsExactly("cloud-a");
        assertThat(d.accounts()).containsExactly("cloud-b/acct 17");
        assertThat(d.names("cloud-a", "anyone")).isTrue();
        assertThat(d.names("cloud-b", "acct 17")).isTrue();
        assertThat(d.names("cloud-b", "acct-18")).isFalse();
        assertThat(RunJson.write(d)).endsWith(",\"providers\":[\"cloud-a\"],\"accounts\":[\"cloud-b/acct 17\"]}");
        assertThat(RunJson.read(RunJson.write(d))).isEqualTo(d);
        // A declaration from before links existed reads and writes byte for byte as it did; null is empty.
        RunDeclaration old = RunJson.read(FULL);
        assertThat(old.providers()).isEmpty();
        assertThat(RunJson.write(old)).doesNotContain("providers", "accounts");
        assertThat(RunJson.read("{\"runId\": \"r\", \"dataDomain\": \"general\", \"providers\": null}").providers()).isEmpty();
    }

    @Test
    void badLinksAreRefusedWithTheirPath() {
        String base = "{\"runId\": \"r\", \"dataDomain\": \"general\", ";
        assertThat(failure(base + "\"providers\": \"cloud-a\"}").field()).isEqualTo("$.providers");
        assertThat(failure(base + "\"providers\": [\"cloud a\"]}").field()).isEqualTo("$.providers[0]");
        assertThat(failure(base + "\"providers\": [\"a\", 7]}").field()).isEqualTo("$.providers[1]");
        assertThat(failure(base + "\"providers\": [\"a\", \"a\"]}").getMessage()).contains("twice");
        assertThat(failure(base + "\"accounts\": [\"cloud-b\"]}").field()).isEqualTo("$.accounts[0]");
        assertThat(failure(base + "\"accounts\": [\"cloud-b/\"]}").field()).isEqualTo("$.accounts[0]");
        assertThat(failure(base + "\"accounts\": [\"cloud-b/ x\"]}").getMessage()).contains("white space");
        assertThatThrownBy(() -> new RunDeclaration("r", null, null, null, null, null, null, DataDomain.GENERAL, null,
                java.util.List.of("a/b"), null)).hasMessageStartingWith("providers: [0]");
    }

    @Test
    void anUnknownMemberIsRefusedWithItsPath() {
        InvalidInputException e = failure(FULL.replace("\"plannedFlop\"", "\"planned_flop\""));
        assertThat(e.field()).isEqualTo("$.planned_flop");
        assertThat(e.getMessage()).contains("unknown member");
        assertThat(e.hint()).contains("plannedFlop");
    }

    @Test
    void aDuplicateMemberIsRefusedWithItsPath() {
        InvalidInputException e = failure("{\"runId\": \"a\", \"dataDomain\": \"general\", \"runId\": \"b\"}");
        assertThat(e.field()).isEqualTo("$.runId");
        assertThat(e.getMessage()).containsIgnoringCase("duplicate");
        assertThat(e.hint()).isNotBlank();
    }

    @Test
    void wrongTypesAndValuesNameTheirMember() {
        assertThat(failure(FULL.replace("4e24", "\"4e24\""))).satisfies(e -> {
            assertThat(e.field()).isEqualTo("$.plannedFlop");
            assertThat(e.getMessage()).contains("must be a number");
        });
        assertThat(failure(FULL.replace("4e24", "0")).field()).isEqualTo("$.plannedFlop");
        assertThat(failure(FULL.replace("4e11", "-4e11")).field()).isEqualTo("$.parameters");
        assertThat(failure(FULL.replace("1.5e12", "1e999")).getMessage()).contains("too large");
        assertThat(failure(FULL.replace("8000000", "-1")).field()).isEqualTo("$.costUsd");
        assertThat(failure(FULL.replace("\"general\"", "\"General\""))).satisfies(e -> {
            assertThat(e.field()).isEqualTo("$.dataDomain");
            assertThat(e.hint()).contains("general or biological-sequence");
        });
        assertThat(failure(FULL.replace("atlas-2-ft.1", "atlas 2")).field()).isEqualTo("$.runId");
        assertThat(failure(FULL.replace("atlas-2-ft.1", "x".repeat(129))).field()).isEqualTo("$.runId");
        assertThat(failure(FULL.replace("lab-a/atlas-2", "atlas-2")).field()).isEqualTo("$.baseRun");
        assertThat(failure(FULL.replace("lab-a/atlas-2", "lab-a/x/y")).field()).isEqualTo("$.baseRun");
        assertThat(failure(FULL.replace("\"Atlas 2 instruction tuning\"", "\" \"")).field()).isEqualTo("$.name");
        assertThat(failure(FULL.replace("\"Atlas 2 instruction tuning\"", "42")).field()).isEqualTo("$.name");
        assertThat(failure("{\"dataDomain\": \"general\"}").field()).isEqualTo("$.runId");
        assertThat(failure("{\"runId\": \"r\"}").field()).isEqualTo("$.dataDomain");
    }

    @Test
    void aRunModifiesADeclaredRunOrAnExternalModelNotBoth() {
        InvalidInputException e = failure(FULL.replace("\"dataDomain\"", "\"baseModelFlop\": 1e25, \"dataDomain\""));
        assertThat(e.field()).isEqualTo("$.baseModelFlop");
        assertThat(e.getMessage()).contains("not both");
    }

    @Test
    void theDocumentMustBeOneObject() {
        assertThat(failure("").field()).isEqualTo("$");
        assertThat(failure("[]").getMessage()).contains("JSON object, found an array");
        assertThat(failure("\"r1\"").field()).isEqualTo("$");
        InvalidInputException trailing = failure("{\"runId\": \"r\", \"dataDomain\": \"general\"} {}");
        assertThat(trailing.field()).isEqualTo("$");
        assertThat(trailing.getMessage()).startsWith("there is more after");
        InvalidInputException broken = failure("{\"runId\": \"r\",\n \"dataDomain\": general}");
        assertThat(broken.getMessage()).contains("line 2");
        assertThat(broken.hint()).contains("for example");
    }

    @Test
    void theRecordRefusesWhatTheJsonRefuses() {
        assertThatThrownBy(() -> new RunDeclaration("r", null, null, null, null, "a/b", 1e25, DataDomain.GENERAL,
                null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> new RunDeclaration("r", null, Double.NaN, null, null, null, null, DataDomain.GENERAL,
                null)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("plannedFlop");
        assertThatThrownBy(() -> RunDeclaration.qualified("lab a", "r")).isInstanceOf(IllegalArgumentException.class);
        assertThat(RunDeclaration.qualified("lab-a", "r.1")).isEqualTo("lab-a/r.1");
    }
}
