package org.computegov.deployment.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.computegov.deployment.registry.NotificationRegimes.Anchor;
import org.computegov.deployment.registry.NotificationRegimes.Comparison;
import org.computegov.deployment.registry.NotificationRegimes.Facts;
import org.computegov.deployment.registry.NotificationRegimes.Trigger;
import org.computegov.registry.kernel.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The notification regimes as data: the EU AI Act's compute trigger is strict ("greater than 10^25 FLOP", as the
 * knowledge catalog's EU-AIA-51 says), the score trigger, the deadline from each anchor, and a regimes file with an
 * unknown field or value refused at load, naming the file, the regime and what is allowed.
 */
class NotificationRegimesTest {
    private static final NotificationRegimes BUILT_IN = NotificationRegimes.builtIn();
    private static final Instant CROSSED = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant DEPLOYED = Instant.parse("2026-06-30T00:00:00Z");

    private static Facts compute(double flop, Instant registered) {
        return new Facts(Optional.of(flop), Map.of("EU-AIA-51", CROSSED, "EU-GPAI-guidelines-GPAI", CROSSED.minus(Duration.ofDays(200))),
                List.of(), Optional.empty(), registered);
    }

    private static Facts scores(JsonNode results, Optional<Instant> deployed, Instant registered) {
        return new Facts(Optional.empty(), Map.of(), List.of(results), deployed, registered);
    }

    private static List<String> regimes(JsonNode evaluated) {
        return evaluated.findValuesAsText("regime");
    }

    @Test
    void theBuiltInRegimesStateTheirComparisons() {
        NotificationRegimes.Regime eu = BUILT_IN.regimes().get(0);
        assertThat(eu.id()).isEqualTo("eu-ai-act-art52");
        assertThat(eu.trigger()).isEqualTo(Trigger.TRAINING_COMPUTE);
        assertThat(eu.threshold()).isEqualTo(1e25);
        assertThat(eu.comparison()).isEqualTo(Comparison.GREATER_THAN);
        assertThat(eu.anchor()).isEqualTo(Anchor.THRESHOLD_CROSSED);
        assertThat(eu.crossing()).contains("EU-AIA-51");
        assertThat(eu.days()).isEqualTo(14);
        NotificationRegimes.Regime demo = BUILT_IN.regimes().get(1);
        assertThat(demo.trigger()).isEqualTo(Trigger.EVALUATION_SCORE);
        assertThat(demo.metric()).contains("bio-uplift");
        assertThat(demo.comparison()).isEqualTo(Comparison.AT_LEAST);
        assertThat(demo.anchor()).isEqualTo(Anchor.DEPLOYMENT);
    }

    @ParameterizedTest(name = "{0} FLOP triggers the EU AI Act: {1}")
    @CsvSource({"1e25, false", "9.99e24, false", "1.2e25, true", "3e26, true", "4e23, false"})
    void theEuAiActTriggersOnlyAboveTenToTheTwentyFive(double flop, boolean triggers) {
        JsonNode out = BUILT_IN.evaluate(compute(flop, CROSSED));
        assertThat(regimes(out).contains("eu-ai-act-art52")).as("%s FLOP", flop).isEqualTo(triggers);
        if (triggers) {
            assertThat(out.get(0).path("why").asText()).startsWith("training compute ").endsWith(" FLOP > 1.00e25");
        }
    }

    @Test
    void theNextDoubleAboveTenToTheTwentyFiveTriggers() {
        JsonNode out = BUILT_IN.evaluate(compute(Math.nextUp(1e25), CROSSED));
        assertThat(regimes(out)).containsExactly("eu-ai-act-art52");
        assertThat(out.get(0).path("why").asText()).isEqualTo("training compute 1.00e25 FLOP > 1.00e25");
    }

    @Test
    void noComputeKnownTriggersNothing() {
        assertThat(BUILT_IN.evaluate(new Facts(Optional.empty(), Map.of(), List.of(), Optional.empty(), CROSSED))).isEmpty();
    }

    @Test
    void theDeadlineCountsFromTheNamedRegimesCrossingNotAnEarlierOne() {
        // Registered on the last day: met. The 1e23 guideline's earlier crossing does not move the deadline.
        JsonNode onTime = BUILT_IN.evaluate(compute(2e25, CROSSED.plus(Duration.ofDays(14)))).get(0);
        assertThat(onTime.path("dueBy").asText()).isEqualTo("2026-03-15T12:00:00Z");
        assertThat(onTime.path("met").asBoolean()).isTrue();
        assertThat(onTime.path("deadline").asText()).isEqualTo("14 days after the threshold (EU-AIA-51) is crossed");
        assertThat(onTime.path("notifiedAt").asText()).isEqualTo("2026-03-15T12:00:00Z");
        assertThat(onTime.path("citation").asText()).contains("Art. 51(2)").contains("Art. 52(1)");

        JsonNode late = BUILT_IN.evaluate(compute(2e25, CROSSED.plus(Duration.ofDays(14)).plusSeconds(1))).get(0);
        assertThat(late.path("met").asBoolean()).isFalse();

        // Judged by its plan before any usage crossed: the regime applies, the deadline is not known yet.
        JsonNode planned = BUILT_IN.evaluate(new Facts(Optional.of(2e25), Map.of(), List.of(), Optional.empty(), CROSSED)).get(0);
        assertThat(planned.path("regime").asText()).isEqualTo("eu-ai-act-art52");
        assertThat(planned.has("dueBy")).isFalse();
        assertThat(planned.has("met")).isFalse();
    }

    @Test
    void anEvaluationScoreAtOrAboveTheThresholdTriggersWithADeadlineBeforeDeployment() {
        JsonNode at = BUILT_IN.evaluate(scores(Json.object().put("bio-uplift", 0.5), Optional.of(DEPLOYED),
                DEPLOYED.minus(Duration.ofDays(30)))).get(0);
        assertThat(at.path("regime").asText()).isEqualTo("demo-eval-uplift");
        assertThat(at.path("why").asText()).isEqualTo("bio-uplift score 0.5 ≥ 0.5");
        assertThat(at.path("dueBy").asText()).isEqualTo("2026-05-31T00:00:00Z");
        assertThat(at.path("deadline").asText()).isEqualTo("30 days before deployment");
        assertThat(at.path("met").asBoolean()).isTrue();

        JsonNode late = BUILT_IN.evaluate(scores(Json.object().put("bio-uplift", 0.9), Optional.of(DEPLOYED),
                DEPLOYED.minus(Duration.ofDays(29)))).get(0);
        assertThat(late.path("met").asBoolean()).isFalse();

        // Not deployed yet: applies, no date.
        JsonNode undeployed = BUILT_IN.evaluate(scores(Json.object().put("bio-uplift", 0.7), Optional.empty(), DEPLOYED)).get(0);
        assertThat(undeployed.has("dueBy")).isFalse();

        assertThat(BUILT_IN.evaluate(scores(Json.object().put("bio-uplift", 0.49), Optional.of(DEPLOYED), DEPLOYED))).isEmpty();
        assertThat(BUILT_IN.evaluate(scores(Json.object().put("bio-uplift", "high"), Optional.of(DEPLOYED), DEPLOYED))).isEmpty();
        assertThat(BUILT_IN.evaluate(scores(Json.object().put("cyber-uplift", 0.9), Optional.of(DEPLOYED), DEPLOYED))).isEmpty();
    }

    @Test
    void aFilesOwnComparisonIsHonouredAtTheBoundary() throws Exception {
        NotificationRegimes atLeast = parse("""
                [{"id": "r", "name": "R", "trigger": "training-compute", "threshold": 1e26, "comparison": ">=",
                  "anchor": "deployment", "days": 0, "citation": "c"}]""");
        assertThat(atLeast.evaluate(new Facts(Optional.of(1e26), Map.of(), List.of(), Optional.of(DEPLOYED), DEPLOYED)))
                .singleElement().satisfies(r -> {
                    assertThat(r.path("why").asText()).isEqualTo("training compute 1.00e26 FLOP ≥ 1.00e26");
                    assertThat(r.path("dueBy").asText()).isEqualTo(DEPLOYED.toString());
                    assertThat(r.path("met").asBoolean()).isTrue();
                });
        NotificationRegimes strict = parse("""
                [{"id": "s", "name": "S", "trigger": "evaluation-score", "metric": "m", "threshold": 0.5, "comparison": ">",
                  "anchor": "deployment", "days": 1, "citation": "c"}]""");
        assertThat(strict.evaluate(scores(Json.object().put("m", 0.5), Optional.empty(), DEPLOYED))).isEmpty();
        assertThat(strict.evaluate(scores(Json.object().put("m", 0.51), Optional.empty(), DEPLOYED))).hasSize(1);
    }

    private static NotificationRegimes parse(String json) throws Exception {
        return NotificationRegimes.parse("regimes.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String GOOD = """
            {"id": "x", "name": "X", "trigger": "training-compute", "threshold": 1e25, "comparison": ">",
             "anchor": "threshold-crossed", "crossing": "EU-AIA-51", "days": 14, "citation": "c"}""";

    private static String with(String field, String value) {
        return "[" + GOOD.replaceFirst("\"" + field + "\": [^,}]+", "\"" + field + "\": " + value) + "]";
    }

    @Test
    void theTemplateOfTheBadFilesIsGood() throws Exception {
        assertThat(parse("[" + GOOD + "]").regimes()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown anchor     | anchor     | "first-deployment" | regimes.json, regime 1 ('x'): anchor 'first-deployment' is not allowed; use one of: threshold-crossed, deployment.
            unknown trigger    | trigger    | "parameters"       | regimes.json, regime 1 ('x'): trigger 'parameters' is not allowed; use one of: training-compute, evaluation-score.
            unknown comparison | comparison | "=>"               | regimes.json, regime 1 ('x'): comparison '=>' is not allowed; use one of: >, >=.
            threshold as text  | threshold  | "1e25"             | regimes.json, regime 1 ('x'): 'threshold' must be a positive number of FLOP, e.g. 1e25, got "1e25".
            negative days      | days       | -1                 | regimes.json, regime 1 ('x'): 'days' must be a whole number of days from 0, got -1.
            fractional days    | days       | 1.5                | regimes.json, regime 1 ('x'): 'days' must be a whole number of days from 0, got 1.5.
            """)
    void aBadValueIsRefusedNamingTheFileTheRegimeAndTheAllowedValues(String what, String field, String value, String message) {
        assertThatThrownBy(() -> parse(with(field, value))).as(what).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void badFilesAreRefusedWithClearMessages() {
        assertThatThrownBy(() -> parse("[" + GOOD.replace("\"days\"", "\"deadlineDays\"") + "]"))
                .hasMessage("regimes.json, regime 1 ('x'): unknown field 'deadlineDays'; the fields are id, name, trigger, metric,"
                        + " threshold, comparison, anchor, crossing, days, citation.");
        // The old spelling of the trigger is refused, not silently ignored (which would make the regime never apply).
        assertThatThrownBy(() -> parse("[" + GOOD.replace("\"threshold\"", "\"trainingFlopAtLeast\"") + "]"))
                .hasMessageContaining("unknown field 'trainingFlopAtLeast'");
        assertThatThrownBy(() -> parse("[" + GOOD.replace("\"crossing\": \"EU-AIA-51\", ", "") + "]"))
                .hasMessageStartingWith("regimes.json, regime 1 ('x'): anchor threshold-crossed needs 'crossing'");
        assertThatThrownBy(() -> parse("[" + GOOD.replace("\"anchor\": \"threshold-crossed\"", "\"anchor\": \"deployment\"") + "]"))
                .hasMessage("regimes.json, regime 1 ('x'): 'crossing' is only for anchor threshold-crossed.");
        assertThatThrownBy(() -> parse("[" + GOOD.replace("\"trigger\": \"training-compute\"", "\"trigger\": \"evaluation-score\"") + "]"))
                .hasMessageStartingWith("regimes.json, regime 1 ('x'): trigger evaluation-score needs 'metric'");
        assertThatThrownBy(() -> parse("[" + GOOD.replace("\"id\": \"x\", ", "\"id\": \"x\", \"metric\": \"m\", ") + "]"))
                .hasMessage("regimes.json, regime 1 ('x'): 'metric' is only for trigger evaluation-score; training-compute compares the run's FLOP.");
        assertThatThrownBy(() -> parse("[" + GOOD.replace("\"anchor\": \"threshold-crossed\", ", "") + "]"))
                .hasMessage("regimes.json, regime 1 ('x'): anchor is missing; use one of: threshold-crossed, deployment.");
        assertThatThrownBy(() -> parse("[" + GOOD.replace("\"name\": \"X\", ", "") + "]"))
                .hasMessage("regimes.json, regime 1 ('x'): 'name' is required (text).");
        assertThatThrownBy(() -> parse("[" + GOOD + ", " + GOOD + "]"))
                .hasMessage("regimes.json, regime 2: id 'x' is used twice.");
        assertThatThrownBy(() -> parse("{\"regimes\": []}"))
                .hasMessage("regimes.json must hold a JSON array of notification regimes.");
        assertThatThrownBy(() -> parse("[{]"))
                .hasMessageStartingWith("regimes.json is not valid JSON: ");
        assertThatThrownBy(() -> parse("[3]"))
                .hasMessage("regimes.json, regime 1: must be a JSON object.");
    }
}
